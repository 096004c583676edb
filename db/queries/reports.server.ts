// Reads and writes for the manager reports: officers and their attempts per prison, targets,
// programme engagement figures, written-reply ratings and xAPI deliveries.
import { sql, type Kysely, type Transaction } from "kysely";
import type { AttemptTable, Database } from "../schema";
import { entriesOf, jsonList } from "../json-lists";
import { readAhead } from "../read-ahead";

type Db = Kysely<Database> | Transaction<Database>;

export interface OfficerFilter {
  establishmentId: number;
  wingId?: number | null;
  officerId?: number;
}

/** Active officers of a prison (optionally one wing), in name order. */
export function listOfficers(db: Db, f: OfficerFilter) {
  let q = db
    .selectFrom("users")
    .leftJoin("units", "units.id", "users.unit_id")
    .select(["users.id", "users.display_name", "users.unit_id", "units.name as unit_name"])
    .where("users.establishment_id", "=", f.establishmentId)
    .where("users.role", "=", "officer")
    .where("users.active", "=", true);
  if (f.wingId != null) q = q.where("users.unit_id", "=", f.wingId);
  if (f.officerId != null) q = q.where("users.id", "=", f.officerId);
  return q.orderBy("users.display_name").orderBy("users.id").execute();
}

/** What the competency rules read of an attempt, in the order of RuleEntry. */
const RULE_COLUMNS = [
  "a.scenario_id",
  "a.mode",
  "a.status",
  "a.started_at",
  "a.finished_at",
  "a.outcome",
  "a.open_questions",
  "a.closed_questions",
  "a.simple_reflections",
  "a.complex_reflections",
  "a.mi_adherent",
  "a.mi_non_adherent",
] as const;
const ATTEMPT_COLUMNS = ["a.officer_id", ...RULE_COLUMNS] as const;

/** The values of an attempt's `columns`, in their order, as a JSON list gives them. */
type EntryOf<Columns extends readonly string[]> = {
  -readonly [K in keyof Columns]: Columns[K] extends `a.${infer Name extends keyof AttemptTable}`
    ? AttemptTable[Name]
    : never;
};
type RuleEntry = EntryOf<typeof RULE_COLUMNS>;
const TIMESTAMPS = ["a.started_at", "a.finished_at"];

/** An officer's attempts as one JSON list: reports read tens of thousands (db/json-lists.ts). */
const ruleEntries = (db: Db) => jsonList<RuleEntry>(db, RULE_COLUMNS, { timestamps: TIMESTAMPS });

function attemptRows(lists: { officer_id: number; attempts: string | RuleEntry[] }[]) {
  return lists.flatMap(({ officer_id, attempts }) => entriesOf(attempts).map((e) => ruleRow(officer_id, e)));
}

const ruleRow = (officer_id: number, e: RuleEntry) => ({
  officer_id,
  scenario_id: e[0],
  mode: e[1],
  status: e[2],
  started_at: e[3],
  finished_at: e[4],
  outcome: e[5],
  open_questions: e[6],
  closed_questions: e[7],
  simple_reflections: e[8],
  complex_reflections: e[9],
  mi_adherent: e[10],
  mi_non_adherent: e[11],
});

/**
 * Every attempt by the prison's active officers (optionally one wing), whatever prison the
 * attempt was made in: an officer who moved keeps their training.
 */
export async function attemptsOfOfficers(db: Db, f: OfficerFilter) {
  let q = db
    .selectFrom("attempts as a")
    .innerJoin("users as u", "u.id", "a.officer_id")
    .select(["a.officer_id", ruleEntries(db).as("attempts")])
    .where("u.establishment_id", "=", f.establishmentId)
    .where("u.role", "=", "officer")
    .where("u.active", "=", true);
  if (f.wingId != null) q = q.where("u.unit_id", "=", f.wingId);
  if (f.officerId != null) q = q.where("a.officer_id", "=", f.officerId);
  return attemptRows(await q.groupBy("a.officer_id").execute());
}

/** Every attempt by these officers (a page of a prison's, as listOfficers gives them), wherever it was made. */
export async function attemptsByOfficers(db: Db, officerIds: number[]) {
  if (officerIds.length === 0) return [];
  const lists = await db
    .selectFrom("attempts as a")
    .select(["a.officer_id", ruleEntries(db).as("attempts")])
    .where("a.officer_id", "in", officerIds)
    .groupBy("a.officer_id")
    .execute();
  return attemptRows(lists);
}

