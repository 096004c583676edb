// Sessions stored server-side through Remix's createSessionStorage. The cookie carries only an
// unguessable id; sessions expire after IDLE_MS without use (the expiry slides on activity) and
// ABSOLUTE_MS after sign-in however active, so a stolen cookie cannot be kept alive for ever.
// The store is built once at start-up (createSessionStore) and reaches routes in the load context.
import { randomBytes } from "node:crypto";
import { createCookie, createSessionStorage, redirect, type Session, type TypedResponse } from "@remix-run/node";
import type { Kysely } from "kysely";
import { z } from "zod";
import { requestKeyOf } from "~db/request-scope";
import type { Database } from "~db/schema";
import { recordAudit, type AuditEntry } from "~db/queries/audit.server";
import { deleteSession, getSession, insertSession, touchSession, updateSession } from "~db/queries/sessions.server";
import { confirmPasswordHash } from "~db/queries/users.server";
import { shortUserAgent } from "~/auth/browser";
import { createDeviceCookies, type DeviceCookies } from "~/auth/device-cookie.server";
import { getOrCreateSetting } from "~db/queries/app-settings.server";

/** How long a session lasts, in the words staff are told: a shift idle, a week of shifts in all. */
export const SESSION_LIMITS = { idleHours: 8, absoluteDays: 7 } as const;
const HOUR_MS = 60 * 60 * 1000;
const IDLE_MS = SESSION_LIMITS.idleHours * HOUR_MS;
export const ABSOLUTE_MS = SESSION_LIMITS.absoluteDays * 24 * HOUR_MS;
/** How long a session that has ended is kept, so that browser's next visit can still be told why. */
export const ENDED_KEPT_MS = 30 * 24 * HOUR_MS;
const TOUCH_AFTER_MS = 5 * 60 * 1000; // extend at most every 5 minutes: no write on every request

const sessionData = z.object({
  userId: z.number().int(),
  /** a sign-in through the sign-in service that has not come back yet (state, PKCE verifier, nonce) */
  oidc: z.object({
    state: z.string(),
    verifier: z.string(),
    nonce: z.string(),
    returnTo: z.string(),
    redirectUri: z.string(),
    startedAt: z.number(),
  }),
  /** the ID token of a single sign-on session, for signing out of the sign-in service too */
  idToken: z.string(),
  /** why someone else's change ended this session (no user is left in it): the sign-in page says so */
  ended: z.string(),
});
export type SessionData = z.infer<typeof sessionData>;
/**
 * An officer's written reply sent after their session ended (without JavaScript: with it, the browser tab keeps it),
 * carried through signing in again to the same step of the same attempt, where it is put back in the box.
 */
const keptReply = z.object({ attempt: z.string().max(100), step: z.string().max(300), text: z.string().max(20_000) });
export type KeptReply = z.infer<typeof keptReply>;
/** The reply as it can be kept, or null when it is too long to keep (a session holds a few kilobytes). */
export const keepableReply = (kept: KeptReply): KeptReply | null => (keptReply.safeParse(kept).success ? kept : null);

export interface SessionFlash {
  notice: string;
  /** a message the person must not miss, when something they asked for was not done */
  important: string;
  keptReply: KeptReply;
}
/** A session as stored: any of its values, and its flash messages (kept under Remix's `__flash_<name>__` keys). */
const storedSession = sessionData.partial().extend({
  __flash_notice__: z.string().optional(),
  __flash_important__: z.string().optional(),
  __flash_keptReply__: keptReply.optional(),
});
type StoredSession = z.infer<typeof storedSession>;
export type UserSession = Session<SessionData, SessionFlash>;

/** Why a person's sessions ended other than by signing out, as the sign-in page then tells them. */
export const SESSION_ENDED = {
  idle: `You were signed out because Engage was not used for ${SESSION_LIMITS.idleHours} hours. Sign in again to carry on.`,
  lifetime: `You were signed out because you signed in ${SESSION_LIMITS.absoluteDays} days ago, the longest a session lasts. Sign in again to carry on.`,
  deactivated:
    "You were signed out because your account was deactivated. Ask your administrator if you think this is wrong.",
  accessChanged:
    "You were signed out because your role or prison changed. Sign in again to carry on with your new access.",
  passwordReset:
    "You were signed out because an administrator reset your password. Sign in with the password they gave you.",
  passwordChanged:
    "You were signed out because your password was changed. If you did not change it, tell your administrator now.",
  endedElsewhere: "You were signed out from another browser or device (Your sessions, on the account page).",
} as const;

