// Figures the studio reads from attempts: choices taken in finished assessments, and where
// officers' unfinished attempts are sitting (so a publish can warn about nodes it removes).
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

/** Choices taken in one prison's finished assessments of a version (the prison of the attempt). */
export function choiceCounts(db: Db, scenarioVersionId: number, establishmentId: number) {
  return db
    .selectFrom("attempt_steps as s")
    .innerJoin("attempts as a", "a.id", "s.attempt_id")
    .select(["s.node_id", "s.choice_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("a.scenario_version_id", "=", scenarioVersionId)
    .where("a.establishment_id", "=", establishmentId)
    .where("a.mode", "=", "assessment")
    .where("a.status", "=", "finished")
    .where("s.choice_id", "is not", null)
    .groupBy(["s.node_id", "s.choice_id"])
    .execute();
}

export function countFinishedAssessments(db: Db, scenarioVersionId: number, establishmentId: number) {
  return db
    .selectFrom("attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("scenario_version_id", "=", scenarioVersionId)
    .where("establishment_id", "=", establishmentId)
    .where("mode", "=", "assessment")
    .where("status", "=", "finished")
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export function unfinishedAttemptsOf(db: Db, scenarioId: string) {
  return db
    .selectFrom("attempts")
    .select(["id", "scenario_version_id", "snapshot"])
    .where("scenario_id", "=", scenarioId)
    .where("status", "=", "in_progress")
    .execute();
}