/** Attempts at these scenarios by every active officer in every prison: what a change to a module would do. */
export async function activeOfficerAttemptsAt(db: Db, scenarioIds: string[]) {
  if (scenarioIds.length === 0) return [];
  const lists = await db
    .selectFrom("attempts as a")
    .innerJoin("users as u", "u.id", "a.officer_id")
    .select(["a.officer_id", ruleEntries(db).as("attempts")])
    .where("a.scenario_id", "in", scenarioIds)
    .where("u.role", "=", "officer")
    .where("u.active", "=", true)
    .groupBy("a.officer_id")
    .execute();
  return attemptRows(lists);
}

export interface AttemptListFilter extends OfficerFilter {
  status?: "in_progress" | "finished" | "abandoned";
  mode?: "practice" | "assessment";
  moduleId?: string;
  /** started at or after this instant (ISO 8601 UTC) */
  startedFrom?: string;
  /** started before this instant */
  startedBefore?: string;
}

function attemptsMatching(db: Db, f: AttemptListFilter) {
  let q = db
    .selectFrom("attempts as a")
    .innerJoin("users as u", "u.id", "a.officer_id")
    .where("u.establishment_id", "=", f.establishmentId)
    .where("u.role", "=", "officer");
  if (f.wingId != null) q = q.where("u.unit_id", "=", f.wingId);
  if (f.officerId != null) q = q.where("a.officer_id", "=", f.officerId);
  if (f.status) q = q.where("a.status", "=", f.status);
  if (f.mode) q = q.where("a.mode", "=", f.mode);
  if (f.moduleId) q = q.where("a.module_id", "=", f.moduleId);
  if (f.startedFrom) q = q.where("a.started_at", ">=", f.startedFrom);
  if (f.startedBefore) q = q.where("a.started_at", "<", f.startedBefore);
  return q;
}

function attemptListOf(db: Db, f: AttemptListFilter) {
  return attemptsMatching(db, f)
    .leftJoin("units as w", "w.id", "u.unit_id")
    .select(["a.id", "u.display_name", "w.name as unit_name", "a.module_id", ...ATTEMPT_COLUMNS]);
}

/** Attempts with officer and wing, newest first, for an officer's record. */
export function listAttempts(db: Db, f: AttemptListFilter) {
  return attemptListOf(db, f).orderBy("a.started_at", "desc").orderBy("a.id").execute();
}

export type AttemptListRow = Awaited<ReturnType<typeof listAttempts>>[number];

