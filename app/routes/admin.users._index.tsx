import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { listEstablishments } from "~db/queries/establishments.server";
import { listUsers } from "~db/queries/users.server";
import { roleLabel, ROLES, ROLE_VALUES } from "~/admin/roles";
import { requireUser } from "~/auth/guard.server";
import { Tag } from "~/components/page";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Users");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { roles: ["admin"] });
  const url = new URL(request.url);
  const prison = Number(url.searchParams.get("prison")) || null;
  const roleParam = url.searchParams.get("role");
  const role = ROLE_VALUES.find((r) => r === roleParam);
  const search = (url.searchParams.get("q") ?? "").slice(0, 100);
  const [users, establishments] = await Promise.all([
    listUsers(context.db, { establishmentId: prison, role, search }),
    listEstablishments(context.db),
  ]);
  return { users, establishments, filter: { prison: prison ? String(prison) : "", role: role ?? "", q: search } };
}

export default function Users() {
  const { users, establishments, filter } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Users</h1>
      <a href="/admin/users/new" className="govuk-button" role="button" draggable="false">
        Create a user
      </a>
      <Form method="get" className="app-filter-row">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-q">
            Name or username
          </label>
          <input className="govuk-input govuk-input--width-20" id="filter-q" name="q" defaultValue={filter.q} />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-prison">
            Prison
          </label>
          <select className="govuk-select" id="filter-prison" name="prison" defaultValue={filter.prison}>
            <option value="">All prisons</option>
            {establishments.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-role">
            Role
          </label>
          <select className="govuk-select" id="filter-role" name="role" defaultValue={filter.role}>
            <option value="">All roles</option>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
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
          {users.length} user{users.length === 1 ? "" : "s"}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Name
            </th>
            <th scope="col" className="govuk-table__header">
              Username
            </th>
            <th scope="col" className="govuk-table__header">
              Role
            </th>
            <th scope="col" className="govuk-table__header">
              Prison and wing
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {users.map((u) => (
            <tr className="govuk-table__row" key={u.id}>
              <td className="govuk-table__cell">
                <a className="govuk-link" href={`/admin/users/${u.id}`}>
                  {u.display_name}
                </a>
              </td>
              <td className="govuk-table__cell">{u.username}</td>
              <td className="govuk-table__cell">{roleLabel(u.role)}</td>
              <td className="govuk-table__cell">
                {[u.establishment_name, u.unit_name].filter(Boolean).join(", ") || "None"}
              </td>
              <td className="govuk-table__cell">
                {u.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