/** What an ended session keeps: no user, and why, for the sign-in page the guard then sends the browser to. */
export const endedSessionData = (why: keyof typeof SESSION_ENDED) =>
  `${ENDED_DATA_PREFIX}${JSON.stringify(SESSION_ENDED[why])}}`;
/** How an ended session's data begins: such a session is kept after it expires, to say why (housekeeping.server). */
export const ENDED_DATA_PREFIX = '{"ended":';

export interface SessionStore {
  getSession(request: Request): Promise<UserSession>;
  commit(request: Request, session: UserSession): Promise<string>;
  destroy(request: Request, session: UserSession): Promise<string>;
  /**
   * A fresh session (new id) for a user who has just signed in; the old one is destroyed. `important`: a one-time
   * message for the first page, in an "Important" banner.
   */
  startUserSession(request: Request, userId: number, extra?: { idToken?: string; important?: string }): Promise<string>;
  /**
   * The same for a user who has just given the password stored as `passwordHash`: made only if that is still
   * their password (a change or reset ends every session, this one too), checked in the transaction that
   * inserts the session and writes `audit`. Null when it is no longer.
   */
  startPasswordSession(
    request: Request,
    userId: number,
    passwordHash: string,
    audit?: AuditEntry,
  ): Promise<string | null>;
  /** Redirects with a one-time success message, shown in a notification banner on the next page. */
  redirectWithNotice(request: Request, to: string, notice: string): Promise<TypedResponse<never>>;
  /**
   * Ends this browser's session, if anything has not already, and redirects with a one-time message saying why
   * what they asked for was not done (an "Important" banner), kept in a new session: the ended one keeps nothing
   * but, when given, the reply they had sent, for after they sign in again.
   */
  signOutWithNotice(
    request: Request,
    to: string,
    notice: string | null,
    kept?: KeptReply | null,
  ): Promise<TypedResponse<never>>;
  /**
   * Ends this browser's session as its person asked, and redirects with a one-time success message (a notification
   * banner), kept in a new session that holds no one: the ended one is gone, so it cannot carry it.
   */
  signOut(request: Request, to: string, notice: string): Promise<TypedResponse<never>>;
  /** The browsers people signed in on with a password (device-cookie.server.ts), signed with the same secret. */
  deviceCookies: DeviceCookies;
}

/** The cookie-signing secret: SESSION_SECRET, or one generated once and kept in the database. */
export async function sessionSecret(db: Kysely<Database>, configured: string | undefined): Promise<string> {
  return configured ?? getOrCreateSetting(db, "session_secret", () => randomBytes(32).toString("base64url"));
}

