// The one access guard. Every loader and action calls requireUser (or getCurrentUser for pages
// open to everyone), so who may see what is decided here and nowhere else.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { requestKeyOf } from "~db/request-scope";
import type { Role } from "~db/schema";
import { can, type Capability } from "~/auth/capabilities";
import { getUserWithPlace } from "~db/queries/users.server";
import { crossSiteReason, siteHostOf, writeHeadersOf } from "~/server/security.server";
import { isCoach } from "~/domain/observation/coaches";
import type { KeptReply } from "~/auth/session.server";
import { readFormData } from "~/utils/form-data.server";

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  establishmentId: number | null;
  establishmentName: string | null;
  unitId: number | null;
  unitName: string | null;
  /** an administrator chose their password: they must choose their own before anything else */
  mustChangePassword: boolean;
  /** an officer an admin has marked as an MI coach (trainers and managers are coaches anyway) */
  miCoach?: boolean;
}

// One look-up per request: the root loader and the page's loader both ask.
const usersOfRequests = new WeakMap<object, Promise<CurrentUser | null>>();

export function getCurrentUser(request: Request, context: AppLoadContext): Promise<CurrentUser | null> {
  const key = requestKeyOf(request);
  let user = usersOfRequests.get(key);
  if (!user) {
    user = lookUpCurrentUser(request, context);
    usersOfRequests.set(key, user);
  }
  return user;
}

async function lookUpCurrentUser(request: Request, context: AppLoadContext): Promise<CurrentUser | null> {
  const session = await context.sessions.getSession(request);
  const userId = session.get("userId");
  if (typeof userId !== "number") return null;
  const row = await getUserWithPlace(context.db, userId);
  if (!row || !row.active) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    establishmentId: row.establishment_id,
    establishmentName: row.establishment_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    mustChangePassword: row.must_change_password,
    miCoach: row.mi_coach,
  };
}

/**
 * Returns the signed-in user, or ends the request: anonymous users are sent to sign in (and
 * brought back afterwards); a user who may not do `can` (any one of them, for a list; see
 * capabilities.ts) gets a 403 page. Writes from another site are refused before anything else.
 */
export async function requireUser(
  request: Request,
  context: AppLoadContext,
  options: {
    can?: Capability | Capability[];
    /** what a form sent after the session ended keeps for after signing in again (without JavaScript) */
    keep?: (form: FormData) => KeptReply | null;
  } = {},
): Promise<CurrentUser> {
  const posted = request.method !== "GET" && request.method !== "HEAD";
  if (posted) refuseCrossSite(request);
  const user = await getCurrentUser(request, context);
  if (!user) {
    const signIn = signInPath(returnPathOf(request));
    await sayWhySessionEnded(request, context, signIn, posted ? options.keep : undefined);
    throw redirect(signIn);
  }
  if (
    user.mustChangePassword &&
    !OPEN_WHILE_CHANGING_PASSWORD.has(new URL(request.url).pathname.replace(/\.data$/, ""))
  )
    throw redirect("/account/password");
  const needed = options.can === undefined ? [] : [options.can].flat();
  if (needed.length && !needed.some((capability) => can(user, capability))) {
    throw new Response("You do not have access to this page.", { status: 403 });
  }
  return user;
}

/** The sign-in page, bringing the person back to `returnTo` (a safe path) once signed in. */
export const signInPath = (returnTo: string) => `/sign-in?returnTo=${encodeURIComponent(returnTo)}`;

/**
 * When this browser's session was ended by someone else's change (deactivated, a new role, a reset password) or by
 * itself, not by signing out: ends it for good and throws the redirect to the sign-in page `signIn`, which says why,
 * once (`keep`: what a form sent after it ended keeps for after signing in). Otherwise does nothing.
 */
export async function sayWhySessionEnded(
  request: Request,
  context: AppLoadContext,
  signIn: string,
  keep?: (form: FormData) => KeptReply | null,
): Promise<void> {
  const ended = (await context.sessions.getSession(request)).get("ended");
  if (!ended) return;
  // Kept only from a session that was someone's: an anonymous post makes no session to hold text.
  const kept = keep ? keep(await readFormData(request.clone())) : null;
  throw await context.sessions.signOutWithNotice(request, signIn, ended, kept);
}

