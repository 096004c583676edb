import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReportsHeader } from "~/components/reports";
import { MITI_LEVELS } from "~/domain/indicators";
import { BANDS } from "~/domain/reporting/skills";
import { BESIDE_SMALL_REASON, BESIDE_SMALL_TEXT, describeShare, SUPPRESSED_TEXT } from "~/domain/reporting/suppression";
import { skillsReport } from "~/reports/skills.server";
import { requireReportScope } from "~/reports/scope.server";
import { title } from "~/utils/meta";
import { Cell, Row, RowHeader, Table } from "~/components/table";
import { WideTable } from "~/components/wide-table";

export const meta: MetaFunction = () => title("Skills");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  return {
    scope: { prison: scope.prison, prisons: scope.prisons },
    ...(await skillsReport(scope.db, scope.prison.id)),
  };
}

type Group = Awaited<ReturnType<typeof loader>>["prison"] & { wingName?: string };

const BAND_NAMES = {
  "below fair": "Below fair",
  fair: "Fair",
  good: "Good",
  "not applicable": "Not applicable",
} as const;

function DistributionTable({
  caption,
  groups,
  indicator,
}: {
  caption: string;
  groups: (Group & { label: string })[];
  indicator: "rq" | "cr";
}) {
  return (
    <WideTable label={caption}>
      <Table caption={caption} head={["Group", "Officers assessed", ...BANDS.map((b) => BAND_NAMES[b])]}>
        {groups.map((g) => (
          <Row key={g.label}>
            <RowHeader>{g.label}</RowHeader>
            <Cell>{g.suppressed ? SUPPRESSED_TEXT : g.assessed}</Cell>
            {BANDS.map((b) => (
              <Cell key={b}>{describeShare(g[indicator][b])}</Cell>
            ))}
          </Row>
        ))}
      </Table>
    </WideTable>
  );
}

export default function Skills() {
  const { scope, prison, wings } = useLoaderData<typeof loader>();
  const groups = [{ ...prison, label: "Whole prison" }, ...wings.map((w) => ({ ...w, label: w.wingName }))];
  const rq = MITI_LEVELS.reflectionToQuestion;
  const cr = MITI_LEVELS.percentComplexReflections;
  return (
    <ReportsHeader scope={scope} title="Skills">
      <p className="govuk-body">
        Each officer's latest finished assessment, placed against the MITI 4.2.1 lines: reflection-to-question ratio
        fair at {rq.fair} : 1 and good at {rq.good} : 1; complex reflections fair at {cr.fair}% and good at {cr.good}%.
        These are practice indicators from chosen responses, not a MITI coding. Groups of fewer than 5 officers are
        shown as “{SUPPRESSED_TEXT}”. {BESIDE_SMALL_REASON}
      </p>
      <DistributionTable caption="Reflection-to-question ratio" groups={groups} indicator="rq" />
      <DistributionTable caption="Complex reflections" groups={groups} indicator="cr" />
      <Table caption="Trainers' ratings of written replies" head={["Group", "Mean rating (1 to 5)", "Replies rated"]}>
        {groups.map((g) => (
          <Row key={g.label}>
            <RowHeader>{g.label}</RowHeader>
            <Cell>
              {g.rating.hidden === "small"
                ? `${SUPPRESSED_TEXT} officers`
                : g.rating.hidden === "besideSmall"
                  ? BESIDE_SMALL_TEXT
                  : g.rating.mean === null
                    ? "No ratings yet"
                    : (Math.round(g.rating.mean * 10) / 10).toFixed(1)}
            </Cell>
            <Cell>{g.rating.mean === null ? "" : g.rating.ratings}</Cell>
          </Row>
        ))}
      </Table>
    </ReportsHeader>
  );
}
