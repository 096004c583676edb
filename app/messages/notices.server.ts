// Messages recorded as things happen (sent by the next run of the job, within a minute when the
// server runs it): an officer is told when a trainer has rated their written reply.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import type { NewMessage } from "~db/queries/messages.server";
import { getScenarioVersion } from "~/curriculum/curriculum.server";
import { replyRated, storedBody } from "~/domain/reminders";

/** The officer's message about a rating of one reply (keyed by the reply: one message per reply). */
export async function replyRatedNotice(db: Kysely<Database>, stepId: number): Promise<NewMessage | null> {
  const row = await db
    .selectFrom("attempt_steps as s")
    .innerJoin("attempts as a", "a.id", "s.attempt_id")
    .innerJoin("users as u", "u.id", "a.officer_id")
    .select(["a.id as attempt_id", "a.officer_id", "a.scenario_version_id", "u.display_name"])
    .where("s.id", "=", stepId)
    .executeTakeFirst();
  if (!row) return null;
  const version = await getScenarioVersion(db, row.scenario_version_id);
  const message = replyRated(row.display_name, version?.scenario.title ?? "a scenario");
  return {
    userId: row.officer_id,
    kind: "reply_rated",
    dedupeKey: `rated:${stepId}`,
    subject: message.subject,
    body: storedBody(message),
    link: `/attempts/${row.attempt_id}/review`,
    details: { stepId },
  };
}