/**
 * For the sign-in form, sent by a browser whose session ended while the page was open (another tab signed in, then
 * the session ended): ends it for good, and gives why, for the page to say beside what the form gets back. The
 * redirect sayWhySessionEnded throws from the page's loader would lose that (a wrong password, say). Null otherwise.
 */
export async function takeWhySessionEnded(
  request: Request,
  context: AppLoadContext,
): Promise<{ ended: string; headers: { "Set-Cookie": string } } | null> {
  const session = await context.sessions.getSession(request);
  const ended = session.get("ended");
  if (!ended) return null;
  return { ended, headers: { "Set-Cookie": await context.sessions.destroy(request, session) } };
}

const OPEN_WHILE_CHANGING_PASSWORD = new Set(["/account/password", "/account/sessions", "/sign-out"]);

/**
 * A coach of a prison (see domain/observation/coaches.ts) who may also do `can` when given;
 * anyone else gets a 403 page.
 */
export async function requireCoach(
  request: Request,
  context: AppLoadContext,
  options: { can?: Capability } = {},
): Promise<CurrentUser & { establishmentId: number }> {
  const user = await requireUser(request, context, options);
  if (!isCoach(user) || user.establishmentId === null)
    throw new Response("Only MI coaches can observe officers.", { status: 403 });
  return { ...user, establishmentId: user.establishmentId };
}

/** The prison a user's lists are limited to: null means every prison (admins). */
export function establishmentScope(user: CurrentUser): number | null {
  return can(user, "seeEveryPrison") ? null : user.establishmentId;
}

/** Whether the user may see things belonging to a prison. Others get a 404, never a hint. */
export function canSeeEstablishment(user: CurrentUser, establishmentId: number | null): boolean {
  return can(user, "seeEveryPrison") || (establishmentId !== null && establishmentId === user.establishmentId);
}

export function notFound(): never {
  throw new Response("Page not found", { status: 404 });
}

/** Writes from another site are refused (the server refuses them first; this holds without it). */
export function refuseCrossSite(request: Request) {
  const host = siteHostOf(request.headers, new URL(request.url).host);
  if (crossSiteReason(writeHeadersOf(request.headers), host)) {
    throw new Response("Engage does not accept forms sent from other websites.", { status: 403 });
  }
}

/**
 * Where to come back to after signing in: the page asked for; for a form sent after the session
 * ended (an officer's reply, say), the page the form was on, so they land back on it.
 */
function returnPathOf(request: Request) {
  const url = new URL(request.url);
  if (request.method === "GET" || request.method === "HEAD")
    return safeReturnPath(url.pathname.replace(/\.data$/, "") + url.search);
  const referer = request.headers.get("referer");
  if (!referer || !URL.canParse(referer)) return "/";
  const from = new URL(referer);
  return from.host === siteHostOf(request.headers, url.host) ? safeReturnPath(from.pathname + from.search) : "/";
}

/**
 * Only paths on this site: "/x" yes; "//evil", "/\\evil", "https://evil" and control characters no.
 * The path is checked again after the URL parser has normalised it, because dot segments and
 * encoded dots can turn a harmless-looking path into another site's address ("/.//evil",
 * "/%2e//evil", "/a/..//evil" all become "//evil").
 */
export function safeReturnPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 1000) return fallback;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point of this check
  if (!isSitePath(value) || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const resolved = new URL(value, "http://engage.invalid");
    const path = resolved.pathname + resolved.search;
    if (resolved.origin !== "http://engage.invalid" || !isSitePath(path)) return fallback;
    // Repeated slashes inside the path are folded: no route has them.
    return resolved.pathname.replace(/\/{2,}/g, "/") + resolved.search;
  } catch {
    return fallback;
  }
}

const isSitePath = (path: string) => path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