export async function countAttempts(db: Db, f: AttemptListFilter): Promise<number> {
  const row = await attemptsMatching(db, f)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Officers per page of attempts: a page is then a few thousand rows at most, read in one short query. */
const OFFICERS_PER_PAGE = 100;

/**
 * The attempts of `listAttempts`, a page at a time for the exports: officers in name order, each
 * officer's attempts newest (or oldest) first. A page is the attempts of the next officers, read
 * through the officer index in a query of its own, so a whole prison's year is never held at once
 * and no connection is kept busy while a slow client downloads.
 */
export async function* attemptPages(
  db: Db,
  f: AttemptListFilter,
  {
    order = "newest",
    officersPerPage = OFFICERS_PER_PAGE,
  }: { order?: "newest" | "oldest"; officersPerPage?: number } = {},
) {
  let officers = db
    .selectFrom("users as u")
    .select("u.id")
    .where("u.establishment_id", "=", f.establishmentId)
    .where("u.role", "=", "officer");
  if (f.wingId != null) officers = officers.where("u.unit_id", "=", f.wingId);
  if (f.officerId != null) officers = officers.where("u.id", "=", f.officerId);
  const ids = (await officers.orderBy("u.display_name").orderBy("u.id").execute()).map((o) => o.id);
  const direction = sql.raw(order === "newest" ? "desc" : "asc");
  const entries = jsonList<ListedEntry>(db, LISTED_COLUMNS, {
    timestamps: TIMESTAMPS,
    orderBy: sql`a.started_at ${direction}, a.id`,
  });
  const pages = readAhead(db, ids, officersPerPage, (slice) =>
    attemptsMatching(db, f)
      .leftJoin("units as w", "w.id", "u.unit_id")
      .select(["u.id", "u.display_name", "w.name as unit_name", entries.as("attempts")])
      .where("a.officer_id", "in", slice)
      .groupBy(["u.id", "w.id"])
      .orderBy("u.display_name")
      .orderBy("u.id")
      .execute(),
  );
  for await (const lists of pages)
    if (lists.length) yield lists.flatMap((o) => entriesOf(o.attempts).map((e) => listedRow(o, e)));
}

/** An attempt as attemptPages lists it: its id and module, then what the rules read. */
const LISTED_COLUMNS = ["a.id", "a.module_id", ...RULE_COLUMNS] as const;
type ListedEntry = EntryOf<typeof LISTED_COLUMNS>;

function listedRow(o: { id: number; display_name: string; unit_name: string | null }, e: ListedEntry): AttemptListRow {
  return {
    id: e[0],
    display_name: o.display_name,
    unit_name: o.unit_name,
    module_id: e[1],
    officer_id: o.id,
    scenario_id: e[2],
    mode: e[3],
    status: e[4],
    started_at: e[5],
    finished_at: e[6],
    outcome: e[7],
    open_questions: e[8],
    closed_questions: e[9],
    simple_reflections: e[10],
    complex_reflections: e[11],
    mi_adherent: e[12],
    mi_non_adherent: e[13],
  };
}

export function getOfficer(db: Db, id: number) {
  return db
    .selectFrom("users")
    .leftJoin("units", "units.id", "users.unit_id")
    .select([
      "users.id",
      "users.display_name",
      "users.role",
      "users.active",
      "users.establishment_id",
      "users.unit_id",
      "units.name as unit_name",
    ])
    .where("users.id", "=", id)
    .executeTakeFirst();
}

export function listWings(db: Db, establishmentId: number) {
  return db
    .selectFrom("units")
    .select(["id", "name"])
    .where("establishment_id", "=", establishmentId)
    .orderBy("name")
    .execute();
}

export function getTarget(db: Db, establishmentId: number) {
  return db
    .selectFrom("establishment_targets")
    .selectAll()
    .where("establishment_id", "=", establishmentId)
    .executeTakeFirst();
}

export function setTarget(db: Db, t: { establishmentId: number; percent: number; date: string; setBy: number }) {
  const values = {
    establishment_id: t.establishmentId,
    target_percent: t.percent,
    target_date: t.date,
    set_by: t.setBy,
    set_at: new Date().toISOString(),
  };
  return db
    .insertInto("establishment_targets")
    .values(values)
    .onConflict((oc) =>
      oc.column("establishment_id").doUpdateSet({
        target_percent: values.target_percent,
        target_date: values.target_date,
        set_by: values.set_by,
        set_at: values.set_at,
      }),
    )
    .execute();
}

export function listEngagementFigures(db: Db, establishmentId: number) {
  return db
    .selectFrom("engagement_figures")
    .select(["month", "eligible", "not_engaging", "recorded_at"])
    .where("establishment_id", "=", establishmentId)
    .orderBy("month")
    .execute();
}

/** One figure per prison and month: recording a month again replaces it. */
export function saveEngagementFigure(
  db: Db,
  f: { establishmentId: number; month: string; eligible: number; notEngaging: number; recordedBy: number },
) {
  const values = {
    establishment_id: f.establishmentId,
    month: f.month,
    eligible: f.eligible,
    not_engaging: f.notEngaging,
    recorded_by: f.recordedBy,
    recorded_at: new Date().toISOString(),
  };
  return db
    .insertInto("engagement_figures")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["establishment_id", "month"]).doUpdateSet({
        eligible: values.eligible,
        not_engaging: values.not_engaging,
        recorded_by: values.recorded_by,
        recorded_at: values.recorded_at,
      }),
    )
    .execute();
}

/** Trainer ratings of written replies by the prison's active officers, with the officer's wing. */
export function writtenReplyRatings(db: Db, establishmentId: number) {
  return db
    .selectFrom("written_reply_reviews as r")
    .innerJoin("attempt_steps as s", "s.id", "r.step_id")
    .innerJoin("attempts as a", "a.id", "s.attempt_id")
    .innerJoin("users as u", "u.id", "a.officer_id")
    .select(["u.unit_id", "a.officer_id", "r.rating"])
    .where("u.establishment_id", "=", establishmentId)
    .where("u.role", "=", "officer")
    .where("u.active", "=", true)
    .execute();
}

export async function deliveredStatementIds(db: Db, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("xapi_deliveries")
      .select("statement_id")
      .where("statement_id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.statement_id);
  }
  return out;
}

export function recordDeliveries(db: Db, rows: { statementId: string; attemptId: string }[]) {
  if (!rows.length) return Promise.resolve();
  const sentAt = new Date().toISOString();
  return db
    .insertInto("xapi_deliveries")
    .values(rows.map((r) => ({ statement_id: r.statementId, attempt_id: r.attemptId, sent_at: sentAt })))
    .onConflict((oc) => oc.column("statement_id").doNothing())
    .execute();
}
