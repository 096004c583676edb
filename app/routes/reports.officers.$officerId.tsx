import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { idParam } from "~/utils/query.server";
import { reportHref, ReportsHeader, StatusTag } from "~/components/reports";
import { ASSESSMENT_RESULT, ATTEMPT_STATUS, MODE } from "~/domain/vocabulary";
import { IndicatorLevelTag } from "~/components/levels";
import { SummaryCard, SummaryList, Tag } from "~/components/page";
import { ObservationCard, OBSERVED_NOTE } from "~/components/observation";
import { officerRecord } from "~/reports/record.server";
import { requireReportScope } from "~/reports/scope.server";
import { title } from "~/utils/meta";
import { Cell, Row, RowHeader, Table } from "~/components/table";
import { WideTable } from "~/components/wide-table";

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
      <WideTable label="Modules">
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
      </WideTable>
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
        <SummaryCard
          key={a.id}
          level={3}
          title={
            <>
              {a.scenario}: {MODE[a.mode].label}, {a.started}
            </>
          }
        >
          <SummaryList
            rows={[
              { key: "Module", value: a.module },
              {
                key: "Status",
                value: (
                  <>
                    {ATTEMPT_STATUS[a.status].label}
                    {a.finished ? `, ${a.finished}` : ""}
                    {a.outcome ? ` (he ended ${a.outcome})` : ""}
                  </>
                ),
              },
              ...(a.assessment
                ? [
                    {
                      key: "Assessment result",
                      value: (
                        <>
                          <Tag colour={ASSESSMENT_RESULT[a.assessment.passed ? "passed" : "not_passed"].colour}>
                            {ASSESSMENT_RESULT[a.assessment.passed ? "passed" : "not_passed"].label}
                          </Tag>
                          <span className="govuk-body-s govuk-!-display-block">
                            {a.assessment.passed
                              ? "Met the module's thresholds: counts towards competency."
                              : `Missed: ${a.assessment.missed.join("; ")}`}
                          </span>
                        </>
                      ),
                    },
                  ]
                : []),
              ...(a.indicators ?? []).map((l) => ({
                key: l.name,
                value: (
                  <>
                    {l.value} <IndicatorLevelTag line={l} />
                  </>
                ),
              })),
            ]}
          />
        </SummaryCard>
      ))}
    </ReportsHeader>
  );
}
