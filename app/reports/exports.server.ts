// Exports: the training matrix and attempts as CSV (with the page's filters), and finished
// attempts as xAPI 1.0.3 statements.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Config } from "~/config.server";
import type { Database } from "~db/schema";
import { getOrCreateSetting } from "~db/queries/app-settings.server";
import { newestTitles } from "~db/queries/scenario-versions.server";
import {
  attemptPages,
  countAttempts,
  listWings,
  type AttemptListFilter,
  type AttemptListRow,
} from "~db/queries/reports.server";
import { attemptMarks, passesAssessment } from "~/domain/competency";
import { ASSESSMENT_RESULT, ATTEMPT_STATUS, MODE, progressLabel } from "~/domain/vocabulary";
import { OUTCOME_INFO } from "~/domain/mi-codes";
import { indicatorsOf } from "~/domain/indicators";
import { csvWriter } from "~/domain/reporting/csv";
import { endOfDay, formatDateTime, isoWithOffset, startOfDay, type DatePart } from "~/domain/dates.server";
import { toAttemptRecord } from "~/domain/reporting/records";
import { statementWriter, uuidV5Namer, type WrittenStatement } from "~/domain/reporting/xapi";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { streamOf } from "~/utils/download.server";
import { dateFields, idIn, oneOf, readDateRange, readQuery, withDateFields } from "~/utils/query.server";
import { matrixDownload, type MatrixRow } from "~/reports/matrix.server";
import { standingOf } from "~/domain/assignments";

/**
 * The training matrix as CSV, with the matrix page's filters: officers as on the page, each with a
 * status per module, the whole programme, due dates of assigned modules and where they stand.
 * Written a page of officers at a time as the download is read.
 */
export async function matrixCsv(
  db: Kysely<Database>,
  establishmentId: number,
  params: URLSearchParams,
  options: { now?: Date; officersPerPage?: number } = {},
): Promise<
  | { errors: Record<string, string> }
  | (Download & { errors: null; filters: Record<string, string>; filteredBy: string[] })
> {
  const m = await matrixDownload(db, establishmentId, params, options);
  if (Object.keys(m.filters.errors).length) return { errors: m.filters.errors };
  const csv = csvWriter([
    "Officer",
    "Wing",
    ...m.modules.map((x) => x.title),
    "Whole programme",
    ...m.modules.map((x) => `${x.title}: due`),
    "Assigned training",
  ]);
  const line = ({ officer: o, dues }: MatrixRow) => [
    o.name,
    o.wingName ?? "No wing",
    ...o.progress.modules.map((p) => progressLabel(p.status)),
    o.progress.competent
      ? "Competent"
      : o.progress.refresherDue
        ? "Refresher due"
        : o.progress.completed
          ? "Completed"
          : "Not completed",
    // Due dates (YYYY-MM-DD) of assigned modules, refreshers included, and where the officer stands.
    ...m.modules.map((x) => {
      const due = dues.find((d) => d.moduleId === x.id);
      return due ? `${due.dueOn}${due.state === "overdue" ? " (overdue)" : ""}` : "";
    }),
    { none: "", on_track: "On track", overdue: "Overdue" }[standingOf(dues)],
  ];
  async function* parts() {
    yield csv.header;
    for await (const page of m.pages()) yield csv.rows(page.map(line));
  }
  const { wing, status, module, due } = m.filters.values;
  return {
    errors: null,
    rows: m.rows,
    filters: { wing, status, module, due },
    filteredBy: m.filteredBy,
    body: streamOf(parts()),
  };
}

export interface AttemptFilters {
  filter: Omit<AttemptListFilter, "establishmentId">;
  /** what was typed in each field, to show back in the form and keep in the download links */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** the fields of each date to highlight */
  wrongDates: { from: DatePart[]; to: DatePart[] };
}

/**
 * Filters for the attempts export and statements, from the address; wrong values get field errors.
 * The days are typed in date inputs (fromDay, fromMonth, fromYear and to...); an older link's
 * `from=2026-03-27` and `to=` still work.
 */
