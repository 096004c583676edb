// Sessions and sign-in counters that can no longer matter are deleted at start-up and by the daily
// run of the reminders job, so an instance that stays up for months does not keep them for ever.
import type { Kysely } from "kysely";
import { deleteLongEndedSessions } from "~db/queries/sessions.server";
import { deleteEndedWindows } from "~db/queries/sign-in-throttle.server";
import type { Database } from "~db/schema";
import { ABSOLUTE_MS, ENDED_DATA_PREFIX, ENDED_KEPT_MS } from "~/auth/session.server";
import { WINDOW_MS } from "~/auth/throttle";

export async function forgetExpired(db: Kysely<Database>, now: Date) {
  const longAgo = now.getTime() - ENDED_KEPT_MS;
  await deleteLongEndedSessions(
    db,
    { now, endedBefore: new Date(longAgo), startedBefore: new Date(longAgo - ABSOLUTE_MS) },
    ENDED_DATA_PREFIX,
  );
  await deleteEndedWindows(db, new Date(now.getTime() - WINDOW_MS));
}
