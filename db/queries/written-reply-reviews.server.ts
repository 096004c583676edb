// Trainers' ratings of officers' written replies (Helpful Responses Questionnaire scale, 1 to 5).
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

/** Written replies not yet rated, oldest first; `establishmentId` null means every prison (admins). */
function unratedReplies(db: Db, establishmentId: number | null) {
  let q = db
    .selectFrom("attempt_steps as s")
    .innerJoin("attempts as a", "a.id", "s.attempt_id")
    .innerJoin("users as u", "u.id", "a.officer_id")
    .innerJoin("establishments as e", "e.id", "u.establishment_id")
    .leftJoin("written_reply_reviews as r", "r.step_id", "s.id")
    .where("s.free_text", "is not", null)
    .where("r.id", "is", null);
  if (establishmentId !== null) q = q.where("u.establishment_id", "=", establishmentId);
  return q;
}

export function listUnratedReplies(db: Db, filter: { establishmentId: number | null; limit: number; offset: number }) {
  return unratedReplies(db, filter.establishmentId)
    .select([
      "s.id",
      "s.node_id",
      "s.free_text",
      "s.at",
      "a.scenario_version_id",
      "a.mode",
      "u.display_name as officer_name",
      "e.name as prison_name",
    ])
    .orderBy("s.at")
    .orderBy("s.id")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countUnratedReplies(db: Db, establishmentId: number | null) {
  const row = await unratedReplies(db, establishmentId)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One written reply with the officer's prison, for checking a trainer may rate it; none for a step
 * that is not a written reply (a choice), so only what an officer wrote can be rated.
 */
export function getWrittenReply(db: Db, stepId: number) {
  return db
    .selectFrom("attempt_steps as s")
    .innerJoin("attempts as a", "a.id", "s.attempt_id")
    .innerJoin("users as u", "u.id", "a.officer_id")
    .leftJoin("written_reply_reviews as r", "r.step_id", "s.id")
    .leftJoin("users as rv", "rv.id", "r.reviewer_id")
    .select([
      "s.id",
      "s.free_text",
      "a.officer_id",
      "u.establishment_id",
      "r.id as review_id",
      "r.rating",
      "r.comment",
      "r.at as reviewed_at",
      "r.reviewer_id",
      "r.row_version as review_version",
      "rv.display_name as reviewer_name",
    ])
    .where("s.id", "=", stepId)
    .where("s.free_text", "is not", null)
    .$narrowType<{ free_text: string }>()
    .executeTakeFirst();
}

/** Where a written reply was made and by whom, for the trainer rating it. */
export function writtenReplyContext(db: Db, stepId: number) {
  return db
    .selectFrom("attempt_steps as s")
    .innerJoin("attempts as a", "a.id", "s.attempt_id")
    .innerJoin("users as u", "u.id", "a.officer_id")
    .select(["s.node_id", "s.at", "a.scenario_version_id", "a.mode", "u.display_name as officer_name"])
    .where("s.id", "=", stepId)
    .executeTakeFirstOrThrow();
}

/** Saves a rating; false when the reply already has one (the unique step_id keeps it to one). */
export async function insertReview(
  db: Db,
  r: { stepId: number; reviewerId: number; rating: number; comment: string | null },
) {
  const result = await db
    .insertInto("written_reply_reviews")
    .values({
      step_id: r.stepId,
      reviewer_id: r.reviewerId,
      rating: r.rating,
      comment: r.comment,
      at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column("step_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Replaces a reply's rating with the trainer's new one, only from the version the change form was made from:
 * false when someone changed it first. The row keeps one rating per reply, so the officer's record, reports and
 * exports all read the latest; the audit log keeps each earlier level.
 */
export async function changeReview(
  db: Db,
  r: { stepId: number; reviewerId: number; rating: number; comment: string | null; version: number },
) {
  const result = await db
    .updateTable("written_reply_reviews")
    .set((eb) => ({
      reviewer_id: r.reviewerId,
      rating: r.rating,
      comment: r.comment,
      at: new Date().toISOString(),
      row_version: eb("row_version", "+", 1),
    }))
    .where("step_id", "=", r.stepId)
    .where("row_version", "=", r.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Rated written replies, the latest rating first; `establishmentId` null means every prison (admins). */
function ratedReplies(db: Db, establishmentId: number | null) {
  let q = db
    .selectFrom("written_reply_reviews as r")
    .innerJoin("attempt_steps as s", "s.id", "r.step_id")
    .innerJoin("attempts as a", "a.id", "s.attempt_id")
    .innerJoin("users as u", "u.id", "a.officer_id")
    .innerJoin("establishments as e", "e.id", "u.establishment_id");
  if (establishmentId !== null) q = q.where("u.establishment_id", "=", establishmentId);
  return q;
}

export function listRatedReplies(db: Db, filter: { establishmentId: number | null; limit: number; offset: number }) {
  return ratedReplies(db, filter.establishmentId)
    .leftJoin("users as rv", "rv.id", "r.reviewer_id")
    .select([
      "s.id",
      "s.node_id",
      "s.free_text",
      "s.at",
      "a.scenario_version_id",
      "a.mode",
      "u.display_name as officer_name",
      "e.name as prison_name",
      "r.rating",
      "r.at as reviewed_at",
      "rv.display_name as reviewer_name",
    ])
    .orderBy("r.at", "desc")
    .orderBy("r.id", "desc")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countRatedReplies(db: Db, establishmentId: number | null) {
  const row = await ratedReplies(db, establishmentId)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