export async function parseAttemptFilters(
  db: Kysely<Database>,
  establishmentId: number,
  params: URLSearchParams,
): Promise<AttemptFilters> {
  const [wings, curriculum] = await Promise.all([listWings(db, establishmentId), getCurriculum(db)]);
  const query = readQuery(
    z.object({
      wing: idIn(
        wings.map((w) => w.id),
        "Choose a wing from the list",
      ),
      module: oneOf(
        curriculum.map((m) => m.id),
        "Choose a module from the list",
      ),
      mode: oneOf(["practice", "assessment"] as const, "Choose practice or assessment"),
      status: oneOf(["finished", "in_progress", "abandoned"] as const, "Choose a status from the list"),
      ...dateFields("from"),
      ...dateFields("to"),
    }),
    withDateFields(params, ["from", "to"]),
  );
  const dates = readDateRange(query.values);
  const errors = { ...query.errors, ...dates.errors };
  if (!query.ok || Object.keys(errors).length)
    return { filter: {}, values: query.values, errors, wrongDates: dates.wrong };
  const f = query.data;
  const { from, to } = dates.days;
  return {
    filter: {
      wingId: f.wing ?? undefined,
      moduleId: f.module ?? undefined,
      mode: f.mode ?? undefined,
      status: f.status ?? undefined,
      // Days are London days: an attempt started at 23:30 UTC on 30 June belongs to 1 July.
      startedFrom: from ? startOfDay(from).toISOString() : undefined,
      startedBefore: to ? endOfDay(to).toISOString() : undefined,
    },
    values: query.values,
    errors: {},
    wrongDates: dates.wrong,
  };
}

/** A download: the rows it holds (counted as it is asked for) and its body, written as the rows are read. */
export interface Download {
  rows: number;
  body: ReadableStream<Uint8Array>;
}

/**
 * Each scenario's title for the downloads: the curriculum's, and for a retired scenario (no longer in
 * it) its newest version's, so an officer's past attempts are never named by an id.
 */
async function scenarioTitles(db: Kysely<Database>, curriculum: Awaited<ReturnType<typeof getCurriculum>>) {
  const titles = await newestTitles(db);
  for (const m of curriculum) for (const s of m.scenarios) titles.set(s.id, s.title);
  return titles;
}

/** Attempts as CSV: officers in name order, each officer's newest attempt first. */
export async function attemptsCsv(
  db: Kysely<Database>,
  establishmentId: number,
  filter: AttemptFilters["filter"],
  { rowsPerPart = CSV_ROWS_PER_PART }: { rowsPerPart?: number } = {},
): Promise<Download> {
  const [curriculum, rows] = await Promise.all([getCurriculum(db), countAttempts(db, { establishmentId, ...filter })]);
  const modules = new Map(curriculum.map((m) => [m.id, m]));
  const scenarios = await scenarioTitles(db, curriculum);
  const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
  const header = [
    "Attempt",
    "Officer",
    "Wing",
    "Module",
    "Scenario",
    "Mode",
    "Status",
    "Started",
    "Started (ISO 8601)",
    "Finished",
    "Finished (ISO 8601)",
    "Outcome",
    "Open questions",
    "Closed questions",
    "Simple reflections",
    "Complex reflections",
    "MI-adherent",
    "MI-non-adherent",
    "Reflection-to-question ratio",
    "Complex reflections %",
    "Assessment result",
  ];
  const csv = csvWriter(header, { codes: ["Attempt"] });
  const line = (r: AttemptListRow) => {
    const record = toAttemptRecord(r);
    const i = indicatorsOf(record.counts);
    const module = modules.get(r.module_id);
    const passed =
      r.mode === "assessment" && r.status === "finished" && module
        ? ASSESSMENT_RESULT[
            passesAssessment(record, attemptMarks(module.rules, record, i), i) ? "passed" : "not_passed"
          ].label
        : "";
    return [
      r.id,
      r.display_name,
      r.unit_name ?? "No wing",
      module?.title ?? r.module_id,
      scenarios.get(r.scenario_id) ?? r.scenario_id,
      MODE[r.mode].label,
      ATTEMPT_STATUS[r.status].label,
      formatDateTime(r.started_at),
      isoWithOffset(r.started_at),
      r.finished_at && formatDateTime(r.finished_at),
      r.finished_at && isoWithOffset(r.finished_at),
      r.outcome && OUTCOME_INFO[r.outcome].label,
      r.open_questions,
      r.closed_questions,
      r.simple_reflections,
      r.complex_reflections,
      r.mi_adherent,
      r.mi_non_adherent,
      round(i.reflectionToQuestion),
      round(i.percentComplexReflections),
      passed,
    ];
  };
  async function* parts() {
    yield csv.header;
    for await (const page of attemptPages(db, { establishmentId, ...filter }))
      for (let i = 0; i < page.length; i += rowsPerPart) yield csv.rows(page.slice(i, i + rowsPerPart).map(line));
  }
  return { rows, body: streamOf(parts()) };
}

