// The training matrix: officers by modules, each cell a status from the competency rules, with
// filters (wing, status, module), sorting (name or progress) and pages for large prisons.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~db/schema";
import { listOfficers, listWings } from "~db/queries/reports.server";
import { readAhead } from "~db/read-ahead";
import { getCurriculum } from "~/curriculum/curriculum.server";
import type { Status } from "~/domain/competency";
import { progressLabel, PROGRESS_ORDER } from "~/domain/vocabulary";
import { progressRank, type OfficerProgress } from "~/domain/reporting/aggregate";
import { prisonProgress, progressOfOfficers } from "~/reports/progress.server";
import { dueReckoner, duesForPrison } from "~/assignments/assignments.server";
import { formatDay } from "~/domain/dates.server";
import { DUE_FILTERS, type DueFilter, type ModuleDue } from "~/domain/assignments";
import { idIn, oneOf, page, readQuery } from "~/utils/query.server";

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
  const query = readQuery(
    z.object({
      wing: idIn(
        wings.map((w) => w.id),
        "Choose a wing from the list",
      ),
      status: oneOf<Status>(STATUSES, "Choose a status from the list"),
      module: oneOf(moduleIds, "Choose a module from the list"),
      due: oneOf(Object.keys(DUE_FILTERS) as DueFilter[], "Choose a due date filter from the list"),
      sort: oneOf(["name", "progress"] as const, "Choose how to sort from the list"),
      page,
    }),
    params,
  );
  const f = query.data;
  return {
    // A wrong filter lists nobody (see matrixOfficers), so the rest need no value of their own.
    query: {
      wingId: f?.wing ?? null,
      status: f?.status ?? null,
      moduleId: f?.module ?? null,
      due: f?.due ?? null,
      sort: f?.sort ?? "name",
      page: f?.page ?? 1,
    },
    values: query.values,
    errors: query.errors,
  };
}

/**
 * The filters applied, in the words of the form's lists (a wing, a module's title, a status, a due-date choice): the
 * page says them with the number of officers shown, and the download's file name carries them.
 */
function filterWords(
  q: MatrixQuery,
  wings: { id: number; name: string }[],
  modules: { id: string; title: string }[],
): string[] {
  return [
    wings.find((w) => w.id === q.wingId)?.name,
    modules.find((m) => m.id === q.moduleId)?.title,
    q.status ? progressLabel(q.status) : null,
    q.due ? DUE_FILTERS[q.due] : null,
  ].filter((word): word is string => Boolean(word));
}

/** Whether an officer is in the matrix the filters ask for. With a module, the status filter applies to it; without, to any module. */
function matchesQuery(o: OfficerProgress, moduleIds: string[], q: MatrixQuery, officerDues: ModuleDue[]): boolean {
  const mi = q.moduleId ? moduleIds.indexOf(q.moduleId) : -1;
  const due = officerDues.filter((d) => mi < 0 || d.moduleId === q.moduleId);
  if (q.due === "assigned" && due.length === 0) return false;
  if (q.due === "overdue" && !due.some((d) => d.state === "overdue")) return false;
  if (q.due === "on_track" && (due.length === 0 || due.some((d) => d.state === "overdue"))) return false;
  if (!q.status) return true;
  if (mi >= 0) return o.progress.modules[mi]?.status === q.status;
  return o.progress.modules.some((m) => m.status === q.status);
}

/** Progress order: furthest on first, then by name. */
const byProgress = (a: { rank: number; name: string; officerId: number }, b: typeof a) =>
  b.rank - a.rank || a.name.localeCompare(b.name) || a.officerId - b.officerId;

/** Officers matching the filters, sorted. */
function filterMatrix(
  officers: OfficerProgress[],
  moduleIds: string[],
  q: MatrixQuery,
  dues: Map<number, ModuleDue[]> = new Map(),
): OfficerProgress[] {
  const rows = officers.filter((o) => matchesQuery(o, moduleIds, q, dues.get(o.officerId) ?? []));
  if (q.sort === "progress")
    return rows
      .map((o) => ({ o, rank: progressRank(o.progress), name: o.name, officerId: o.officerId }))
      .sort(byProgress)
      .map((r) => r.o);
  return rows; // already in name order from the query
}

