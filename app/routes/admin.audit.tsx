import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { AUDIT_KINDS } from "~/audit/log-filters";
import { auditPage, parseAuditQuery } from "~/audit/log.server";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { Select, TextInput } from "~/components/fields";
import { DateRangeInputs } from "~/components/date-input";
import { Pagination } from "~/components/pagination";
import { title } from "~/utils/meta";
import { Cell, Row, Table } from "~/components/table";

export const meta: MetaFunction = () => title("Audit log");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "readAuditLog" });
  const url = new URL(request.url);
  const query = parseAuditQuery(url.searchParams);
  const page = await auditPage(context.db, query, url);
  return { ...page, values: query.values, errors: query.errors, wrongDates: query.wrongDates };
}

export default function AuditLog() {
  const { events, total, page, pages, values, errors, wrongDates } = useLoaderData<typeof loader>();
  const filtered = Object.keys(errors).length > 0;
  const download = `/admin/audit.csv${Object.keys(values).length ? `?${new URLSearchParams(values)}` : ""}`;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">Audit log</h1>
      <Form method="get" className="app-filter-row" aria-label="Filter events">
        <Select
          name="action"
          label="Kind of event"
          defaultValue={values.action ?? ""}
          error={errors.action}
          options={AUDIT_KINDS.map((k) => ({ value: k.value, label: k.label }))}
        />
        <DateRangeInputs values={values} errors={errors} wrong={wrongDates} />
        <TextInput
          name="person"
          label="Person"
          hint="Who did it, or to whom"
          defaultValue={values.person}
          error={errors.person}
          className="govuk-input--width-20"
          autoComplete="off"
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Filter
        </button>
      </Form>
      {filtered ? null : (
        <p className="govuk-body">
          <a className="govuk-link" href={download} download>
            Download {total === 1 ? "this event" : `these ${total.toLocaleString("en-GB")} events`} as CSV
          </a>{" "}
          (the download is itself recorded in the audit log)
        </p>
      )}
      <Table
        caption={
          filtered
            ? "No events shown: correct the filters above"
            : `${total.toLocaleString("en-GB")} event${total === 1 ? "" : "s"}, newest first${pages > 1 ? `, page ${page} of ${pages}` : ""}`
        }
        head={["When", "What happened"]}
        className="app-audit app-wrap"
      >
        {events.map((e) => (
          <Row key={e.id}>
            <Cell className="app-audit__when">{e.when}</Cell>
            <Cell>
              <p className="govuk-body govuk-!-margin-bottom-1">{e.sentence}</p>
              <details className="govuk-details govuk-!-margin-bottom-0">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">
                    Raw record<span className="govuk-visually-hidden"> of event {e.id}</span>
                  </span>
                </summary>
                <div className="govuk-details__text">
                  <dl className="govuk-summary-list govuk-summary-list--no-border govuk-!-font-size-16">
                    {(
                      [
                        ["Action", e.raw.action],
                        ["Time (UTC)", e.at],
                        ["Who", e.raw.actor ?? "Not signed in"],
                        ["To whom", e.raw.subject],
                        ["Prison", e.raw.prison],
                        ["Details", e.raw.details],
                        ["Request id", e.raw.requestId],
                      ] as const
                    )
                      .filter(([, v]) => v)
                      .map(([k, v]) => (
                        <div key={k} className="govuk-summary-list__row">
                          <dt className="govuk-summary-list__key">{k}</dt>
                          <dd className="govuk-summary-list__value app-wrap">
                            <code>{v}</code>
                          </dd>
                        </div>
                      ))}
                  </dl>
                </div>
              </details>
            </Cell>
          </Row>
        ))}
        {events.length === 0 && !filtered ? (
          <Row>
            <Cell colSpan={2}>No events match these filters.</Cell>
          </Row>
        ) : null}
      </Table>
      <Pagination page={page} pages={pages} query={values} />
    </>
  );
}
