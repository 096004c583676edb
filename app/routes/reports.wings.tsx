import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { ReportsHeader, ShareText } from "~/components/reports";
import { summariseByWing, type WingSummary } from "~/domain/reporting/aggregate";
import {
  BESIDE_SMALL_REASON,
  BESIDE_SMALL_TEXT,
  isSmallGroup,
  MIN_GROUP,
  SUPPRESSED_TEXT,
  type Share,
} from "~/domain/reporting/suppression";
import { prisonProgress } from "~/reports/progress.server";
import { requireReportScope } from "~/reports/scope.server";
import { WideTable } from "~/components/wide-table";
import { title } from "~/utils/meta";
import { Cell, Row, RowHeader, Table } from "~/components/table";

export const meta: MetaFunction = () => title("By wing");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const p = await prisonProgress(scope.db, scope.prison.id);
  const wings = summariseByWing(
    p.rules.map((r) => r.id),
    p.officers,
  );
  return {
    scope: { prison: scope.prison, prisons: scope.prisons },
    modules: p.curriculum.map((m) => ({ id: m.id, title: m.title })),
    wings,
  };
}

type Wing = Pick<WingSummary, "programme" | "modules">;

export default function ByWing() {
  const { scope, modules, wings } = useLoaderData<typeof loader>();
  return (
    <ReportsHeader scope={scope} title="By wing">
      <p className="govuk-body">
        Figures for fewer than {MIN_GROUP} officers are shown as “{SUPPRESSED_TEXT}”, so no one can be picked out.{" "}
        {BESIDE_SMALL_REASON}
      </p>
      <BarChart
        title="Officers who completed, and who are competent in, the whole programme, by wing"
        description="One group of bars per wing; wings with fewer than 5 officers, and a wing beside one, show no bars. The same figures are in the table below."
        names={["Completed", "Competent"]}
        rows={wings.map((w) => ({
          label: w.wingName,
          values: [w.programme.completed, w.programme.competent].map((s) => (s.shown ? s.percent : null)),
          note: isSmallGroup(w.officers)
            ? `${SUPPRESSED_TEXT} officers`
            : w.programme.completed.shown
              ? undefined
              : `${BESIDE_SMALL_TEXT}, beside a small wing`,
        }))}
      />
      {/* Wings across, measures down: a prison has a handful of wings, so this fits a laptop screen. */}
      <WideTable label="Completion and competency by wing">
        <Table
          caption="Completion and competency by wing"
          head={[<span className="govuk-visually-hidden">Measure</span>, ...wings.map((w) => w.wingName)]}
          id="by-wing"
          className="app-matrix"
        >
          <Row>
            <RowHeader>Officers</RowHeader>
            {wings.map((w) => (
              <Cell key={w.wingName}>{isSmallGroup(w.officers) ? SUPPRESSED_TEXT : w.officers}</Cell>
            ))}
          </Row>
          {(
            [
              ["Whole programme: completed", (w) => w.programme.completed],
              ["Whole programme: competent", (w) => w.programme.competent],
              ...modules.map(
                (m, i) => [`${m.title}: competent`, (w) => w.modules[i].competent] as [string, (w: Wing) => Share],
              ),
            ] as [string, (w: Wing) => Share][]
          ).map(([label, share]) => (
            <Row key={label}>
              <RowHeader>{label}</RowHeader>
              {wings.map((w) => (
                <Cell key={w.wingName}>
                  <ShareText share={share(w)} />
                </Cell>
              ))}
            </Row>
          ))}
        </Table>
      </WideTable>
    </ReportsHeader>
  );
}
