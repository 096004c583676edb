import { plural } from "~/domain/words";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Select } from "~/components/fields";
import { Pagination } from "~/components/pagination";
import { reportHref, ReportsHeader, StatusTag } from "~/components/reports";
import { PROGRESS, PROGRESS_ORDER } from "~/domain/vocabulary";
import { matrixReport } from "~/reports/matrix.server";
import { DUE_FILTERS } from "~/domain/assignments";
import { DueText } from "~/assignments/components";
import { requireReportScope } from "~/reports/scope.server";
import { WideTable } from "~/components/wide-table";
import { title } from "~/utils/meta";
import { Cell, Row, RowHeader, Table } from "~/components/table";

export const meta: MetaFunction = () => title("Training matrix");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const report = await matrixReport(scope.db, scope.prison.id, new URL(request.url).searchParams);
  return { scope: { prison: scope.prison, prisons: scope.prisons }, ...report };
}

export default function Matrix() {
  const { scope, wings, modules, filters, filteredBy, rows, total, page, pages } = useLoaderData<typeof loader>();
  const v = filters.values;
  const query: Record<string, string> = {};
  for (const k of ["wing", "status", "module", "due", "sort"]) if (v[k]) query[k] = v[k];
  if (scope.prisons.length) query.prison = String(scope.prison.id);
  const hasErrors = Object.keys(filters.errors).length > 0;
  return (
    <ReportsHeader scope={scope} title="Training matrix">
      <ErrorSummary errors={filters.errors} />
      {/* Applying the filters lands on the results line (useFocusOnFragment), so a screen reader says what is shown. */}
      <Form
        method="get"
        action="/reports/matrix#matrix-results"
        className="app-filter-row"
        aria-label="Filter and sort officers"
      >
        {scope.prisons.length ? <input type="hidden" name="prison" value={scope.prison.id} /> : null}
        <Select
          name="wing"
          label="Wing"
          defaultValue={v.wing}
          error={filters.errors.wing}
          options={[{ value: "", label: "All wings" }, ...wings.map((w) => ({ value: String(w.id), label: w.name }))]}
        />
        <Select
          name="module"
          label="Module"
          defaultValue={v.module}
          error={filters.errors.module}
          options={[{ value: "", label: "Any module" }, ...modules.map((m) => ({ value: m.id, label: m.title }))]}
        />
        <Select
          name="status"
          label="Status"
          hint="In the chosen module, or in any module"
          defaultValue={v.status}
          error={filters.errors.status}
          options={[
            { value: "", label: "Any status" },
            ...PROGRESS_ORDER.map((s) => ({ value: s, label: PROGRESS[s].label })),
          ]}
        />
        <Select
          name="due"
          label="Due dates"
          hint="Training assigned to them"
          defaultValue={v.due}
          error={filters.errors.due}
          options={[
            { value: "", label: "Any" },
            ...Object.entries(DUE_FILTERS).map(([value, label]) => ({ value, label })),
          ]}
        />
        <Select
          name="sort"
          label="Sort by"
          defaultValue={v.sort || "name"}
          error={filters.errors.sort}
          options={[
            { value: "name", label: "Name" },
            { value: "progress", label: "Progress (most first)" },
          ]}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Apply filters
        </button>
      </Form>
      {hasErrors ? null : (
        <p className="govuk-body govuk-!-font-weight-bold" id="matrix-results">
          {`${plural(total, "officer")} shown`}
          {filteredBy.length ? `, filtered by ${filteredBy.join(", ")}` : ""}
          {v.sort === "progress" ? ", sorted by progress" : ""}
        </p>
      )}
      <p className="govuk-body">
        <a
          className="govuk-link"
          href={reportHref(
            "/reports/exports/matrix.csv",
            scope,
            Object.fromEntries(Object.entries(query).filter(([k]) => k !== "prison")),
          )}
          download
        >
          Download these officers as CSV
        </a>
      </p>
      <WideTable label="Training matrix">
        {/* What the table is; how many officers it shows is the results line's to say. */}
        <Table
          caption={
            hasErrors
              ? "No officers shown: correct the filters above"
              : `Each officer's status in each module${pages > 1 ? `, page ${page} of ${pages}` : ""}`
          }
          // Sorted by name unless sorted by progress (which no one column holds).
          head={[
            { text: "Officer", sort: v.sort === "progress" ? undefined : "ascending" },
            "Wing",
            ...modules.map((m) => m.title),
          ]}
          id="matrix"
          className="app-matrix"
        >
          {rows.map((r) => (
            <Row key={r.officerId}>
              <RowHeader>
                <a className="govuk-link" href={reportHref(`/reports/officers/${r.officerId}`, scope)}>
                  {r.name}
                </a>
              </RowHeader>
              <Cell>{r.wing ?? "No wing"}</Cell>
              {r.statuses.map((s, i) => (
                <Cell key={modules[i]?.id ?? i}>
                  <StatusTag status={s} />
                  {r.dues[i] ? <DueText due={r.dues[i]} /> : null}
                </Cell>
              ))}
            </Row>
          ))}
          {rows.length === 0 && !hasErrors ? (
            <Row>
              <Cell colSpan={modules.length + 2}>No officers match these filters.</Cell>
            </Row>
          ) : null}
        </Table>
      </WideTable>
      <Pagination page={page} pages={pages} query={query} />
    </ReportsHeader>
  );
}
