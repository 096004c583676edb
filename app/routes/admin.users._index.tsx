import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { listEstablishments, listUnits } from "~db/queries/establishments.server";
import { countUsers, listUsers } from "~db/queries/users.server";
import { roleLabel, ROLES } from "~/admin/roles";
import { readUserFilters } from "~/admin/user-forms.server";
import { requireUser } from "~/auth/guard.server";
import { Select, TextInput } from "~/components/fields";
import { Tag } from "~/components/page";
import { Pagination, pageAt } from "~/components/pagination";
import { WideTable } from "~/components/wide-table";
import { title } from "~/utils/meta";
import { Cell, Row, Table } from "~/components/table";

export const meta: MetaFunction = () => title("Users");

const PAGE_SIZE = 50;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "manageUsers" });
  const { db } = context;
  const asked = readUserFilters(new URL(request.url).searchParams);
  if (!asked) throw new Response("The filters could not be read.", { status: 400 });
  const { prison, unit, role, q: search } = asked;
  const [establishments, units] = await Promise.all([listEstablishments(db), listUnits(db)]);
  // A wing filter only within its own prison (it comes from a wing's page, with the prison).
  const wing = units.find((u) => u.id === unit && u.establishment_id === prison) ?? null;
  const filter = { establishmentId: prison, unitId: wing?.id ?? null, role: role ?? undefined, search };
  const total = await countUsers(db, filter);
  const { page, pages, offset } = pageAt(asked.page, total, PAGE_SIZE);
  const users = await listUsers(db, { ...filter, limit: PAGE_SIZE, offset });
  const query: Record<string, string> = {};
  if (search) query.q = search;
  if (prison) query.prison = String(prison);
  if (wing) query.unit = String(wing.id);
  if (role) query.role = role;
  return {
    users,
    establishments,
    wing: wing && { id: wing.id, name: wing.name },
    total,
    page,
    pages,
    query,
    filter: { prison: prison ? String(prison) : "", role: role ?? "", q: search },
  };
}

export default function Users() {
  const { users, establishments, wing, total, page, pages, query, filter } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Users</h1>
      <a href="/admin/users/new" className="govuk-button" role="button" draggable="false">
        Create a user
      </a>
      <Form method="get" className="app-filter-row">
        <TextInput
          name="q"
          idPrefix="filter"
          label="Name or username"
          className="govuk-input--width-20"
          defaultValue={filter.q}
        />
        <Select
          name="prison"
          idPrefix="filter"
          label="Prison"
          defaultValue={filter.prison}
          options={[
            { value: "", label: "All prisons" },
            ...establishments.map((e) => ({ value: String(e.id), label: e.name })),
          ]}
        />
        <Select
          name="role"
          idPrefix="filter"
          label="Role"
          defaultValue={filter.role}
          options={[{ value: "", label: "All roles" }, ...ROLES]}
        />
        {wing ? <input type="hidden" name="unit" value={wing.id} /> : null}
        <button type="submit" className="govuk-button govuk-button--secondary">
          Filter
        </button>
      </Form>
      {wing ? (
        <p className="govuk-body">
          Showing staff on {wing.name} only.{" "}
          <a className="govuk-link" href={`/admin/users?prison=${filter.prison}`}>
            Show every wing and team
          </a>
        </p>
      ) : null}
      <WideTable label="Users">
        <Table
          caption={`${total} user${total === 1 ? "" : "s"}${pages > 1 ? `, page ${page} of ${pages}` : ""}`}
          head={["Name", "Username", "Role", "Prison and wing", "Status"]}
        >
          {users.map((u) => (
            <Row key={u.id}>
              <Cell>
                <a className="govuk-link" href={`/admin/users/${u.id}`}>
                  {u.display_name}
                </a>
              </Cell>
              <Cell>{u.username}</Cell>
              <Cell>{roleLabel(u.role)}</Cell>
              <Cell>{[u.establishment_name, u.unit_name].filter(Boolean).join(", ") || "None"}</Cell>
              <Cell>{u.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>}</Cell>
            </Row>
          ))}
        </Table>
      </WideTable>
      <Pagination page={page} pages={pages} query={query} />
    </>
  );
}
