// Messages to users (reminders, summaries, notices): one row per message, keyed so that the same
// message is never recorded twice, and claimed before sending so that it is never sent twice.
import type { Kysely, Transaction } from "kysely";
import type { Database, MessageKind } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

/** How many times a failing message is tried before it is left as failed. */
const MAX_TRIES = 5;

export interface NewMessage {
  userId: number;
  kind: MessageKind;
  dedupeKey: string;
  subject: string;
  body: string;
  link: string; // a path on this site
  details?: object;
}

/** Records a message unless one with its key exists; true when this call recorded it. */
export async function insertMessage(db: Db, m: NewMessage): Promise<boolean> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto("messages")
    .values({
      user_id: m.userId,
      kind: m.kind,
      dedupe_key: m.dedupeKey,
      subject: m.subject,
      body: m.body,
      link: m.link,
      details: m.details ? JSON.stringify(m.details) : null,
      status: "pending",
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export function listMessagesOfUser(db: Db, userId: number, limit = 100) {
  return db
    .selectFrom("messages")
    .select(["id", "kind", "subject", "body", "link", "status", "channel", "created_at", "sent_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** The details of the reminders officers were already sent (what each told them about). */
export function earlierReminders(db: Db, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("messages")
    .select(["user_id", "details"])
    .where("kind", "=", "due_reminder")
    .where("user_id", "in", userIds)
    .execute();
}

/** Messages waiting to go: new ones, and failed ones with tries left. */
export function listDeliverable(db: Db, limit: number) {
  return db
    .selectFrom("messages")
    .select("id")
    .where((eb) =>
      eb.or([eb("status", "=", "pending"), eb.and([eb("status", "=", "failed"), eb("tries", "<", MAX_TRIES)])]),
    )
    .orderBy("id")
    .limit(limit)
    .execute();
}

/**
 * Takes a message for sending; false when another instance already has it. A message left
 * "sending" by a crash is never picked up again: at most once, never twice.
 */
export async function claimMessage(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable("messages")
    .set((eb) => ({ status: "sending", tries: eb("tries", "+", 1), updated_at: new Date().toISOString() }))
    .where("id", "=", id)
    .where((eb) =>
      eb.or([eb("status", "=", "pending"), eb.and([eb("status", "=", "failed"), eb("tries", "<", MAX_TRIES)])]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function getMessageToSend(db: Db, id: number) {
  return db
    .selectFrom("messages as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select([
      "m.id",
      "m.kind",
      "m.subject",
      "m.body",
      "m.link",
      "m.dedupe_key",
      "u.email",
      "u.display_name",
      "u.active",
    ])
    .where("m.id", "=", id)
    .executeTakeFirstOrThrow();
}

export function finishMessage(
  db: Db,
  id: number,
  outcome:
    | { status: "sent"; channel: string; email: string; ref: string | null }
    | { status: "failed"; channel: string; email: string; error: string }
    | { status: "not_sent"; error: string },
) {
  const now = new Date().toISOString();
  return db
    .updateTable("messages")
    .set({
      status: outcome.status,
      channel: "channel" in outcome ? outcome.channel : null,
      email: "email" in outcome ? outcome.email : null,
      provider_ref: outcome.status === "sent" ? outcome.ref : null,
      last_error: outcome.status === "sent" ? null : outcome.error.slice(0, 500),
      sent_at: outcome.status === "sent" ? now : null,
      updated_at: now,
    })
    .where("id", "=", id)
    .execute();
}
