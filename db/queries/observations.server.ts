// Observations of officers' real conversations on the wing, and the requests to make them. Drafts
// change only at the row version they were read at, and only while still drafts, so a stale or
// double submit changes nothing.
import type { Kysely, Transaction, Updateable } from "kysely";
import type { Database, ObservationTable } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

/** The columns of a coach's sheet that a save or a record writes. */
export type SheetColumns = Pick<
  Updateable<ObservationTable>,
  | "minutes"
  | "questions"
  | "simple_reflections"
  | "complex_reflections"
  | "affirms"
  | "seeking_collaboration"
  | "emphasizing_autonomy"
  | "giving_information"
  | "persuade_with_permission"
  | "persuades"
  | "confronts"
  | "cultivating_change_talk"
  | "softening_sustain_talk"
  | "partnership"
  | "empathy"
  | "strengths"
  | "next_step"
>;

const withPeople = (db: Db) =>
  db
    .selectFrom("observations as o")
    .innerJoin("users as officer", "officer.id", "o.officer_id")
    .innerJoin("users as coach", "coach.id", "o.coach_id")
    .leftJoin("units as wing", "wing.id", "officer.unit_id")
    .selectAll("o")
    .select([
      "officer.display_name as officer_name",
      "wing.name as officer_wing",
      "coach.display_name as coach_name",
      "coach.role as coach_role",
    ]);

export type ObservationRow = NonNullable<Awaited<ReturnType<typeof getObservation>>>;

export function getObservation(db: Db, id: number) {
  return withPeople(db).where("o.id", "=", id).executeTakeFirst();
}

