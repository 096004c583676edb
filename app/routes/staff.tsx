import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { countUsers, listUsers } from "~db/queries/users.server";
import { roleLabel } from "~/admin/roles";
import { Select } from "~/components/fields";
import { Tag } from "~/components/page";
import { Pagination, pageAt } from "~/components/pagination";
import { askedPage } from "~/utils/query.server";
import { reportHref } from "~/components/reports";
import { prisonQuery, requireReportScope } from "~/reports/scope.server";
import { WideTable } from "~/components/wide-table";
import { title } from "~/utils/meta";
import { Cell, Row, Table } from "~/components/table";

export const meta: MetaFunction = () => title("Staff");

const PAGE_SIZE = 100;

// Managers see their own prison's staff only (another prison's id is a 404); admins choose.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context, null, "manageStaff");
  const filter = { establishmentId: scope.prison.id };
  const total = await countUsers(scope.db, filter);
  const { page, pages, offset } = pageAt(askedPage(new URL(request.url).searchParams), total, PAGE_SIZE);
  const staff = await listUsers(scope.db, { ...filter, limit: PAGE_SIZE, offset });
  return {
    staff,
    total,
    page,
    pages,
    scope: { prison: scope.prison, prisons: scope.prisons },
    query: prisonQuery(scope),
  };
}

export default function Staff() {
  const { staff, total, page, pages, scope, query } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">{scope.prison.name}</span>
      <h1 className="govuk-heading-l">Staff</h1>
      <p className="govuk-body">
        <a className="govuk-link" href="/staff/import">
          Import staff from a file
        </a>
      </p>
      {scope.prisons.length ? (
        <Form method="get" className="app-filter-row">
          <Select
            name="prison"
            idPrefix="filter"
            label="Prison"
            defaultValue={scope.prison.id}
            options={scope.prisons.map((e) => ({ value: String(e.id), label: e.name }))}
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Show
          </button>
        </Form>
      ) : null}
      <p className="govuk-body">Select an officer’s name to see their training record. Opening a record is audited.</p>
      <WideTable label="Staff">
        <Table
          caption={`${total} staff${pages > 1 ? `, page ${page} of ${pages}` : ""}`}
          head={["Name", "Role", "Wing or team", "Status"]}
        >
          {staff.map((s) => (
            <Row key={s.id}>
              <Cell>
                {s.role === "officer" ? (
                  <a className="govuk-link" href={reportHref(`/reports/officers/${s.id}`, scope)}>
                    {s.display_name}
                  </a>
                ) : (
                  s.display_name
                )}
              </Cell>
              <Cell>{roleLabel(s.role)}</Cell>
              <Cell>{s.unit_name ?? "None"}</Cell>
              <Cell>{s.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>}</Cell>
            </Row>
          ))}
        </Table>
      </WideTable>
      <Pagination page={page} pages={pages} query={query} />
    </>
  );
}