export function createSessionStore(
  db: Kysely<Database>,
  { secret, trustProxy }: { secret: string; trustProxy: boolean },
): SessionStore {
  const cookie = createCookie("engage_session", { httpOnly: true, sameSite: "lax", path: "/", secrets: [secret] });
  const storage = createSessionStorage<SessionData, SessionFlash>({
    cookie,
    async createData(data, expires) {
      const id = newSessionId();
      const now = new Date();
      await insertSession(db, {
        id,
        userId: data.userId ?? null,
        data: JSON.stringify(data),
        createdAt: now,
        expiresAt: expires ?? idleExpiry(now, now),
        userAgent: null,
      });
      return id;
    },
    async readData(id) {
      const now = new Date();
      const row = await getSession(db, id);
      if (!row) return null;
      // A session this version cannot read (its shape changed since) is no session: sign in again.
      const parsed = storedSession.safeParse(JSON.parse(row.data));
      const stored = parsed.success ? parsed.data : null;
      const ended = endedByItself(row, now);
      if (ended) {
        // Only why it ended is left: the reason someone's change gave first, or its own if it still had a user.
        if (row.user_id !== null) return { ended: SESSION_ENDED[ended] };
        return stored?.ended ? { ended: stored.ended } : null;
      }
      if (!row.last_seen_at || now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
        await touchSession(db, id, { lastSeenAt: now, expiresAt: idleExpiry(now, new Date(row.created_at)) });
      }
      return stored;
    },
    async updateData(id, data, expires) {
      const now = new Date();
      await updateSession(db, id, {
        userId: data.userId ?? null,
        data: JSON.stringify(data),
        expiresAt: expires ?? idleExpiry(now, now),
      });
    },
    async deleteData(id) {
      await deleteSession(db, id);
    },
  });

  /** Secure cookies whenever the request came over https (directly or through a trusted proxy). */
  const secure = (request: Request) =>
    new URL(request.url).protocol === "https:" || (trustProxy && request.headers.get("x-forwarded-proto") === "https");

  // One session read per request, however many loaders ask (root and page both do).
  const sessionsOfRequests = new WeakMap<object, Promise<UserSession>>();

  async function start(
    request: Request,
    userId: number,
    data: StoredSession,
    password?: { passwordHash: string; audit?: AuditEntry },
  ): Promise<string | null> {
    const old = await store.getSession(request);
    // A reply kept from before signing in goes on to the new session, to be put back where it was written.
    const kept = old.get("keptReply");
    if (old.id) await storage.destroySession(old);
    // Made here rather than by the storage, so the row records the browser it belongs to.
    const id = newSessionId();
    const now = new Date();
    const made = await db.transaction().execute(async (trx) => {
      if (password && !(await confirmPasswordHash(trx, userId, password.passwordHash))) return false;
      await insertSession(trx, {
        id,
        userId,
        data: JSON.stringify(kept ? { ...data, __flash_keptReply__: kept } : data),
        createdAt: now,
        expiresAt: idleExpiry(now, now),
        userAgent: shortUserAgent(request.headers.get("User-Agent")),
      });
      if (password?.audit) await recordAudit(trx, password.audit);
      return true;
    });
    return made ? cookie.serialize(id, { secure: secure(request) }) : null;
  }

  /** Ends this browser's session and redirects to `to` with only `said`, in a new session, for the next page. */
  async function endSession(
    request: Request,
    to: string,
    said: { notice?: string; important?: string | null; keptReply?: KeptReply | null },
  ) {
    const old = await store.getSession(request);
    if (old.id) await storage.destroySession(old);
    const session = await storage.getSession();
    if (said.notice) session.flash("notice", said.notice);
    if (said.important) session.flash("important", said.important);
    if (said.keptReply) session.flash("keptReply", said.keptReply);
    return redirect(to, { headers: { "Set-Cookie": await store.commit(request, session) } });
  }

  const store: SessionStore = {
    getSession(request) {
      const key = requestKeyOf(request);
      let session = sessionsOfRequests.get(key);
      if (!session) {
        session = storage.getSession(request.headers.get("Cookie"));
        sessionsOfRequests.set(key, session);
      }
      return session;
    },
    commit: (request, session) => storage.commitSession(session, { secure: secure(request) }),
    destroy: (request, session) => storage.destroySession(session, { secure: secure(request) }),
    async startUserSession(request, userId, extra) {
      // Null only when a password is to be confirmed: never here.
      const data: StoredSession = { userId };
      if (extra?.idToken) data.idToken = extra.idToken;
      if (extra?.important) data.__flash_important__ = extra.important;
      return (await start(request, userId, data))!;
    },
    startPasswordSession: (request, userId, passwordHash, audit) =>
      start(request, userId, { userId }, { passwordHash, audit }),
    async redirectWithNotice(request, to, notice) {
      const session = await store.getSession(request);
      session.flash("notice", notice);
      return redirect(to, { headers: { "Set-Cookie": await store.commit(request, session) } });
    },
    signOutWithNotice: (request, to, notice, kept) => endSession(request, to, { important: notice, keptReply: kept }),
    signOut: (request, to, notice) => endSession(request, to, { notice }),
    deviceCookies: createDeviceCookies(secret, secure),
  };
  return store;
}

function newSessionId() {
  return randomBytes(32).toString("base64url");
}

/** Why a session is no longer live, if it is not: a week after sign-in, or a shift without use. */
function endedByItself(row: { created_at: string; expires_at: string }, now: Date): "lifetime" | "idle" | null {
  if (new Date(row.created_at).getTime() <= now.getTime() - ABSOLUTE_MS) return "lifetime";
  if (new Date(row.expires_at).getTime() <= now.getTime()) return "idle";
  return null;
}

/** IDLE_MS from now, but never past ABSOLUTE_MS after sign-in. */
function idleExpiry(now: Date, createdAt: Date) {
  return new Date(Math.min(now.getTime() + IDLE_MS, createdAt.getTime() + ABSOLUTE_MS));
}