export async function insertDraft(db: Db, v: { establishmentId: number; officerId: number; coachId: number }) {
  const now = new Date().toISOString();
  const row = await db
    .insertInto("observations")
    .values({
      establishment_id: v.establishmentId,
      officer_id: v.officerId,
      coach_id: v.coachId,
      status: "draft",
      row_version: 1,
      started_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findDraft(db: Db, coachId: number, officerId: number) {
  return db
    .selectFrom("observations")
    .select(["id"])
    .where("coach_id", "=", coachId)
    .where("officer_id", "=", officerId)
    .where("status", "=", "draft")
    .executeTakeFirst();
}

/** Writes a draft's sheet if it is still a draft at `rowVersion`; true when it did. */
export async function saveDraftSheet(db: Db, id: number, rowVersion: number, sheet: SheetColumns) {
  const result = await db
    .updateTable("observations")
    .set((eb) => ({ ...sheet, row_version: eb("row_version", "+", 1), updated_at: new Date().toISOString() }))
    .where("id", "=", id)
    .where("status", "=", "draft")
    .where("row_version", "=", rowVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a draft (its final sheet) if it is still a draft at `rowVersion`; true when it did. */
export async function recordDraft(db: Db, id: number, rowVersion: number, sheet: SheetColumns) {
  const now = new Date().toISOString();
  const result = await db
    .updateTable("observations")
    .set((eb) => ({
      ...sheet,
      status: "recorded" as const,
      row_version: eb("row_version", "+", 1),
      updated_at: now,
      recorded_at: now,
    }))
    .where("id", "=", id)
    .where("status", "=", "draft")
    .where("row_version", "=", rowVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteDraft(db: Db, id: number) {
  const result = await db
    .deleteFrom("observations")
    .where("id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export function observationsByCoach(db: Db, coachId: number) {
  return withPeople(db)
    .where("o.coach_id", "=", coachId)
    .orderBy("o.status")
    .orderBy("o.updated_at", "desc")
    .orderBy("o.id", "desc")
    .execute();
}

/** An officer's recorded observations, newest first (never their coaches' drafts). */
export function recordedOfOfficer(db: Db, officerId: number) {
  return recordedOfOfficers(db, [officerId]);
}

/**
 * Recorded observations of a prison's active officers (every prison's for null; optionally since a
 * time), wherever they were made: an officer who moved keeps their record, as with attempts.
 */
export function recordedOfPrisonOfficers(db: Db, establishmentId: number | null, since?: string) {
  let q = withPeople(db);
  if (establishmentId !== null) q = q.where("officer.establishment_id", "=", establishmentId);
  q = q.where("officer.role", "=", "officer").where("officer.active", "=", true).where("o.status", "=", "recorded");
  if (since) q = q.where("o.recorded_at", ">=", since);
  return q.orderBy("o.recorded_at", "desc").orderBy("o.id", "desc").execute();
}

/** Recorded observations of these officers (a page of a prison's), newest first. */
export function recordedOfOfficers(db: Db, officerIds: number[]) {
  if (officerIds.length === 0) return Promise.resolve([]);
  return withPeople(db)
    .where("o.officer_id", "in", officerIds)
    .where("o.status", "=", "recorded")
    .orderBy("o.recorded_at", "desc")
    .orderBy("o.id", "desc")
    .execute();
}

/**
 * Sets the officer's reflection if the observation is still at the version their form was made from,
 * moving the version on; false when it was not (changed in another window since), and nothing is written.
 */
export async function setReflection(
  db: Db,
  id: number,
  officerId: number,
  reflection: string | null,
  rowVersion: number,
) {
  const result = await db
    .updateTable("observations")
    .set((eb) => ({
      officer_reflection: reflection,
      reflected_at: new Date().toISOString(),
      row_version: eb("row_version", "+", 1),
    }))
    .where("id", "=", id)
    .where("officer_id", "=", officerId)
    .where("status", "=", "recorded")
    .where("row_version", "=", rowVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Another coach's recorded sheets that could be of the same conversation: the same officer,
 * started within 12 hours, not yet linked. Names and times only leave this function's callers.
 */
export function calibrationCandidates(
  db: Db,
  o: { id: number; officer_id: number; coach_id: number; started_at: string },
) {
  const at = new Date(o.started_at).getTime();
  const hours12 = 12 * 3600_000;
  return withPeople(db)
    .where("o.officer_id", "=", o.officer_id)
    .where("o.coach_id", "!=", o.coach_id)
    .where("o.status", "=", "recorded")
    .where("o.calibration_partner_id", "is", null)
    .where("o.started_at", ">=", new Date(at - hours12).toISOString())
    .where("o.started_at", "<=", new Date(at + hours12).toISOString())
    .orderBy("o.started_at")
    .execute();
}

/** Sets one side of a calibration pair if that sheet is recorded and not yet linked; true when it did. */
export async function linkPartner(db: Db, id: number, partnerId: number) {
  const result = await db
    .updateTable("observations")
    .set({ calibration_partner_id: partnerId })
    .where("id", "=", id)
    .where("status", "=", "recorded")
    .where("calibration_partner_id", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Calibration pairs of a prison (each once: the lower id first), optionally those a coach is in. */
export function calibrationPairs(db: Db, establishmentId: number, coachId?: number) {
  let q = withPeople(db)
    .innerJoin("observations as p", "p.id", "o.calibration_partner_id")
    .innerJoin("users as partner", "partner.id", "p.coach_id")
    .select(["p.id as partner_id", "partner.display_name as partner_coach_name"])
    .where("o.establishment_id", "=", establishmentId)
    .whereRef("o.id", "<", "p.id");
  if (coachId !== undefined)
    q = q.where((eb) => eb.or([eb("o.coach_id", "=", coachId), eb("p.coach_id", "=", coachId)]));
  return q.orderBy("o.started_at", "desc").execute();
}

/** The active coaches of a prison: trainers, managers, and officers marked as MI coaches. */
export function listCoaches(db: Db, establishmentId: number) {
  return db
    .selectFrom("users")
    .select(["id", "display_name", "role"])
    .where("establishment_id", "=", establishmentId)
    .where("active", "=", true)
    .where((eb) =>
      eb.or([
        eb("role", "in", ["trainer", "manager"]),
        eb.and([eb("role", "=", "officer"), eb("mi_coach", "=", true)]),
      ]),
    )
    .orderBy("display_name")
    .orderBy("id")
    .execute();
}

// ---- requests to observe ----

export async function insertRequest(
  db: Db,
  v: { establishmentId: number; officerId: number; coachId: number; dueOn: string; requestedBy: number },
) {
  const row = await db
    .insertInto("observation_requests")
    .values({
      establishment_id: v.establishmentId,
      officer_id: v.officerId,
      coach_id: v.coachId,
      due_on: v.dueOn,
      requested_by: v.requestedBy,
      requested_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const requestsWithPeople = (db: Db) =>
  db
    .selectFrom("observation_requests as r")
    .innerJoin("users as officer", "officer.id", "r.officer_id")
    .innerJoin("users as coach", "coach.id", "r.coach_id")
    .leftJoin("units as wing", "wing.id", "officer.unit_id")
    .selectAll("r")
    .select(["officer.display_name as officer_name", "wing.name as officer_wing", "coach.display_name as coach_name"])
    .where("r.done_at", "is", null)
    .where("r.cancelled_at", "is", null);

export function openRequests(db: Db, filter: { establishmentId: number; coachId?: number }) {
  let q = requestsWithPeople(db).where("r.establishment_id", "=", filter.establishmentId);
  if (filter.coachId !== undefined) q = q.where("r.coach_id", "=", filter.coachId);
  return q.orderBy("r.due_on").orderBy("r.id").execute();
}

/** Marks the coach's open request to observe the officer as done (if there is one). */
export function completeRequests(db: Db, coachId: number, officerId: number) {
  return db
    .updateTable("observation_requests")
    .set({ done_at: new Date().toISOString() })
    .where("coach_id", "=", coachId)
    .where("officer_id", "=", officerId)
    .where("done_at", "is", null)
    .where("cancelled_at", "is", null)
    .execute();
}

export async function cancelRequest(db: Db, id: number, establishmentId: number, by: number) {
  const result = await db
    .updateTable("observation_requests")
    .set({ cancelled_at: new Date().toISOString(), cancelled_by: by })
    .where("id", "=", id)
    .where("establishment_id", "=", establishmentId)
    .where("done_at", "is", null)
    .where("cancelled_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
