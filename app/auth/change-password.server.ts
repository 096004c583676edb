// A signed-in person changing their own password: the current one must be right, and checking it spends
// a guess of their username's sign-in limit (a stolen session gets no more guesses than the sign-in form);
// every other session of theirs ends, and this one gets a new id.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { endSessionsOfUsers } from "~db/queries/sessions.server";
import { endedSessionData } from "~/auth/session.server";
import { confirmPasswordHash, getPasswordHash, updateUser } from "~db/queries/users.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { passwordProblem } from "~/auth/password-policy.server";
import { guessWasRight, guessWasWrong, spendGuess, usernameThrottleKey } from "~/auth/sign-in.server";
import { minutesUntil } from "~/auth/throttle";
import type { CurrentUser } from "~/auth/guard.server";

export type ChangePasswordResult =
  /** `passwordHash`: the new password as stored, for starting this person's new session */
  { ok: true; passwordHash: string } | { ok: false; reason: "locked" | "invalid"; errors: Record<string, string> };

const WRONG = {
  ok: false,
  reason: "invalid",
  errors: { currentPassword: "Your current password is not right" },
} as const;

export async function changeOwnPassword(
  db: Kysely<Database>,
  user: CurrentUser,
  current: string,
  next: string,
): Promise<ChangePasswordResult> {
  const now = new Date();
  const about = { actorUserId: user.id, subjectUserId: user.id, establishmentId: user.establishmentId };
  const guess = await spendGuess(db, [["username", usernameThrottleKey(user.username)]], now);
  if (!guess.ok) {
    await recordAudit(db, {
      ...about,
      action: "user.password_change_refused",
      details: { until: guess.until.toISOString() },
    });
    return {
      ok: false,
      reason: "locked",
      errors: {
        currentPassword: `Too many wrong passwords for your username. Wait ${minutesUntil(guess.until, now)} and try again, or ask an administrator to reset your password.`,
      },
    };
  }
  const hash = await getPasswordHash(db, user.id);
  if (!hash || !(await verifyPassword(current, hash))) {
    await guessWasWrong(db, guess.counted, now);
    await recordAudit(db, { ...about, action: "user.password_change_failed" });
    return WRONG;
  }
  await guessWasRight(db, guess.counted);
  if (current === next)
    return {
      ok: false,
      reason: "invalid",
      errors: { newPassword: "Choose a password different from your current one" },
    };
  const weak = passwordProblem(next, {
    username: user.username,
    displayName: user.displayName,
    prisonName: user.establishmentName,
  });
  if (weak) return { ok: false, reason: "invalid", errors: { newPassword: weak.replace(/^Password/, "New password") } };
  const nextHash = await hashPassword(next);
  const changed = await db.transaction().execute(async (trx) => {
    // Only over the password just checked: a reset by an administrator meanwhile stands.
    if (!(await confirmPasswordHash(trx, user.id, hash))) return false;
    await updateUser(trx, user.id, { password_hash: nextHash, must_change_password: false });
    await endSessionsOfUsers(trx, [user.id], endedSessionData("passwordChanged"));
    await recordAudit(trx, { ...about, action: "user.password_changed" });
    return true;
  });
  return changed ? { ok: true, passwordHash: nextHash } : WRONG;
}
