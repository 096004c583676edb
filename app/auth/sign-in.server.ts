// Signing in: throttled per username and per client address, timing-safe whether or not the
// username exists, audited. The guess is counted before the password is checked (see throttle.ts).
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { countGuess, giveBackGuess, restartWindowAt } from "~db/queries/sign-in-throttle.server";
import { findUserForSignIn, updateUser, usernameKey } from "~db/queries/users.server";
import { roleCan } from "~/auth/capabilities";
import { dummyPasswordHash, hashPassword, hasPassword, needsRehash, verifyPassword } from "~/auth/password.server";
import { guessVerdict, LIMITS, minutesUntil, WINDOW_MS, type ThrottleKind } from "~/auth/throttle";
import { parseForm, text } from "~/utils/forms";

export type SignInResult =
  | { ok: true; userId: number; mustChangePassword: boolean }
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
}

/** The throttle row a username's guesses are counted in. */
export const usernameThrottleKey = (username: string) => `user:${usernameKey(username)}`;

export async function signIn(db: Kysely<Database>, attempt: SignInAttempt, now = new Date()): Promise<SignInResult> {
  const { username, password, address } = attempt;
  const user = await findUserForSignIn(db, username);
  const counted: { kind: ThrottleKind; key: string; windowStartedAt: string; guesses: number }[] = [];
  // The address first: a client over its limit spends none of a username's guesses.
  for (const [kind, key] of [
    ["address", `address:${address}`],
    ["username", usernameThrottleKey(username)],
  ] as const) {
    const count = await countGuess(db, key, now, new Date(now.getTime() - WINDOW_MS));
    const verdict = guessVerdict(kind, count);
    if (!verdict.allowed) {
      await recordAudit(db, {
        actorUserId: null,
        action: "sign_in.refused",
        subjectUserId: user?.id ?? null,
        details: { username: username.slice(0, 64), limit: kind, until: verdict.until.toISOString() },
      });
      const wait = minutesUntil(verdict.until, now);
      return {
        ok: false,
        reason: "locked",
        until: verdict.until,
        message:
          kind === "username"
            ? `Too many failed sign-in attempts for this username. Wait ${wait} and try again, or ask an administrator to reset your password.`
            : `Too many failed sign-in attempts from your network. Wait ${wait} and try again.`,
      };
    }
    counted.push({ kind, key, ...count });
  }

  // Someone without a password is checked against a dummy hash: the time taken gives nothing away.
  const stored = user && hasPassword(user.password_hash) ? user.password_hash : await dummyPasswordHash();
  const matches = (await verifyPassword(password, stored)) && stored === user?.password_hash;
  if (!user || !matches || !user.active) {
    for (const c of counted) if (c.guesses >= LIMITS[c.kind]) await restartWindowAt(db, c.key, now, LIMITS[c.kind]);
    await recordAudit(db, {
      actorUserId: null,
      action: "sign_in.failed",
      subjectUserId: user?.id ?? null,
      details: { username: username.slice(0, 64) },
    });
    return {
      ok: false,
      reason: "wrong",
      message: "The username or password is not right, or the account is not active.",
    };
  }
  for (const c of counted) await giveBackGuess(db, c.key, c.windowStartedAt);
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
  if (needsRehash(user.password_hash)) await updateUser(db, user.id, { password_hash: await hashPassword(password) });
  await recordAudit(db, { actorUserId: user.id, action: "sign_in.succeeded", subjectUserId: user.id });
  return { ok: true, userId: user.id, mustChangePassword: user.must_change_password };
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