/** Every officer matching the filters, for the page. */
async function matrixOfficers(
  db: Kysely<Database>,
  establishmentId: number,
  params: URLSearchParams,
  now = new Date(),
) {
  const wings = await listWings(db, establishmentId);
  const wingCheck = readQuery(
    z.object({
      wing: idIn(
        wings.map((w) => w.id),
        "",
      ),
    }),
    params,
  );
  // A wrong filter shows an empty, labelled result, never a guess at what was meant.
  const wingId = wingCheck.ok ? wingCheck.data.wing : -1;
  const p = await prisonProgress(db, establishmentId, { wingId, now });
  const moduleIds = p.rules.map((r) => r.id);
  const filters = parseMatrixQuery(params, wings, moduleIds);
  const dues = await duesForPrison(db, establishmentId, p.officers, p.rules, now);
  const officers = Object.keys(filters.errors).length ? [] : filterMatrix(p.officers, moduleIds, filters.query, dues);
  const modules = p.curriculum.map((m) => ({ id: m.id, title: m.title }));
  return { wings, modules, filters, filteredBy: filterWords(filters.query, wings, modules), officers, dues };
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

/** Officers per page of the matrix download: their attempts are read in one short query. */
const EXPORT_OFFICERS_PER_PAGE = 200;

export interface MatrixRow {
  officer: OfficerProgress;
  dues: ModuleDue[];
}

/**
 * The matrix for download, written as it is read: the officers in the filters' order, a page at a
 * time with their progress and due modules, so a large prison is never held at once. How many rows
 * there are is known before the first is written (for the audit): by the filters that need no
 * progress, at once; for a status or due filter, or the progress order, by reading the officers'
 * progress once to choose and order them (keeping only who, and their rank), then again as each
 * page is written.
 */
export async function matrixDownload(
  db: Kysely<Database>,
  establishmentId: number,
  params: URLSearchParams,
  { now = new Date(), officersPerPage = EXPORT_OFFICERS_PER_PAGE }: { now?: Date; officersPerPage?: number } = {},
) {
  const [wings, curriculum] = await Promise.all([listWings(db, establishmentId), getCurriculum(db)]);
  const rules = curriculum.map((m) => m.rules);
  const moduleIds = rules.map((r) => r.id);
  const filters = parseMatrixQuery(params, wings, moduleIds);
  const modules = curriculum.map((m) => ({ id: m.id, title: m.title }));
  const filteredBy = filterWords(filters.query, wings, modules);
  if (Object.keys(filters.errors).length) return { filters, filteredBy, modules, rows: 0, pages: noPages };
  const q = filters.query;
  const [officers, duesOf] = await Promise.all([
    listOfficers(db, { establishmentId, wingId: q.wingId }),
    dueReckoner(db, establishmentId, rules, now),
  ]);
  async function* pagesOf(list: typeof officers): AsyncGenerator<MatrixRow[]> {
    for await (const progress of readAhead(db, list, officersPerPage, (slice) =>
      progressOfOfficers(db, rules, slice, now),
    )) {
      const dues = duesOf(progress);
      yield progress.map((officer) => ({ officer, dues: dues.get(officer.officerId) ?? [] }));
    }
  }
  if (!q.status && !q.due && q.sort === "name")
    return { filters, filteredBy, modules, rows: officers.length, pages: () => pagesOf(officers) };
  const chosen: { index: number; rank: number; name: string; officerId: number }[] = [];
  let index = 0;
  for await (const page of pagesOf(officers))
    for (const { officer, dues } of page) {
      if (matchesQuery(officer, moduleIds, q, dues))
        chosen.push({ index, rank: progressRank(officer.progress), name: officer.name, officerId: officer.officerId });
      index++;
    }
  if (q.sort === "progress") chosen.sort(byProgress);
  const list = chosen.map((c) => officers[c.index]);
  return { filters, filteredBy, modules, rows: list.length, pages: () => pagesOf(list) };
}

async function* noPages(): AsyncGenerator<MatrixRow[]> {}
