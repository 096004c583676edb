// Observed practice beside simulated practice: does what officers do in assessments show up when
// a coach watches them on the wing?
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LevelTag } from "~/components/observation";
import { reportHref, ReportsHeader } from "~/components/reports";
import { MITI_LEVELS } from "~/domain/indicators";
import type { LevelPair } from "~/domain/observation/transfer";
import { describeShare, isSmallGroup, SUPPRESSED_TEXT } from "~/domain/reporting/suppression";
import { observedReport } from "~/reports/observed.server";
import { requireReportScope } from "~/reports/scope.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Observed practice");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  return {
    scope: { prison: scope.prison, prisons: scope.prisons },
    ...(await observedReport(scope.db, scope.user, scope.prison.id)),
  };
}

type Report = Awaited<ReturnType<typeof loader>>;

function Header({ children }: { children: string }) {
  return (
    <th scope="col" className="govuk-table__header">
      {children}
    </th>
  );
}

function GroupRow({ label, g }: { label: string; g: Report["prison"] }) {
  const small = isSmallGroup(g.compared);
  return (
    <tr className="govuk-table__row">
      <th scope="row" className="govuk-table__header">
        {label}
      </th>
      <td className="govuk-table__cell">{isSmallGroup(g.officers) ? SUPPRESSED_TEXT : g.officers}</td>
      <td className="govuk-table__cell">{describeShare(g.observed)}</td>
      <td className="govuk-table__cell">
        {small ? SUPPRESSED_TEXT : `${describeShare(g.rq.assessment)} → ${describeShare(g.rq.wing)}`}
      </td>
      <td className="govuk-table__cell">
        {small ? SUPPRESSED_TEXT : `${describeShare(g.cr.assessment)} → ${describeShare(g.cr.wing)}`}
      </td>
      <td className="govuk-table__cell">{describeShare(g.technical)}</td>
      <td className="govuk-table__cell">{describeShare(g.relational)}</td>
    </tr>
  );
}

/** One indicator of an officer: the figures on the wing and in the assessment, the change, the wing's level. */
function PairCell({ figures, pair }: { figures: { wing: string; assessment: string | null }; pair: LevelPair }) {
  return (
    <td className="govuk-table__cell">
      Wing {figures.wing}, assessment {figures.assessment ?? "none"}
      {pair.change ? <span className="govuk-body-s govuk-!-display-block">{pair.change}</span> : null}{" "}
      <LevelTag level={pair.wing} />
    </td>
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
        coding. Groups of fewer than 5 officers are shown as “{SUPPRESSED_TEXT}”. Opening this page is written to the
        audit log.
      </p>
      <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            The transfer gap: at fair or better, assessment → wing
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <Header>Group</Header>
              <Header>Officers</Header>
              <Header>Observed in the last 6 months</Header>
              <Header>Reflection-to-question ratio</Header>
              <Header>Complex reflections</Header>
              <Header>Technical global (wing)</Header>
              <Header>Relational global (wing)</Header>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            <GroupRow label="Whole prison" g={prison} />
            {wings.map((w) => (
              <GroupRow key={w.wingName} label={w.wingName} g={w} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Officers, table scrolls sideways">
        <table className="govuk-table app-record-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Officers</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <Header>Officer</Header>
              <Header>Wing</Header>
              <Header>Observed (6 months)</Header>
              <Header>Reflection-to-question ratio</Header>
              <Header>Complex reflections</Header>
              <Header>Technical global</Header>
              <Header>Relational global</Header>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {officers.map((o) => (
              <tr key={o.officerId} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  <a className="govuk-link" href={reportHref(`/reports/officers/${o.officerId}`, scope)}>
                    {o.name}
                  </a>
                </th>
                <td className="govuk-table__cell">{o.wingName}</td>
                <td className="govuk-table__cell">
                  {o.observations === 0 ? "Not observed" : `${o.observations}, last ${o.lastObserved}`}
                </td>
                {o.transfer && o.figures ? (
                  <>
                    <PairCell figures={o.figures.rq} pair={o.transfer.rq} />
                    <PairCell figures={o.figures.cr} pair={o.transfer.cr} />
                    <td className="govuk-table__cell">
                      {o.figures.technical} <LevelTag level={o.transfer.technical} />
                    </td>
                    <td className="govuk-table__cell">
                      {o.figures.relational} <LevelTag level={o.transfer.relational} />
                    </td>
                  </>
                ) : (
                  <td className="govuk-table__cell" colSpan={4}>
                    No observation in the last 6 months
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ReportsHeader>
  );
}