/** The opaque account name of an officer in statements: a v5 UUID under a namespace kept secret in this install. */
async function actorNamer(db: Kysely<Database>) {
  const namespace = await getOrCreateSetting(db, "xapi_actor_namespace", () => randomUUID());
  const nameOf = uuidV5Namer(namespace);
  const names = new Map<number, string>();
  return (officerId: number) => {
    let name = names.get(officerId);
    if (!name) names.set(officerId, (name = nameOf(`officer:${officerId}`)));
    return name;
  };
}

/**
 * A download is made and sent in parts of about 50 KB: 200 rows of attempts CSV, 40 xAPI
 * statements. A part and the rows' text in it are gone before V8 would move them to the old
 * generation: with statements made 500 at a time (0.7 MB), a year's xAPI download often grew the
 * heap by 65 MB or more before a full collection came.
 */
const CSV_ROWS_PER_PART = 200;
const STATEMENTS_PER_PART = 40;

export interface StatementOfAttempt extends WrittenStatement {
  attemptId: string;
}

/**
 * One statement per finished attempt matching the filters, written as JSON `perPage` at a time
 * (officers in name order, each officer's oldest first): the download and LRS delivery both read it so.
 */
export async function* statementPages(
  db: Kysely<Database>,
  establishmentId: number,
  filter: AttemptFilters["filter"],
  baseUrl: string,
  { perPage = 500 }: { perPage?: number } = {},
): AsyncGenerator<StatementOfAttempt[]> {
  const [curriculum, actorName] = await Promise.all([getCurriculum(db), actorNamer(db)]);
  const modules = new Map(curriculum.map((m) => [m.id, m]));
  const scenarios = await scenarioTitles(db, curriculum);
  const write = statementWriter({ baseUrl });
  const statementOf = (r: AttemptListRow): StatementOfAttempt => {
    const module = modules.get(r.module_id);
    const record = toAttemptRecord(r);
    const written = write({
      attemptId: r.id,
      actorName: actorName(r.officer_id),
      record,
      scenarioTitle: scenarios.get(r.scenario_id) ?? r.scenario_id,
      moduleId: r.module_id,
      moduleTitle: module?.title ?? r.module_id,
      thresholds: attemptMarks(module?.rules, record),
    });
    return { attemptId: r.id, id: written.id, json: written.json };
  };
  for await (const page of attemptPages(db, { establishmentId, ...filter, status: "finished" }, { order: "oldest" })) {
    const finished = page.filter((r) => r.finished_at);
    for (let i = 0; i < finished.length; i += perPage) yield finished.slice(i, i + perPage).map(statementOf);
  }
}

/** The statements as the JSON download: an array, one statement per finished attempt, written page by page. */
export async function statementsJson(
  db: Kysely<Database>,
  establishmentId: number,
  filter: AttemptFilters["filter"],
  baseUrl: string,
  { statementsPerPart = STATEMENTS_PER_PART }: { statementsPerPart?: number } = {},
): Promise<Download> {
  const rows = await countAttempts(db, { establishmentId, ...filter, status: "finished" });
  async function* parts() {
    let first = true;
    yield "[";
    for await (const part of statementPages(db, establishmentId, filter, baseUrl, { perPage: statementsPerPart })) {
      if (!part.length) continue;
      yield (first ? "" : ",") + part.map((s) => s.json).join(",");
      first = false;
    }
    yield "]";
  }
  return { rows, body: streamOf(parts()) };
}

/** The site address used in statements: XAPI_BASE_URL when set, else where the request came to. */
export function xapiBaseUrl(request: Request, config: Pick<Config, "xapiBaseUrl">): string {
  return config.xapiBaseUrl ?? new URL(request.url).origin;
}
