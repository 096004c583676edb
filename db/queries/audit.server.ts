// The audit log: who did what to whom, and when. Rows are only ever added.
import type { Kysely, Transaction } from "kysely";
import { startsWith } from "../like";
import { currentRequestId } from "../request-scope";
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
  return db
    .insertInto("audit_events")
    .values({
      at: new Date().toISOString(),
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_user_id: entry.subjectUserId ?? null,
      establishment_id: entry.establishmentId ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
      request_id: currentRequestId(),
    })
    .execute();
}

export function listAudit(db: Db, filter: { action?: string; limit: number; offset: number }) {
  let q = db
    .selectFrom("audit_events as e")
    .leftJoin("users as actor", "actor.id", "e.actor_user_id")
    .leftJoin("users as subject", "subject.id", "e.subject_user_id")
    .leftJoin("establishments as est", "est.id", "e.establishment_id")
    .select([
      "e.id",
      "e.at",
      "e.action",
      "e.details",
      "actor.display_name as actor_name",
      "actor.username as actor_username",
      "subject.display_name as subject_name",
      "subject.username as subject_username",
      "est.name as establishment_name",
    ]);
  if (filter.action) q = q.where(startsWith("e.action", filter.action));
  return q.orderBy("e.id", "desc").limit(filter.limit).offset(filter.offset).execute();
}

export async function countAudit(db: Db, action?: string) {
  let q = db.selectFrom("audit_events").select((eb) => eb.fn.countAll<number>().as("n"));
  if (action) q = q.where(startsWith("action", action));
  return Number((await q.executeTakeFirstOrThrow()).n);
}
