import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { idParam } from "~/utils/query.server";
import { reportHref, ReportsHeader, StatusTag } from "~/components/reports";
import { ASSESSMENT_RESULT, ATTEMPT_STATUS, INDICATOR_LEVEL, MODE } from "~/domain/vocabulary";
import { Tag } from "~/components/page";
import { ObservationCard, OBSERVED_NOTE } from "~/components/observation";
import { officerRecord } from "~/reports/record.server";
import { requireReportScope } from "~/reports/scope.server";
import { title } from "~/utils/meta";
import { Cell, Row, RowHeader, Table } from "~/components/table";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `${data.officer.name}: training record` : "Training record");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const record = await officerRecord(scope.db, scope.user, scope.prison.id, idParam(params.officerId));
  return { scope: { prison: scope.prison, prisons: scope.prisons }, ...record };
}

export default function OfficerRecord() {
  const { scope, officer, modules, attempts, observations } = useLoaderData<typeof loader>();
  return (
    <ReportsHeader scope={scope} title={`${officer.name}: training record`}>
      <p className="govuk-body">
        {officer.wing ?? "No wing"}
        {officer.active ? "" : " (deactivated)"}.{" "}
        <a className="govuk-link" href={reportHref("/reports/matrix", scope)}>
          Back to the training matrix
        </a>
      </p>
      <p className="govuk-body-s">Opening this record is written to the audit log.</p>
      <Table caption="Modules" head={["Module", "Status", "Refresher due"]}>
        {modules.map((m) => (
          <Row key={m.id}>
            <RowHeader>{m.title}</RowHeader>
            <Cell>
              <StatusTag status={m.status} />
            </Cell>
            <Cell>{m.refresherDueAt ?? ""}</Cell>
          </Row>
        ))}
      </Table>
      <h2 className="govuk-heading-m">Observed on the wing ({observations.length})</h2>
      {observations.length === 0 ? (
        <p className="govuk-body">No coach has recorded an observation of {officer.name} yet.</p>
      ) : (
        <p className="govuk-body-s">{OBSERVED_NOTE}</p>
      )}
      {observations.map((o) => (
        <ObservationCard key={o.id} view={o} href={`/coaching/observations/${o.id}`} linkText="Read the observation" />
      ))}
      <h2 className="govuk-heading-m">Attempts ({attempts.length})</h2>
      {attempts.length === 0 ? <p className="govuk-body">No attempts yet.</p> : null}
      {attempts.map((a) => (
        <div key={a.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {a.scenario}: {MODE[a.mode].label}, {a.started}
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Module</dt>
                <dd className="govuk-summary-list__value">{a.module}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Status</dt>
                <dd className="govuk-summary-list__value">
                  {ATTEMPT_STATUS[a.status].label}
                  {a.finished ? `, ${a.finished}` : ""}
                  {a.outcome ? ` (he ended ${a.outcome})` : ""}
                </dd>
              </div>
              {a.assessment ? (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Assessment result</dt>
                  <dd className="govuk-summary-list__value">
                    <Tag colour={ASSESSMENT_RESULT[a.assessment.passed ? "passed" : "not_passed"].colour}>
                      {ASSESSMENT_RESULT[a.assessment.passed ? "passed" : "not_passed"].label}
                    </Tag>
                    {a.assessment.passed ? (
                      <span className="govuk-body-s govuk-!-display-block">
                        Met the module&apos;s thresholds: counts towards competency.
                      </span>
                    ) : (
                      <span className="govuk-body-s govuk-!-display-block">
                        Missed: {a.assessment.missed.join("; ")}
                      </span>
                    )}
                  </dd>
                </div>
              ) : null}
              {a.indicators?.map((l) => (
                <div key={l.name} className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">{l.name}</dt>
                  <dd className="govuk-summary-list__value">
                    {l.value} <Tag colour={INDICATOR_LEVEL[l.level].colour}>{INDICATOR_LEVEL[l.level].label}</Tag>
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
      ))}
    </ReportsHeader>
  );
}
