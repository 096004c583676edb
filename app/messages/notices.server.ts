// Messages recorded as things happen (sent by the next run of the job, within a minute when the
// server runs it): an officer is told when a trainer has rated their written reply.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import type { NewMessage } from "~db/queries/messages.server";
import { getScenarioVersion } from "~/curriculum/curriculum.server";
import { replyRated, replyRatingChanged, storedBody } from "~/domain/reminders";

/**
 * The officer's message about a rating of one reply: keyed by the reply, one message for its first rating, and
 * by the version a change makes (`changedTo`), one message for each change.
 */
export async function replyRatedNotice(
  db: Kysely<Database>,
  stepId: number,
  changedTo?: number,
): Promise<NewMessage | null> {
  const row = await db
    .selectFrom("attempt_steps as s")
    .innerJoin("attempts as a", "a.id", "s.attempt_id")
    .innerJoin("users as u", "u.id", "a.officer_id")
    .select(["a.id as attempt_id", "a.officer_id", "a.scenario_version_id", "u.display_name"])
    .where("s.id", "=", stepId)
    .executeTakeFirst();
  if (!row) return null;
  const version = await getScenarioVersion(db, row.scenario_version_id);
  const scenarioTitle = version?.scenario.title ?? "a scenario";
  const message =
    changedTo === undefined
      ? replyRated(row.display_name, scenarioTitle)
      : replyRatingChanged(row.display_name, scenarioTitle);
  return {
    userId: row.officer_id,
    kind: "reply_rated",
    dedupeKey: changedTo === undefined ? `rated:${stepId}` : `rated:${stepId}:v${changedTo}`,
    subject: message.subject,
    body: storedBody(message),
    link: `/attempts/${row.attempt_id}/review`,
    details: { stepId },
  };
}
