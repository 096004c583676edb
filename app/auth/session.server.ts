// Sessions stored server-side through Remix's createSessionStorage. The cookie carries only an
// unguessable id; sessions expire after IDLE_MS without use, and the expiry slides on activity.
import { randomBytes } from "node:crypto";
import { createCookie, createSessionStorage, redirect, type Session } from "@remix-run/node";
import { deleteSession, getLiveSession, insertSession, touchSession, updateSession } from "~db/queries/sessions.server";
import { getOrCreateSetting } from "~db/queries/app-settings.server";
import { getDb } from "~/db.server";

export const IDLE_MS = 8 * 60 * 60 * 1000; // a shift
const TOUCH_AFTER_MS = 5 * 60 * 1000; // extend at most every 5 minutes: no write on every request

export interface SessionData {
  userId: number;
}
export interface SessionFlash {
  notice: string;
}

// Created on first use: the cookie is signed with SESSION_SECRET, or with a secret generated once
// and kept in the database, so sessions survive a restart without any configuration.
let storagePromise: Promise<ReturnType<typeof createStorage>> | null = null;
function getStorage() {
  storagePromise ??= (async () => {
    const db = await getDb();
    const secret =
      process.env.SESSION_SECRET ||
      (await getOrCreateSetting(db, "session_secret", () => randomBytes(32).toString("base64url")));
    return createStorage(secret);
  })();
  return storagePromise;
}

function createStorage(secret: string) {
  const cookie = createCookie("engage_session", { httpOnly: true, sameSite: "lax", path: "/", secrets: [secret] });
  return createSessionStorage<SessionData, SessionFlash>({
    cookie,
    async createData(data, expires) {
      const db = await getDb();
      const id = randomBytes(32).toString("base64url");
      await insertSession(db, {
        id,
        userId: data.userId ?? null,
        data: JSON.stringify(data),
        expiresAt: expires ?? idleExpiry(),
      });
      return id;
    },
    async readData(id) {
      const db = await getDb();
      const now = new Date();
      const row = await getLiveSession(db, id, now);
      if (!row) return null;
      if (new Date(row.expires_at).getTime() - now.getTime() < IDLE_MS - TOUCH_AFTER_MS) {
        await touchSession(db, id, idleExpiry());
      }
      return JSON.parse(row.data);
    },
    async updateData(id, data, expires) {
      const db = await getDb();
      await updateSession(db, id, {
        userId: data.userId ?? null,
        data: JSON.stringify(data),
        expiresAt: expires ?? idleExpiry(),
      });
    },
    async deleteData(id) {
      const db = await getDb();
      await deleteSession(db, id);
    },
  });
}

function idleExpiry() {
  return new Date(Date.now() + IDLE_MS);
}

/** Secure cookies whenever the request came over https (directly or through a trusted proxy). */
function isHttps(request: Request) {
  if (new URL(request.url).protocol === "https:") return true;
  return process.env.TRUST_PROXY === "true" && request.headers.get("x-forwarded-proto") === "https";
}

// One session read per request, however many loaders ask (root and page both do).
const sessionsOfRequests = new WeakMap<Request, Promise<Session<SessionData, SessionFlash>>>();

export function getSession(request: Request) {
  let session = sessionsOfRequests.get(request);
  if (!session) {
    session = getStorage().then((storage) => storage.getSession(request.headers.get("Cookie")));
    sessionsOfRequests.set(request, session);
  }
  return session;
}

export async function commitSession(request: Request, session: Session<SessionData, SessionFlash>) {
  return (await getStorage()).commitSession(session, { secure: isHttps(request) });
}

export async function destroySession(request: Request, session: Session<SessionData, SessionFlash>) {
  return (await getStorage()).destroySession(session, { secure: isHttps(request) });
}

/** A fresh session (new id) for a user who has just signed in; the old one is destroyed. */
export async function startUserSession(request: Request, userId: number) {
  const storage = await getStorage();
  const old = await getSession(request);
  if (old.id) await storage.destroySession(old);
  const session = await storage.getSession(null);
  session.set("userId", userId);
  return commitSession(request, session);
}

/** Redirects with a one-time success message, shown in a notification banner on the next page. */
export async function redirectWithNotice(request: Request, to: string, notice: string) {
  const session = await getSession(request);
  session.flash("notice", notice);
  return redirect(to, { headers: { "Set-Cookie": await commitSession(request, session) } });
}
