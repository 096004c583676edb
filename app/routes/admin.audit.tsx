import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { countAudit, listAudit } from "~db/queries/audit.server";
import { requireUser } from "~/auth/guard.server";
import { formatDateTime } from "~/domain/dates.server";
import { Pagination, pageParam } from "~/components/pagination";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Audit log");

const PAGE_SIZE = 50;
const ACTIONS = [
  { value: "", label: "All events" },
  { value: "sign_in", label: "Sign-ins" },
  { value: "user.", label: "User changes" },
  { value: "prison.", label: "Prison changes" },
  { value: "unit.", label: "Wing and team changes" },
  { value: "record.", label: "Officer records viewed" },
  { value: "export.", label: "Exports and downloads" },
  { value: "session.", label: "Sessions ended" },
  { value: "scenario.", label: "Scenario publishing, imports, retirements and roll-backs" },
  { value: "reply.", label: "Written replies opened and rated" },
  { value: "target.", label: "Training targets set" },
  { value: "engagement.", label: "Programme engagement figures" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { roles: ["admin"] });
  const url = new URL(request.url);
  const action = ACTIONS.find((a) => a.value === url.searchParams.get("action"))?.value ?? "";
  const page = pageParam(url);
  const { db } = context;
  const [events, total] = await Promise.all([
    listAudit(db, { action: action || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    countAudit(db, action || undefined),
  ]);
  return {
    events: events.map((e) => ({ ...e, at: formatDateTime(e.at) })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    action,
  };
}

const person = (name: string | null, username: string | null) => (name ? `${name} (${username})` : "");

export default function AuditLog() {
  const { events, total, page, pages, action } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      <Form method="get" className="app-filter-row">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-action">
            Show
          </label>
          <select className="govuk-select" id="filter-action" name="action" defaultValue={action}>
            {ACTIONS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Filter
        </button>
      </Form>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">
          {total} event{total === 1 ? "" : "s"}, newest first
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              When (UTC)
            </th>
            <th scope="col" className="govuk-table__header">
              Who
            </th>
            <th scope="col" className="govuk-table__header">
              What
            </th>
            <th scope="col" className="govuk-table__header">
              Whom
            </th>
            <th scope="col" className="govuk-table__header">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {events.map((e) => (
            <tr key={e.id} className="govuk-table__row">
              <td className="govuk-table__cell">{e.at}</td>
              <td className="govuk-table__cell">{person(e.actor_name, e.actor_username) || "Someone not signed in"}</td>
              <td className="govuk-table__cell">{e.action}</td>
              <td className="govuk-table__cell">
                {person(e.subject_name, e.subject_username) || e.establishment_name || ""}
              </td>
              <td className="govuk-table__cell app-wrap">{e.details ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pages={pages} query={action ? { action } : {}} />
    </>
  );
}
