// Attempts and their steps: what the practice loop, the officer's record and the home page read
// and write. The step writes are guarded by row_version (see app/practice/attempts.server.ts).
import type { Kysely, Transaction } from "kysely";
import type { Attempt, AttemptMode, AttemptStatus, Database, Outcome } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

export interface NewAttempt {
  id: string;
  officerId: number;
  establishmentId: number | null;
  scenarioVersionId: number;
  scenarioId: string;
  moduleId: string;
  mode: AttemptMode;
  snapshot: string;
  shuffleSeed: number;
  at: string;
}

export async function insertAttempt(db: Db, a: NewAttempt) {
  await db
    .insertInto("attempts")
    .values({
      id: a.id,
      officer_id: a.officerId,
      establishment_id: a.establishmentId,
      scenario_version_id: a.scenarioVersionId,
      scenario_id: a.scenarioId,
      module_id: a.moduleId,
      mode: a.mode,
      status: "in_progress",
      snapshot: a.snapshot,
      shuffle_seed: a.shuffleSeed,
      row_version: 1,
      step_count: 0,
      started_at: a.at,
      updated_at: a.at,
      open_questions: 0,
      closed_questions: 0,
      simple_reflections: 0,
      complex_reflections: 0,
      mi_adherent: 0,
      mi_non_adherent: 0,
    })
    .execute();
}

/** One officer's attempt; undefined for anyone else's, so callers answer 404. */
export function getOwnAttempt(db: Db, officerId: number, attemptId: string) {
  return db
    .selectFrom("attempts")
    .selectAll()
    .where("id", "=", attemptId)
    .where("officer_id", "=", officerId)
    .executeTakeFirst();
}

export function inProgressAttemptFor(db: Db, officerId: number, scenarioId: string) {
  return db
    .selectFrom("attempts")
    .selectAll()
    .where("officer_id", "=", officerId)
    .where("status", "=", "in_progress")
    .where("scenario_id", "=", scenarioId)
    .orderBy("started_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Every attempt of one officer, newest first. */
export function attemptsOfOfficer(db: Db, officerId: number) {
  return db
    .selectFrom("attempts as a")
    .innerJoin("scenario_versions as v", "v.id", "a.scenario_version_id")
    .select([
      "a.id",
      "a.scenario_id",
      "a.module_id",
      "a.mode",
      "a.status",
      "a.started_at",
      "a.updated_at",
      "a.finished_at",
      "a.ending_node",
      "a.outcome",
      "a.step_count",
      "a.scenario_version_id",
      "v.title",
      "a.open_questions",
      "a.closed_questions",
      "a.simple_reflections",
      "a.complex_reflections",
      "a.mi_adherent",
      "a.mi_non_adherent",
    ])
    .where("a.officer_id", "=", officerId)
    .orderBy("a.started_at", "desc")
    .orderBy("a.id")
    .execute();
}

export function stepsOf(db: Db, attemptId: string) {
  return db.selectFrom("attempt_steps").selectAll().where("attempt_id", "=", attemptId).orderBy("seq").execute();
}

/** Steps of many attempts with any trainer's rating of a written reply (for the record). */
export function stepsWithReviews(db: Db, attemptIds: string[]) {
  if (attemptIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("attempt_steps as s")
    .leftJoin("written_reply_reviews as r", "r.step_id", "s.id")
    .select([
      "s.id",
      "s.attempt_id",
      "s.seq",
      "s.node_id",
      "s.choice_id",
      "s.mi_code",
      "s.reply_node_id",
      "s.reply_talk",
      "s.free_text",
      "s.at",
      "r.rating",
      "r.comment",
      "r.at as reviewed_at",
    ])
    .where("s.attempt_id", "in", attemptIds)
    .orderBy("s.attempt_id")
    .orderBy("s.seq")
    .execute();
}

export interface NewStep {
  attemptId: string;
  seq: number;
  nodeId: string;
  choiceId: string | null;
  miCode: string | null;
  replyNodeId: string;
  replyTalk: string;
  freeText: string | null;
  at: string;
}

export async function insertStep(db: Db, s: NewStep) {
  await db
    .insertInto("attempt_steps")
    .values({
      attempt_id: s.attemptId,
      seq: s.seq,
      node_id: s.nodeId,
      choice_id: s.choiceId,
      mi_code: s.miCode,
      reply_node_id: s.replyNodeId,
      reply_talk: s.replyTalk,
      free_text: s.freeText,
      at: s.at,
    })
    .execute();
}

export interface AttemptAdvance {
  snapshot: string;
  stepCount: number;
  at: string;
  finished?: {
    endingNode: string;
    outcome: Outcome;
    counts: {
      openQuestions: number;
      closedQuestions: number;
      simpleReflections: number;
      complexReflections: number;
      miAdherent: number;
      miNonAdherent: number;
    };
  };
}

/**
 * Moves an attempt on one step if nobody else has since `expectedRowVersion`, and answers the row
 * as it now is. Answers undefined when the row changed underneath (another tab, a double submit,
 * a replay): the caller rolls back.
 */
export function advanceAttempt(
  db: Db,
  attemptId: string,
  expectedRowVersion: number,
  next: AttemptAdvance,
): Promise<Attempt | undefined> {
  const f = next.finished;
  return db
    .updateTable("attempts")
    .set({
      snapshot: next.snapshot,
      step_count: next.stepCount,
      row_version: expectedRowVersion + 1,
      updated_at: next.at,
      ...(f
        ? {
            status: "finished" as AttemptStatus,
            finished_at: next.at,
            ending_node: f.endingNode,
            outcome: f.outcome,
            open_questions: f.counts.openQuestions,
            closed_questions: f.counts.closedQuestions,
            simple_reflections: f.counts.simpleReflections,
            complex_reflections: f.counts.complexReflections,
            mi_adherent: f.counts.miAdherent,
            mi_non_adherent: f.counts.miNonAdherent,
          }
        : {}),
    })
    .where("id", "=", attemptId)
    .where("status", "=", "in_progress")
    .where("row_version", "=", expectedRowVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function abandonAttemptRow(
  db: Db,
  officerId: number,
  attemptId: string,
  expectedRowVersion: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("attempts")
    .set({ status: "abandoned", updated_at: at, row_version: expectedRowVersion + 1 })
    .where("id", "=", attemptId)
    .where("officer_id", "=", officerId)
    .where("status", "=", "in_progress")
    .where("row_version", "=", expectedRowVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The most recent finished attempts at a scenario, by anyone: how long it usually takes. */
export function recentFinishedAttempts(db: Db, scenarioId: string, limit = 200) {
  return db
    .selectFrom("attempts")
    .select(["started_at", "finished_at", "step_count"])
    .where("scenario_id", "=", scenarioId)
    .where("status", "=", "finished")
    .orderBy("finished_at", "desc")
    .limit(limit)
    .execute();
}
