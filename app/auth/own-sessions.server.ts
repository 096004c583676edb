// A person's own sessions: where they are signed in, and ending the ones they do not want. The
// page never sees a session id (that would be the key to the session): each is shown by a handle,
// a hash of its id, and ending one only ever ends a session of the person asking.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { endSessionsOfUserById, listLiveSessionsOfUser } from "~db/queries/sessions.server";
import { endedSessionData } from "~/auth/session.server";
import { describeBrowser } from "~/auth/browser";
import type { CurrentUser } from "~/auth/guard.server";
import { ABSOLUTE_MS } from "~/auth/session.server";

export const sessionHandle = (id: string) => createHash("sha256").update(id).digest("base64url").slice(0, 22);

export interface OwnSession {
  handle: string;
  browser: string;
  signedInAt: string;
  lastSeenAt: string;
  endsBy: string; // the absolute end: sign-in time plus ABSOLUTE_MS
  current: boolean;
}

async function liveSessions(db: Kysely<Database>, userId: number, now: Date) {
  return listLiveSessionsOfUser(db, userId, now, new Date(now.getTime() - ABSOLUTE_MS));
}

export async function listOwnSessions(
  db: Kysely<Database>,
  user: CurrentUser,
  currentId: string | undefined,
  now = new Date(),
): Promise<OwnSession[]> {
  const rows = await liveSessions(db, user.id, now);
  const sessions = rows.map((r) => ({
    handle: sessionHandle(r.id),
    browser: describeBrowser(r.user_agent),
    signedInAt: r.created_at,
    lastSeenAt: r.last_seen_at ?? r.created_at,
    endsBy: new Date(new Date(r.created_at).getTime() + ABSOLUTE_MS).toISOString(),
    current: r.id === currentId,
  }));
  // This session first, then the others, most recently used first.
  return [...sessions.filter((s) => s.current), ...sessions.filter((s) => !s.current)];
}

/** Ends one other session (by handle) or all the others; never the one asking. */
export async function endOwnSessions(
  db: Kysely<Database>,
  user: CurrentUser,
  currentId: string | undefined,
  which: { handle: string } | "others",
  now = new Date(),
): Promise<number> {
  const others = (await liveSessions(db, user.id, now)).filter((r) => r.id !== currentId);
  const ids = others.filter((r) => which === "others" || sessionHandle(r.id) === which.handle).map((r) => r.id);
  return db.transaction().execute(async (trx) => {
    const ended = await endSessionsOfUserById(trx, user.id, ids, endedSessionData("endedElsewhere"));
    if (ended > 0)
      await recordAudit(trx, {
        actorUserId: user.id,
        action: "session.ended",
        subjectUserId: user.id,
        establishmentId: user.establishmentId,
        details: { sessions: ended, which: which === "others" ? "all others" : "one" },
      });
    return ended;
  });
}
