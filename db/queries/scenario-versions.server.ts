// Scenario versions: immutable YAML snapshots, each keyed by its content hash. Officers always
// play the newest version of a scenario; an attempt keeps the version it started on.
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, ScenarioSource } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

export function getScenarioVersionRow(db: Db, id: number) {
  return db.selectFrom("scenario_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The newest version of each scenario (the highest id per scenario_id). */
export function latestScenarioVersions(db: Db) {
  return db
    .selectFrom("scenario_versions as v")
    .selectAll("v")
    .where("v.id", "in", (eb) =>
      eb
        .selectFrom("scenario_versions")
        .select((e) => e.fn.max("id").as("id"))
        .groupBy("scenario_id"),
    )
    .orderBy("v.id")
    .execute();
}

/** Each scenario's title in its newest version, retired scenarios' too (for naming them in the audit log). */
export function scenarioTitles(db: Db) {
  return db
    .selectFrom("scenario_versions")
    .select(["scenario_id", "title"])
    .where("id", "in", (eb) =>
      eb
        .selectFrom("scenario_versions")
        .select((e) => e.fn.max("id").as("id"))
        .groupBy("scenario_id"),
    )
    .execute();
}

export function latestVersionOf(db: Db, scenarioId: string, source?: ScenarioSource) {
  let q = db.selectFrom("scenario_versions").selectAll().where("scenario_id", "=", scenarioId);
  if (source) q = q.where("source", "=", source);
  return q.orderBy("id", "desc").limit(1).executeTakeFirst();
}

/** Every scenario's title as its newest version gives it, retired scenarios' included. */
export async function newestTitles(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom("scenario_versions").select(["scenario_id", "title"]).orderBy("id").execute();
  return new Map(rows.map((r) => [r.scenario_id, r.title]));
}

/** How many scenarios have at least one version. */
export async function countPublishedScenarios(db: Db): Promise<number> {
  const row = await db
    .selectFrom("scenario_versions")
    .select((eb) => eb.fn.count<number>("scenario_id").distinct().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many versions each scenario has. */
export async function versionCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("scenario_versions")
    .select(["scenario_id", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("scenario_id")
    .execute();
  return new Map(rows.map((r) => [r.scenario_id, Number(r.n)]));
}

export function listVersionsOf(db: Db, scenarioId: string) {
  return db
    .selectFrom("scenario_versions as v")
    .leftJoin("users as u", "u.id", "v.created_by")
    .select([
      "v.id",
      "v.content_hash",
      "v.title",
      "v.module_id",
      "v.source",
      "v.change_note",
      "v.created_at",
      "u.display_name as author",
    ])
    .where("v.scenario_id", "=", scenarioId)
    .orderBy("v.id", "desc")
    .execute();
}

export async function insertScenarioVersion(
  db: Db,
  v: {
    scenarioId: string;
    hash: string;
    yaml: string;
    title: string;
    moduleId: string;
    source: ScenarioSource;
    changeNote?: string | null;
    createdBy?: number | null;
    /** the draft revision published; else (a rollback, the library) one past the last version's */
    draftRevision?: number;
  },
) {
  const row = await db
    .insertInto("scenario_versions")
    .values({
      scenario_id: v.scenarioId,
      content_hash: v.hash,
      yaml: v.yaml,
      title: v.title,
      module_id: v.moduleId,
      source: v.source,
      change_note: v.changeNote ?? null,
      created_by: v.createdBy ?? null,
      created_at: new Date().toISOString(),
      // The newest version so far: a unique index refuses a second version following the same one.
      previous_version_id: (eb) =>
        eb
          .selectFrom("scenario_versions")
          .select((e) => e.fn.max("id").as("id"))
          .where("scenario_id", "=", v.scenarioId),
      draft_revision:
        v.draftRevision ??
        ((eb) =>
          eb
            .selectFrom("scenario_versions")
            .select(sql<number>`coalesce(max(draft_revision) + 1, 0)`.as("r"))
            .where("scenario_id", "=", v.scenarioId)),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
