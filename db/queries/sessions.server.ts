// Server-side sessions: the cookie holds only a random id; the data lives here.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

export function insertSession(
  db: Kysely<Database> | Transaction<Database>,
  row: { id: string; userId: number | null; data: string; createdAt: Date; expiresAt: Date; userAgent: string | null },
) {
  return db
    .insertInto("sessions")
    .values({
      id: row.id,
      user_id: row.userId,
      data: row.data,
      created_at: row.createdAt.toISOString(),
      last_seen_at: row.createdAt.toISOString(),
      expires_at: row.expiresAt.toISOString(),
      user_agent: row.userAgent,
    })
    .execute();
}

/**
 * A session as stored, live or not: whether it is still live (and why not) is session.server's to decide,
 * so a session that ended by itself can say why on the sign-in page.
 */
export function getSession(db: Kysely<Database> | Transaction<Database>, id: string) {
  return db
    .selectFrom("sessions")
    .select(["data", "expires_at", "user_id", "created_at", "last_seen_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** A user's live sessions, most recently used first (for "your sessions"). */
export function listLiveSessionsOfUser(
  db: Kysely<Database> | Transaction<Database>,
  userId: number,
  now: Date,
  startedAfter: Date,
) {
  return db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_seen_at", "user_agent"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now.toISOString())
    .where("created_at", ">", startedAfter.toISOString())
    .orderBy("last_seen_at", "desc")
    .orderBy("created_at", "desc")
    .execute();
}

/**
 * Ends some of a user's sessions (only ever theirs, whatever ids are asked for). Like every ending
 * below, the session loses its user and keeps only `endedData` (session.server's `endedSessionData`:
 * why it ended), so that browser's next page is the sign-in page, saying why.
 */
export async function endSessionsOfUserById(
  db: Kysely<Database> | Transaction<Database>,
  userId: number,
  ids: string[],
  endedData: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable("sessions")
    .set({ user_id: null, data: endedData })
    .where("user_id", "=", userId)
    .where("id", "in", ids)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function updateSession(
  db: Kysely<Database> | Transaction<Database>,
  id: string,
  row: { userId: number | null; data: string; expiresAt: Date },
) {
  return db
    .updateTable("sessions")
    .set({ user_id: row.userId, data: row.data, expires_at: row.expiresAt.toISOString() })
    .where("id", "=", id)
    .execute();
}

export function touchSession(
  db: Kysely<Database> | Transaction<Database>,
  id: string,
  times: { lastSeenAt: Date; expiresAt: Date },
) {
  return db
    .updateTable("sessions")
    .set({ last_seen_at: times.lastSeenAt.toISOString(), expires_at: times.expiresAt.toISOString() })
    .where("id", "=", id)
    .execute();
}

export function deleteSession(db: Kysely<Database> | Transaction<Database>, id: string) {
  return db.deleteFrom("sessions").where("id", "=", id).execute();
}

/** Sessions of these users end (a new role or prison, deactivated, a new password): they sign in again. */
export async function endSessionsOfUsers(
  db: Kysely<Database> | Transaction<Database>,
  userIds: number[],
  endedData: string,
) {
  for (let i = 0; i < userIds.length; i += 500)
    await db
      .updateTable("sessions")
      .set({ user_id: null, data: endedData })
      .where("user_id", "in", userIds.slice(i, i + 500))
      .execute();
}

/**
 * Sessions that ended (by themselves or by someone's change) before `endedBefore` or began before `startedBefore`,
 * so long ago nobody needs to be told why; and sessions without a user that hold no reason (a sign-in begun, a
 * message shown: `reasonPrefix` is how a reason's data begins) as soon as they expire.
 */
export function deleteLongEndedSessions(
  db: Kysely<Database> | Transaction<Database>,
  times: { now: Date; endedBefore: Date; startedBefore: Date },
  reasonPrefix: string,
) {
  return db
    .deleteFrom("sessions")
    .where((eb) =>
      eb.or([
        eb("expires_at", "<=", times.endedBefore.toISOString()),
        eb("created_at", "<=", times.startedBefore.toISOString()),
        eb.and([
          eb("expires_at", "<=", times.now.toISOString()),
          eb("user_id", "is", null),
          eb("data", "not like", `${reasonPrefix}%`),
        ]),
      ]),
    )
    .execute();
}
