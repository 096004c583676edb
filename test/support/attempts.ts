// Attempts written straight into a database, for report tests (unit and e2e) while the practice
// pages are built elsewhere. Each row looks like a finished (or started) attempt of the newest
// version of a library scenario.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

export const GOOD_COUNTS = {
  open_questions: 2,
  closed_questions: 0,
  simple_reflections: 1,
  complex_reflections: 2,
  mi_adherent: 1,
  mi_non_adherent: 0,
};
export const POOR_COUNTS = {
  open_questions: 1,
  closed_questions: 4,
  simple_reflections: 1,
  complex_reflections: 0,
  mi_adherent: 0,
  mi_non_adherent: 2,
};

export interface SeedAttempt {
  username: string;
  scenarioId: string;
  mode?: "practice" | "assessment";
  status?: "finished" | "in_progress" | "abandoned";
  finishedAt?: string;
  outcome?: "engaged" | "undecided" | "disengaged";
  counts?: typeof GOOD_COUNTS;
}

export async function insertAttempts(db: Kysely<Database>, attempts: SeedAttempt[]): Promise<string[]> {
  const ids: string[] = [];
  for (const a of attempts) {
    const user = await db
      .selectFrom("users")
      .select(["id", "establishment_id"])
      .where("username_key", "=", a.username.toLowerCase())
      .executeTakeFirstOrThrow();
    const version = await db
      .selectFrom("scenario_versions")
      .select(["id", "module_id"])
      .where("scenario_id", "=", a.scenarioId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const status = a.status ?? "finished";
    const finishedAt = a.finishedAt ?? new Date(Date.now() - 3600_000).toISOString();
    const startedAt = new Date(Date.parse(finishedAt) - 8 * 60_000).toISOString();
    const id = randomUUID();
    await db
      .insertInto("attempts")
      .values({
        id,
        officer_id: user.id,
        establishment_id: user.establishment_id,
        scenario_version_id: version.id,
        scenario_id: a.scenarioId,
        module_id: version.module_id,
        mode: a.mode ?? "assessment",
        status,
        snapshot: "{}",
        shuffle_seed: 1,
        row_version: 1,
        step_count: 5,
        started_at: startedAt,
        updated_at: finishedAt,
        finished_at: status === "finished" ? finishedAt : null,
        ending_node: status === "finished" ? "end" : null,
        outcome: status === "finished" ? (a.outcome ?? "engaged") : null,
        ...(a.counts ?? GOOD_COUNTS),
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

/** The scenario ids of a module, from the library's modules list. */
export const LISTENING_SCENARIOS = ["wing-safety", "appeal-denial", "bad-news-letter"];
