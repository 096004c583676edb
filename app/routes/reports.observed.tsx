// Observed practice beside simulated practice: does what officers do in assessments show up when
// a coach watches them on the wing?
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LevelTag } from "~/components/levels";
import { reportHref, ReportsHeader } from "~/components/reports";
import { MITI_LEVELS } from "~/domain/indicators";
import type { LevelPair } from "~/domain/observation/transfer";
import {
  BESIDE_SMALL_REASON,
  describeShare,
  isSmallGroup,
  SUPPRESSED_TEXT,
  type Share,
} from "~/domain/reporting/suppression";
import { observedReport } from "~/reports/observed.server";
import { requireReportScope } from "~/reports/scope.server";
import { title } from "~/utils/meta";
import { Cell, Row, RowHeader, Table } from "~/components/table";
import { WideTable } from "~/components/wide-table";

export const meta: MetaFunction = () => title("Observed practice");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  return {
    scope: { prison: scope.prison, prisons: scope.prisons },
    ...(await observedReport(scope.db, scope.user, scope.prison.id)),
  };
}

type Report = Awaited<ReturnType<typeof loader>>;

/** "assessment → wing", or the one reason both are hidden (they share a group). */
const pair = (p: { assessment: Share; wing: Share }) =>
  p.assessment.shown ? `${describeShare(p.assessment)} → ${describeShare(p.wing)}` : describeShare(p.assessment);

function GroupRow({ label, g }: { label: string; g: Report["prison"] }) {
  return (
    <Row>
      <RowHeader>{label}</RowHeader>
      <Cell>{isSmallGroup(g.officers) ? SUPPRESSED_TEXT : g.officers}</Cell>
      <Cell>{describeShare(g.observed)}</Cell>
      <Cell>{pair(g.rq)}</Cell>
      <Cell>{pair(g.cr)}</Cell>
      <Cell>{describeShare(g.technical)}</Cell>
      <Cell>{describeShare(g.relational)}</Cell>
    </Row>
  );
}

/** One indicator of an officer: the figures on the wing and in the assessment, the change, the wing's level. */
function PairCell({ figures, pair }: { figures: { wing: string; assessment: string | null }; pair: LevelPair }) {
  return (
    <Cell>
      Wing {figures.wing}, assessment {figures.assessment ?? "none"}
      {pair.change ? <span className="govuk-body-s govuk-!-display-block">{pair.change}</span> : null}{" "}
      <LevelTag level={pair.wing} />
    </Cell>
  );
}

export default function ObservedPractice() {
  const { scope, since, prison, wings, officers } = useLoaderData<typeof loader>();
  const t = MITI_LEVELS.technicalGlobal;
  const r = MITI_LEVELS.relationalGlobal;
  return (
    <ReportsHeader scope={scope} title="Observed practice">
      <p className="govuk-body">
        Coaches’ observations of real conversations on the wing since {since}, beside each officer’s latest assessment.
        Each officer’s latest observation is set against the MITI 4.2.1 fair levels (reflection-to-question ratio 1 : 1,
        complex reflections 40%, technical global {t.fair.toFixed(1)}, relational global {r.fair.toFixed(1)}); the arrow
        reads from the assessment to the wing. These are observed practice indicators based on MITI 4.2.1, not a MITI
        coding. Groups of fewer than 5 officers are shown as “{SUPPRESSED_TEXT}”. {BESIDE_SMALL_REASON} Opening this
        page is written to the audit log.
      </p>
      <WideTable label="The transfer gap">
        <Table
          caption="The transfer gap: at fair or better, assessment → wing"
          head={[
            "Group",
            "Officers",
            "Observed in the last 6 months",
            "Reflection-to-question ratio",
            "Complex reflections",
            "Technical global (wing)",
            "Relational global (wing)",
          ]}
        >
          <GroupRow label="Whole prison" g={prison} />
          {wings.map((w) => (
            <GroupRow key={w.wingName} label={w.wingName} g={w} />
          ))}
        </Table>
      </WideTable>
      <WideTable label="Officers">
        <Table
          caption="Officers"
          head={[
            "Officer",
            "Wing",
            "Observed (6 months)",
            "Reflection-to-question ratio",
            "Complex reflections",
            "Technical global",
            "Relational global",
          ]}
          className="app-record-table"
        >
          {officers.map((o) => (
            <Row key={o.officerId}>
              <RowHeader>
                <a className="govuk-link" href={reportHref(`/reports/officers/${o.officerId}`, scope)}>
                  {o.name}
                </a>
              </RowHeader>
              <Cell>{o.wingName}</Cell>
              <Cell>{o.observations === 0 ? "Not observed" : `${o.observations}, last ${o.lastObserved}`}</Cell>
              {o.transfer && o.figures ? (
                <>
                  <PairCell figures={o.figures.rq} pair={o.transfer.rq} />
                  <PairCell figures={o.figures.cr} pair={o.transfer.cr} />
                  <Cell>
                    {o.figures.technical} <LevelTag level={o.transfer.technical} />
                  </Cell>
                  <Cell>
                    {o.figures.relational} <LevelTag level={o.transfer.relational} />
                  </Cell>
                </>
              ) : (
                <Cell colSpan={4}>No observation in the last 6 months</Cell>
              )}
            </Row>
          ))}
        </Table>
      </WideTable>
    </ReportsHeader>
  );
}
