import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { ReportsHeader, ShareText } from "~/components/reports";
import { summariseByWing, type WingSummary } from "~/domain/reporting/aggregate";
import { isSmallGroup, MIN_GROUP, SUPPRESSED_TEXT, type Share } from "~/domain/reporting/suppression";
import { prisonProgress } from "~/reports/progress.server";
import { requireReportScope } from "~/reports/scope.server";
import { WideTable } from "~/components/wide-table";
import { title } from "~/utils/meta";

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
        Figures for fewer than {MIN_GROUP} officers are shown as “{SUPPRESSED_TEXT}”, so no one can be picked out.
      </p>
      <BarChart
        title="Officers who completed, and who are competent in, the whole programme, by wing"
        description="One group of bars per wing; wings with fewer than 5 officers show no bars. The same figures are in the table below."
        names={["Completed", "Competent"]}
        rows={wings.map((w) => ({
          label: w.wingName,
          values: [w.programme.completed, w.programme.competent].map((s) => (s.shown ? s.percent : null)),
          note: isSmallGroup(w.officers) ? `${SUPPRESSED_TEXT} officers` : undefined,
        }))}
      />
      {/* Wings across, measures down: a prison has a handful of wings, so this fits a laptop screen. */}
      <WideTable label="Completion and competency by wing">
        <table className="govuk-table app-matrix" id="by-wing">
          <caption className="govuk-table__caption govuk-table__caption--m">Completion and competency by wing</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Measure</span>
              </th>
              {wings.map((w) => (
                <th key={w.wingName} scope="col" className="govuk-table__header">
                  {w.wingName}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                Officers
              </th>
              {wings.map((w) => (
                <td key={w.wingName} className="govuk-table__cell">
                  {isSmallGroup(w.officers) ? SUPPRESSED_TEXT : w.officers}
                </td>
              ))}
            </tr>
            {(
              [
                ["Whole programme: completed", (w) => w.programme.completed],
                ["Whole programme: competent", (w) => w.programme.competent],
                ...modules.map(
                  (m, i) => [`${m.title}: competent`, (w) => w.modules[i].competent] as [string, (w: Wing) => Share],
                ),
              ] as [string, (w: Wing) => Share][]
            ).map(([label, share]) => (
              <tr key={label} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {label}
                </th>
                {wings.map((w) => (
                  <td key={w.wingName} className="govuk-table__cell">
                    <ShareText share={share(w)} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </WideTable>
    </ReportsHeader>
  );
}
