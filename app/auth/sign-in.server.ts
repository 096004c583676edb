// Signing in: throttled per username, timing-safe whether or not the username exists, audited.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { clearSignInFailures, recentSignInFailures, recordSignInFailure } from "~db/queries/sign-in-failures.server";
import { findUserForSignIn, updateUser, usernameKey } from "~db/queries/users.server";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "~/auth/password.server";
import { lockedUntil, MAX_FAILURES, WINDOW_MS } from "~/auth/throttle";

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "wrong"; message: string }
  | { ok: false; reason: "locked"; message: string; until: Date };

export async function signIn(
  db: Kysely<Database>,
  username: string,
  password: string,
  now = new Date(),
): Promise<SignInResult> {
  const key = usernameKey(username);
  const recent = await recentSignInFailures(db, key, new Date(now.getTime() - WINDOW_MS * 2), MAX_FAILURES);
  const until = lockedUntil(
    recent.map((r) => new Date(r.at)),
    now,
  );
  if (until) {
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
    return {
      ok: false,
      reason: "locked",
      until,
      message: `Too many failed sign-in attempts for this username. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or ask an administrator to reset your password.`,
    };
  }
  const user = await findUserForSignIn(db, username);
  const matches = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user || !matches || !user.active) {
    await recordSignInFailure(db, key, now);
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
  await clearSignInFailures(db, key);
  if (needsRehash(user.password_hash)) await updateUser(db, user.id, { password_hash: await hashPassword(password) });
  await recordAudit(db, { actorUserId: user.id, action: "sign_in.succeeded", subjectUserId: user.id });
  return { ok: true, userId: user.id };
}
