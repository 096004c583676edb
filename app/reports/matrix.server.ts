// The training matrix: officers by modules, each cell a status from the competency rules, with
// filters (wing, status, module), sorting (name or progress) and pages for large prisons.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { listWings } from "~db/queries/reports.server";
import type { Status } from "~/domain/competency";
import { PROGRESS_ORDER } from "~/domain/vocabulary";
import { progressRank, type OfficerProgress } from "~/domain/reporting/aggregate";
import { prisonProgress } from "~/reports/progress.server";
import { duesForPrison } from "~/assignments/assignments.server";
import { formatDay } from "~/domain/dates.server";
import { DUE_FILTERS, type DueFilter, type ModuleDue } from "~/domain/assignments";

const MATRIX_PAGE_SIZE = 50;
const STATUSES = PROGRESS_ORDER;

export interface MatrixQuery {
  wingId: number | null;
  status: Status | null;
  moduleId: string | null;
  due: DueFilter | null;
  sort: "name" | "progress";
  page: number;
}

export interface MatrixFilters {
  query: MatrixQuery;
  /** the filter values as typed, to show back in the form */
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** Reads the filters from the address. Values that are not on the lists get a field error. */
function parseMatrixQuery(params: URLSearchParams, wings: { id: number }[], moduleIds: string[]): MatrixFilters {
  const values: Record<string, string> = {};
  for (const k of ["wing", "status", "module", "due", "sort", "page"]) values[k] = (params.get(k) ?? "").slice(0, 100);
  const errors: Record<string, string> = {};
  const wingId = values.wing === "" ? null : Number(values.wing);
  if (wingId !== null && !wings.some((w) => w.id === wingId)) errors.wing = "Choose a wing from the list";
  const status = values.status === "" ? null : (values.status as Status);
  if (status !== null && !STATUSES.includes(status)) errors.status = "Choose a status from the list";
  const moduleId = values.module === "" ? null : values.module;
  if (moduleId !== null && !moduleIds.includes(moduleId)) errors.module = "Choose a module from the list";
  const due = values.due === "" ? null : (values.due as DueFilter);
  if (due !== null && !(due in DUE_FILTERS)) errors.due = "Choose a due date filter from the list";
  const sort = values.sort === "" || values.sort === "name" ? "name" : values.sort === "progress" ? "progress" : null;
  if (sort === null) errors.sort = "Choose how to sort from the list";
  const n = Number(values.page || "1");
  const page = Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
  return {
    query: {
      wingId: errors.wing ? null : wingId,
      status: errors.status ? null : status,
      moduleId: errors.module ? null : moduleId,
      due: errors.due ? null : due,
      sort: sort ?? "name",
      page,
    },
    values,
    errors,
  };
}

/** Officers matching the filters, sorted. With a module, the status filter applies to it; without, to any module. */
function filterMatrix(
  officers: OfficerProgress[],
  moduleIds: string[],
  q: MatrixQuery,
  dues: Map<number, ModuleDue[]> = new Map(),
): OfficerProgress[] {
  const mi = q.moduleId ? moduleIds.indexOf(q.moduleId) : -1;
  const rows = officers.filter((o) => {
    const due = (dues.get(o.officerId) ?? []).filter((d) => mi < 0 || d.moduleId === q.moduleId);
    if (q.due === "assigned" && due.length === 0) return false;
    if (q.due === "overdue" && !due.some((d) => d.state === "overdue")) return false;
    if (q.due === "on_track" && (due.length === 0 || due.some((d) => d.state === "overdue"))) return false;
    if (!q.status) return true;
    if (mi >= 0) return o.progress.modules[mi]?.status === q.status;
    return o.progress.modules.some((m) => m.status === q.status);
  });
  if (q.sort === "progress") {
    const rank = new Map(rows.map((o) => [o.officerId, progressRank(o.progress)]));
    rows.sort(
      (a, b) =>
        rank.get(b.officerId)! - rank.get(a.officerId)! || a.name.localeCompare(b.name) || a.officerId - b.officerId,
    );
  }
  return rows; // already in name order from the query
}

/** Every officer matching the filters (for the page and the CSV export). */
export async function matrixOfficers(
  db: Kysely<Database>,
  establishmentId: number,
  params: URLSearchParams,
  now = new Date(),
) {
  const wings = await listWings(db, establishmentId);
  const wingCheck = parseMatrixQuery(params, wings, []);
  // A wrong filter shows an empty, labelled result, never a guess at what was meant.
  const wingId = wingCheck.errors.wing ? -1 : wingCheck.query.wingId;
  const p = await prisonProgress(db, establishmentId, { wingId, now });
  const moduleIds = p.rules.map((r) => r.id);
  const filters = parseMatrixQuery(params, wings, moduleIds);
  const dues = await duesForPrison(db, establishmentId, p.officers, p.rules, now);
  const officers = Object.keys(filters.errors).length ? [] : filterMatrix(p.officers, moduleIds, filters.query, dues);
  return { wings, modules: p.curriculum.map((m) => ({ id: m.id, title: m.title })), filters, officers, dues };
}

export async function matrixReport(
  db: Kysely<Database>,
  establishmentId: number,
  params: URLSearchParams,
  now = new Date(),
) {
  const { officers, dues, ...rest } = await matrixOfficers(db, establishmentId, params, now);
  const pages = Math.max(1, Math.ceil(officers.length / MATRIX_PAGE_SIZE));
  const page = Math.min(rest.filters.query.page, pages);
  return {
    ...rest,
    total: officers.length,
    page,
    pages,
    rows: officers.slice((page - 1) * MATRIX_PAGE_SIZE, page * MATRIX_PAGE_SIZE).map((o) => ({
      officerId: o.officerId,
      name: o.name,
      wing: o.wingName,
      statuses: o.progress.modules.map((m) => m.status),
      dues: rest.modules.map((m) => {
        const due = dues.get(o.officerId)?.find((d) => d.moduleId === m.id);
        return due ? { ...due, dueText: formatDay(due.dueOn) } : null;
      }),
    })),
  };
}
