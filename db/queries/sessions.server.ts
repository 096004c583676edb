// Server-side sessions: the cookie holds only a random id; the data lives here.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

export function insertSession(
  db: Kysely<Database> | Transaction<Database>,
  row: { id: string; userId: number | null; data: string; expiresAt: Date },
) {
  return db
    .insertInto("sessions")
    .values({
      id: row.id,
      user_id: row.userId,
      data: row.data,
      created_at: new Date().toISOString(),
      expires_at: row.expiresAt.toISOString(),
    })
    .execute();
}

export function getLiveSession(db: Kysely<Database> | Transaction<Database>, id: string, now: Date) {
  return db
    .selectFrom("sessions")
    .select(["data", "expires_at", "user_id"])
    .where("id", "=", id)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
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

export function touchSession(db: Kysely<Database> | Transaction<Database>, id: string, expiresAt: Date) {
  return db.updateTable("sessions").set({ expires_at: expiresAt.toISOString() }).where("id", "=", id).execute();
}

export function deleteSession(db: Kysely<Database> | Transaction<Database>, id: string) {
  return db.deleteFrom("sessions").where("id", "=", id).execute();
}

/** Ends every open session of a user (deactivation, password reset). */
export function deleteSessionsOfUser(db: Kysely<Database> | Transaction<Database>, userId: number) {
  return db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export function deleteExpiredSessions(db: Kysely<Database> | Transaction<Database>, now: Date) {
  return db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).execute();
}
