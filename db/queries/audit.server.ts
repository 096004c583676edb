// The audit log: who did what to whom, and when. Rows are only ever added.
import type { Kysely, Transaction } from "kysely";
import { contains, startsWith } from "../like";
import { currentRequestId } from "../request-scope";
import { nameContains } from "./users.server";
import type { Database } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  subjectUserId?: number | null;
  establishmentId?: number | null;
  details?: Record<string, unknown>;
}

export function recordAudit(db: Db, entry: AuditEntry) {
  return recordAudits(db, [entry]);
}

/** Many rows at once (one per person a staff import changed), in statements of a few hundred. */
export async function recordAudits(db: Db, entries: AuditEntry[]) {
  const at = new Date().toISOString();
  const requestId = currentRequestId();
  for (let i = 0; i < entries.length; i += 500)
    await db
      .insertInto("audit_events")
      .values(
        entries.slice(i, i + 500).map((entry) => ({
          at,
          actor_user_id: entry.actorUserId,
          action: entry.action,
          subject_user_id: entry.subjectUserId ?? null,
          establishment_id: entry.establishmentId ?? null,
          details: entry.details ? JSON.stringify(entry.details) : null,
          request_id: requestId,
        })),
      )
      .execute();
}

/** Which events: a kind (action prefix), a time range [from, to), and a person who did it or to whom it was done. */
export interface AuditFilter {
  action?: string;
  from?: string;
  to?: string;
  /** part of a name or username */
  person?: string;
}

function events(db: Db, f: AuditFilter) {
  let q = db
    .selectFrom("audit_events as e")
    .leftJoin("users as actor", "actor.id", "e.actor_user_id")
    .leftJoin("users as subject", "subject.id", "e.subject_user_id")
    .leftJoin("establishments as est", "est.id", "e.establishment_id");
  if (f.action) q = q.where(startsWith(db, "e.action", f.action));
  if (f.from) q = q.where("e.at", ">=", f.from);
  if (f.to) q = q.where("e.at", "<", f.to);
  if (f.person) {
    // Each user's names are folded once, not once per event: folding costs more than the look-up.
    const named = db.selectFrom("users").select("users.id").where(nameContains(db, f.person));
    q = q.where((eb) => eb.or([eb("e.actor_user_id", "in", named), eb("e.subject_user_id", "in", named)]));
  }
  return q;
}

/** Events newest first, with the names of who did it, to whom, and the prison. */
export function listAudit(db: Db, filter: AuditFilter & { limit: number; offset: number }) {
  return events(db, filter)
    .select([
      "e.id",
      "e.at",
      "e.action",
      "e.details",
      "e.request_id",
      "e.actor_user_id",
      "e.subject_user_id",
      "actor.display_name as actor_name",
      "actor.username as actor_username",
      "subject.display_name as subject_name",
      "subject.username as subject_username",
      "est.name as establishment_name",
    ])
    .orderBy("e.at", "desc")
    .orderBy("e.id", "desc")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];

export async function countAudit(db: Db, filter: AuditFilter = {}) {
  const row = await events(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** When and by whom a draft scenario that was never published was deleted, if it was (its rows are gone). */
export function draftDeletionOf(db: Db, scenarioId: string) {
  return db
    .selectFrom("audit_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .select(["e.at", "u.display_name as by_name"])
    .where("e.action", "=", "scenario.draft_deleted")
    .where(contains(db, "e.details", JSON.stringify({ scenarioId }).slice(1, -1)))
    .orderBy("e.id", "desc")
    .executeTakeFirst();
}

/** Ratings given and changed of an officer's written replies, oldest first; each names its reply in its details. */
export function ratingEventsOf(db: Db, officerId: number) {
  return db
    .selectFrom("audit_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .select(["e.at", "e.details", "u.display_name as by_name"])
    .where("e.subject_user_id", "=", officerId)
    .where("e.action", "in", ["reply.reviewed", "reply.rating_changed"])
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
}
