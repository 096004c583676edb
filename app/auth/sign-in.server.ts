// Signing in: throttled per username and per client address, or per device cookie on a browser the
// username signed in on before; timing-safe whether or not the username exists, audited. The guess is
// counted before the password is checked (see throttle.ts).
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~db/schema";
import type { DeviceCookie } from "~/auth/device-cookie.server";
import { recordAudit, type AuditEntry } from "~db/queries/audit.server";
import { countGuess, giveBackGuess, restartWindowAt } from "~db/queries/sign-in-throttle.server";
import { confirmPasswordHash, findUserForSignIn, usernameKey } from "~db/queries/users.server";
import { roleCan } from "~/auth/capabilities";
import { dummyPasswordHash, hashPassword, hasPassword, needsRehash, verifyPassword } from "~/auth/password.server";
import { guessVerdict, LIMITS, minutesUntil, WINDOW_MS, type ThrottleKind } from "~/auth/throttle";
import { parseForm, text } from "~/utils/forms";

export type SignInResult =
  /** `deviceCookieStamp`: the user's device cookie stamp, for this browser's new device cookie */
  | { ok: true; cookie: string; mustChangePassword: boolean; deviceCookieStamp: number }
  | { ok: false; reason: "sso_only"; message: string }
  | { ok: false; reason: "wrong"; message: string }
  | { ok: false; reason: "locked"; message: string; until: Date };

export interface SignInAttempt {
  username: string;
  password: string;
  /** The client's address (behind TRUST_PROXY, the one the proxy saw). */
  address: string;
  /** false when PASSWORD_SIGN_IN=false: then only administrators (break-glass) use a password */
  passwordsForAll?: boolean;
  /** The browser's genuine device cookie, if it has one (device-cookie.server.ts). */
  device?: DeviceCookie | null;
}

/** The session store's startPasswordSession for this request: the session cookie, or null. */
export type StartPasswordSession = (userId: number, passwordHash: string, audit: AuditEntry) => Promise<string | null>;

/** The throttle row a username's guesses are counted in. */
export const usernameThrottleKey = (username: string) => `user:${usernameKey(username)}`;
/** The throttle row a device cookie's guesses are counted in (and, over its limit, its lock kept). */
const deviceThrottleKey = (device: DeviceCookie) => `device:${device.nonce}`;

interface CountedGuess {
  kind: ThrottleKind;
  key: string;
  windowStartedAt: string;
  guesses: number;
}

/**
 * Spends a guess against each limit in turn, before a password is checked (see throttle.ts): the guesses
 * counted, or the first limit the guess is over and until when it holds.
 */
async function spendGuess(
  db: Kysely<Database>,
  limits: [ThrottleKind, string][],
  now: Date,
): Promise<{ ok: true; counted: CountedGuess[] } | { ok: false; kind: ThrottleKind; until: Date }> {
  const counted: CountedGuess[] = [];
  for (const [kind, key] of limits) {
    const count = await countGuess(db, key, now, new Date(now.getTime() - WINDOW_MS));
    const verdict = guessVerdict(kind, count);
    if (!verdict.allowed) return { ok: false, kind, until: verdict.until };
    counted.push({ kind, key, ...count });
  }
  return { ok: true, counted };
}

/**
 * The browser's device cookie if it is this user's as they are now: for this username, and issued since their
 * last password reset or change or deactivation (the stamp it carries is still theirs). Else null.
 */
export function currentDeviceCookie(
  device: DeviceCookie | null | undefined,
  user: { username: string; deviceCookieStamp: number } | null,
): DeviceCookie | null {
  if (!device || !user) return null;
  return usernameKey(device.username) === usernameKey(user.username) && device.stamp === user.deviceCookieStamp
    ? device
    : null;
}

/**
 * Spends a guess for a password checked from this browser: one of its current device cookie's own while it has
 * any left, else against each of `limits` (throttle.ts). `deviceDetail` says so for the audit.
 */
export async function spendGuessFrom(
  db: Kysely<Database>,
  device: DeviceCookie | null,
  limits: [ThrottleKind, string][],
  now: Date,
) {
  const deviceGuess = device ? await spendGuess(db, [["device", deviceThrottleKey(device)]], now) : null;
  const guess = deviceGuess?.ok ? deviceGuess : await spendGuess(db, limits, now);
  const deviceDetail = device ? { deviceCookie: deviceGuess?.ok ? "used" : "locked" } : {};
  return { guess, deviceDetail };
}

/** A wrong guess that reached a limit starts its lock from now. */
export async function guessWasWrong(db: Kysely<Database>, counted: CountedGuess[], now: Date) {
  for (const c of counted) if (c.guesses >= LIMITS[c.kind]) await restartWindowAt(db, c.key, now, LIMITS[c.kind]);
}

