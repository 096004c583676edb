// My record: every attempt an officer has made, with its ending and indicators, and downloads.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { WideTable } from "~/components/wide-table";
import { formatDate } from "~/domain/dates.server";
import { ASSESSMENT_RESULT, MODE } from "~/domain/vocabulary";
import { Tag } from "~/components/page";
import { INDICATOR_NAMES, recordOf } from "~/practice/record.server";
import { observationsOfOfficer } from "~/coaching/officer.server";
import { ObservationCard, OBSERVED_NOTE } from "~/components/observation";
import { title } from "~/utils/meta";
import { Cell, Row, RowHeader, Table } from "~/components/table";
import { ratingInWords } from "~/studio/hrq";
import { RatingsExplained } from "~/components/ratings-explained";

export const meta: MetaFunction = () => title("My record");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "viewOwnRecord" });
  const [entries, observations] = await Promise.all([
    recordOf(context.db, user.id),
    observationsOfOfficer(context.db, user.id),
  ]);
  return {
    entries: entries.map((e) => ({ ...e, date: formatDate(e.startedAt) })),
    indicatorNames: INDICATOR_NAMES,
    observations,
  };
}

export default function Record() {
  const { entries, indicatorNames, observations } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">My record</h1>
      <p className="govuk-body">
        Every attempt you have made, newest first. An assessment counts towards being competent when it passes the
        module's thresholds. The indicators are practice indicators based on MITI 4.2.1 (the Motivational Interviewing
        Treatment Integrity code), not a MITI coding; open questions are from MITI 3.1.1.
      </p>
      <p className="govuk-body">
        Download your record as{" "}
        <a className="govuk-link" href="/record.csv" download>
          CSV (spreadsheet)
        </a>{" "}
        or{" "}
        <a className="govuk-link" href="/record.json" download>
          JSON
        </a>
        . Downloads include your written replies and any trainer's rating.
      </p>
      <h2 className="govuk-heading-m" id="observed">
        Observed on the wing
      </h2>
      {observations.length === 0 ? (
        <p className="govuk-body">No coach has recorded an observation of you yet.</p>
      ) : (
        <>
          <p className="govuk-body">
            {OBSERVED_NOTE} Download them as{" "}
            <a className="govuk-link" href="/record/observations.csv" download>
              CSV (spreadsheet)
            </a>
            ; the JSON download above includes them too.
          </p>
          {observations.map((o) => (
            <ObservationCard
              key={o.id}
              view={o}
              href={`/record/observations/${o.id}`}
              linkText={o.reflection ? "Read it" : "Read it and add your reflection"}
            />
          ))}
        </>
      )}
      <h2 className="govuk-heading-m">Practice and assessments</h2>
      {entries.length === 0 ? (
        <p className="govuk-body">You have not started any scenarios yet.</p>
      ) : (
        <WideTable label="Practice and assessments">
          {/* The heading above says what the table holds: a visible caption would say it twice. */}
          <Table
            caption="Practice and assessments"
            captionSize="hidden"
            head={["Date", "Scenario", "Mode", "Assessment result", "Ending", ...indicatorNames]}
            className="app-record-table govuk-!-font-size-16"
          >
            {entries.map((e) => (
              <Row key={e.id}>
                <RowHeader className="app-record-table__date">{e.date}</RowHeader>
                <Cell>
                  <a
                    className="govuk-link"
                    href={e.status === "In progress" ? `/attempts/${e.id}` : `/attempts/${e.id}/review`}
                  >
                    {e.scenario}
                  </a>
                  {e.writtenReplies.map((w, i) => (
                    <span key={`${w.at}-${i}`} className="govuk-body-s govuk-!-display-block">
                      {w.rating === null ? "Written reply not yet rated" : `Written reply: ${ratingInWords(w.rating)}`}
                      {w.comment ? `. Trainer's comment: ${w.comment}` : ""}
                    </span>
                  ))}
                </Cell>
                <Cell>{MODE[e.mode].label}</Cell>
                <Cell>
                  {e.assessment ? (
                    <>
                      <Tag colour={ASSESSMENT_RESULT[e.assessment.passed ? "passed" : "not_passed"].colour}>
                        {e.assessment.result}
                      </Tag>
                      {e.assessment.missed.length ? (
                        <span className="govuk-body-s govuk-!-display-block">
                          Missed: {e.assessment.missed.join("; ")}
                        </span>
                      ) : null}
                    </>
                  ) : e.mode === "practice" ? (
                    "Not assessed (practice)"
                  ) : (
                    "–"
                  )}
                </Cell>
                <Cell>{e.ending ? `${e.ending} (${e.outcome})` : e.status}</Cell>
                {indicatorNames.map((n) => (
                  <Cell key={n}>{e.indicators[n] ?? "–"}</Cell>
                ))}
              </Row>
            ))}
          </Table>
        </WideTable>
      )}
      {entries.some((e) => e.writtenReplies.length > 0) ? <RatingsExplained /> : null}
    </>
  );
}
