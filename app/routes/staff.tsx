import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { listUsers } from "~db/queries/users.server";
import { roleLabel } from "~/admin/roles";
import { Tag } from "~/components/page";
import { requireReportScope } from "~/reports/scope.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Staff");

// Managers see their own prison's staff only (another prison's id is a 404); admins choose.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const staff = await listUsers(scope.db, { establishmentId: scope.prison.id, limit: 5000 });
  return { staff, prisonName: scope.prison.name, prisonId: scope.prison.id, establishments: scope.prisons };
}

export default function Staff() {
  const { staff, prisonName, prisonId, establishments } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">{prisonName}</span>
      <h1 className="govuk-heading-l">Staff</h1>
      <p className="govuk-body">
        <a className="govuk-link" href="/staff/import">
          Import staff from a file
        </a>
      </p>
      {establishments.length ? (
        <Form method="get" className="app-filter-row">
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="filter-prison">
              Prison
            </label>
            <select className="govuk-select" id="filter-prison" name="prison" defaultValue={prisonId ?? ""}>
              {establishments.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary">
            Show
          </button>
        </Form>
      ) : null}
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{staff.length} staff</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Name
            </th>
            <th scope="col" className="govuk-table__header">
              Role
            </th>
            <th scope="col" className="govuk-table__header">
              Wing or team
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {staff.map((s) => (
            <tr key={s.id} className="govuk-table__row">
              <td className="govuk-table__cell">{s.display_name}</td>
              <td className="govuk-table__cell">{roleLabel(s.role)}</td>
              <td className="govuk-table__cell">{s.unit_name ?? "None"}</td>
              <td className="govuk-table__cell">
                {s.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