/** A right guess is given back: using a password often never locks anyone out. */
export async function guessWasRight(db: Kysely<Database>, counted: CountedGuess[]) {
  for (const c of counted) await giveBackGuess(db, c.key, c.windowStartedAt);
}

const WRONG = "The username or password is not right, or the account is not active.";

export async function signIn(
  db: Kysely<Database>,
  attempt: SignInAttempt,
  startSession: StartPasswordSession,
  now = new Date(),
): Promise<SignInResult> {
  const { username, password, address } = attempt;
  const user = await findUserForSignIn(db, username);
  // A browser this username signed in on spends its device cookie's guesses alone, while it has any left.
  const device = currentDeviceCookie(
    attempt.device,
    user ? { username, deviceCookieStamp: user.device_cookie_stamp } : null,
  );
  const { guess, deviceDetail } = await spendGuessFrom(
    db,
    device,
    // The address first: a client over its limit spends none of a username's guesses.
    [
      ["address", `address:${address}`],
      ["username", usernameThrottleKey(username)],
    ],
    now,
  );
  if (!guess.ok) {
    await recordAudit(db, {
      actorUserId: null,
      action: "sign_in.refused",
      subjectUserId: user?.id ?? null,
      details: {
        username: username.slice(0, 64),
        limit: guess.kind,
        until: guess.until.toISOString(),
        ...deviceDetail,
      },
    });
    const wait = minutesUntil(guess.until, now);
    return {
      ok: false,
      reason: "locked",
      until: guess.until,
      message:
        guess.kind === "username"
          ? `Too many failed sign-in attempts for this username. Wait ${wait} and try again, or ask an administrator to reset your password.`
          : `Too many failed sign-in attempts from your network. Wait ${wait} and try again.`,
    };
  }

  // Someone without a password is checked against a dummy hash: the time taken gives nothing away.
  const stored = user && hasPassword(user.password_hash) ? user.password_hash : await dummyPasswordHash();
  const matches = (await verifyPassword(password, stored)) && stored === user?.password_hash;
  if (!user || !matches || !user.active) {
    await guessWasWrong(db, guess.counted, now);
    await recordAudit(db, {
      actorUserId: null,
      action: "sign_in.failed",
      subjectUserId: user?.id ?? null,
      details: { username: username.slice(0, 64), ...deviceDetail },
    });
    return { ok: false, reason: "wrong", message: WRONG };
  }
  await guessWasRight(db, guess.counted);
  if (attempt.passwordsForAll === false && !roleCan(user.role, "passwordWithoutSingleSignOn")) {
    await recordAudit(db, {
      actorUserId: null,
      action: "sign_in.failed",
      subjectUserId: user.id,
      details: { reason: "password sign-in is off" },
    });
    return {
      ok: false,
      reason: "sso_only",
      message: "Sign in with your work account: Engage passwords are only for administrators.",
    };
  }
  // The password may change between its check and the session (a change or reset ends every session):
  // the rehash and the session each go ahead only if the hash checked is still the stored one.
  let checked = user.password_hash;
  if (needsRehash(checked)) {
    const rehashed = await hashPassword(password);
    if (await confirmPasswordHash(db, user.id, checked, rehashed)) checked = rehashed;
  }
  const cookie = await startSession(user.id, checked, {
    actorUserId: user.id,
    action: "sign_in.succeeded",
    subjectUserId: user.id,
    ...(device ? { details: deviceDetail } : {}),
  });
  if (!cookie) {
    await recordAudit(db, {
      actorUserId: null,
      action: "sign_in.failed",
      subjectUserId: user.id,
      details: { username: username.slice(0, 64), reason: "password_changed" },
    });
    return { ok: false, reason: "wrong", message: WRONG };
  }
  // Read before the password was checked: had a reset, change or deactivation moved it on since, the session
  // above would have been refused; a stamp out of date otherwise only makes the new device cookie count for nothing.
  return {
    ok: true,
    cookie,
    mustChangePassword: user.must_change_password,
    deviceCookieStamp: user.device_cookie_stamp,
  };
}

const SignInForm = z.object({
  username: text("your username"),
  // Passwords are checked as typed; only the length is limited here.
  password: z
    .string({ error: "Enter your password" })
    .min(1, "Enter your password")
    .max(200, "Password must be 200 characters or fewer"),
  returnTo: z.string().optional(),
});

/** The sign-in form, read on the server: zod stays out of the browser's copy of the page. */
export const readSignInForm = (formData: FormData) => parseForm(SignInForm, formData);
