// Drafts: the studio's work in progress, one per scenario. `revision` is an optimistic lock:
// an update only lands when the row still has the revision the editor was opened on.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

export function getDraft(db: Db, scenarioId: string) {
  return db
    .selectFrom("scenario_drafts as d")
    .leftJoin("users as u", "u.id", "d.updated_by")
    .select([
      "d.scenario_id",
      "d.yaml",
      "d.revision",
      "d.updated_at",
      "d.updated_by",
      "u.display_name as updated_by_name",
    ])
    .where("d.scenario_id", "=", scenarioId)
    .executeTakeFirst();
}

export function listDrafts(db: Db) {
  return db
    .selectFrom("scenario_drafts as d")
    .leftJoin("users as u", "u.id", "d.updated_by")
    .select(["d.scenario_id", "d.yaml", "d.revision", "d.updated_at", "u.display_name as updated_by_name"])
    .orderBy("d.scenario_id")
    .execute();
}

export function countDrafts(db: Db) {
  return db
    .selectFrom("scenario_drafts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Inserts a scenario's draft at `revision`; false when one already exists (someone got there first). */
export async function insertDraft(db: Db, d: { scenarioId: string; yaml: string; userId: number; revision: number }) {
  const result = await db
    .insertInto("scenario_drafts")
    .values({
      scenario_id: d.scenarioId,
      yaml: d.yaml,
      revision: d.revision,
      created_by: d.userId,
      updated_by: d.userId,
      updated_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column("scenario_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Saves over revision `base`; false when the stored revision has moved on. */
export async function updateDraft(db: Db, d: { scenarioId: string; yaml: string; userId: number; base: number }) {
  const result = await db
    .updateTable("scenario_drafts")
    .set({ yaml: d.yaml, revision: d.base + 1, updated_by: d.userId, updated_at: new Date().toISOString() })
    .where("scenario_id", "=", d.scenarioId)
    .where("revision", "=", d.base)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes a draft once published; only the revision that was reviewed. */
export async function deleteDraft(db: Db, scenarioId: string, revision: number) {
  const result = await db
    .deleteFrom("scenario_drafts")
    .where("scenario_id", "=", scenarioId)
    .where("revision", "=", revision)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Keeps one saved text of a draft; the (scenario, revision) key makes a replayed save a no-op. */
export async function insertDraftRevision(
  db: Db,
  r: { scenarioId: string; revision: number; yaml: string; userId: number; how: string },
) {
  await db
    .insertInto("scenario_draft_revisions")
    .values({
      scenario_id: r.scenarioId,
      revision: r.revision,
      yaml: r.yaml,
      saved_by: r.userId,
      saved_at: new Date().toISOString(),
      how: r.how,
    })
    .execute();
}

/** The draft's saves, newest first, without their texts. */
export function listDraftRevisions(db: Db, scenarioId: string) {
  return db
    .selectFrom("scenario_draft_revisions as r")
    .leftJoin("users as u", "u.id", "r.saved_by")
    .select(["r.revision", "r.saved_at", "r.how", "u.display_name as saved_by_name"])
    .where("r.scenario_id", "=", scenarioId)
    .orderBy("r.revision", "desc")
    .execute();
}

export function getDraftRevision(db: Db, scenarioId: string, revision: number) {
  return db
    .selectFrom("scenario_draft_revisions")
    .select(["revision", "yaml", "saved_at"])
    .where("scenario_id", "=", scenarioId)
    .where("revision", "=", revision)
    .executeTakeFirst();
}

/** A published draft's history goes with it (the published version keeps the text). */
export async function deleteDraftRevisions(db: Db, scenarioId: string) {
  await db.deleteFrom("scenario_draft_revisions").where("scenario_id", "=", scenarioId).execute();
}

/**
 * Takes a new-scenario form's one-time key for the scenario it creates; false when the key was taken first (the
 * same form sent again). On PostgreSQL a second sender waits here until the first commits or rolls back.
 */
export async function claimCreationKey(db: Db, c: { formKey: string; scenarioId: string; userId: number }) {
  const result = await db
    .insertInto("scenario_creations")
    .values({
      form_key: c.formKey,
      scenario_id: c.scenarioId,
      created_by: c.userId,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column("form_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Gives a key back (its scenario's id was taken, and the next id is tried). */
export async function releaseCreationKey(db: Db, formKey: string) {
  await db.deleteFrom("scenario_creations").where("form_key", "=", formKey).execute();
}

/** The scenario a form's key created, if any. */
export async function scenarioCreatedBy(db: Db, formKey: string) {
  const row = await db
    .selectFrom("scenario_creations")
    .select("scenario_id")
    .where("form_key", "=", formKey)
    .executeTakeFirst();
  return row?.scenario_id ?? null;
}
