// A signed-in person changing their own password: the current one must be right, and checking it spends
// a guess as the sign-in form would from this browser: its device cookie's own while it has any left, else
// their username's (a stolen session gets no more guesses than the sign-in form, and a lock someone else
// caused by guessing does not stop them changing it on their own browser). Every other session of theirs
// ends, this one gets a new id, and every device cookie of theirs issued before is withdrawn.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { endSessionsOfUsers } from "~db/queries/sessions.server";
import { endedSessionData } from "~/auth/session.server";
import { confirmPasswordHash, getPasswordAndStamp, updateUser } from "~db/queries/users.server";
import type { DeviceCookie } from "~/auth/device-cookie.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { passwordProblem } from "~/auth/password-policy.server";
import {
  currentDeviceCookie,
  guessWasRight,
  guessWasWrong,
  spendGuessFrom,
  usernameThrottleKey,
} from "~/auth/sign-in.server";
import { minutesUntil } from "~/auth/throttle";
import type { CurrentUser } from "~/auth/guard.server";

export type ChangePasswordResult =
  /**
   * `passwordHash`: the new password as stored, for starting this person's new session; `deviceCookieStamp`:
   * their device cookie stamp after the change, for this browser's new device cookie
   */
  | { ok: true; passwordHash: string; deviceCookieStamp: number }
  | { ok: false; reason: "locked" | "invalid"; errors: Record<string, string> };

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
  /** The browser's genuine device cookie, if it has one (device-cookie.server.ts). */
  deviceCookie: DeviceCookie | null = null,
): Promise<ChangePasswordResult> {
  const now = new Date();
  const about = { actorUserId: user.id, subjectUserId: user.id, establishmentId: user.establishmentId };
  const stored = await getPasswordAndStamp(db, user.id);
  const device = currentDeviceCookie(
    deviceCookie,
    stored ? { username: user.username, deviceCookieStamp: stored.device_cookie_stamp } : null,
  );
  const { guess, deviceDetail } = await spendGuessFrom(
    db,
    device,
    [["username", usernameThrottleKey(user.username)]],
    now,
  );
  if (!guess.ok) {
    await recordAudit(db, {
      ...about,
      action: "user.password_change_refused",
      details: { until: guess.until.toISOString(), ...deviceDetail },
    });
    return {
      ok: false,
      reason: "locked",
      errors: {
        currentPassword: `Too many wrong passwords for your username. Wait ${minutesUntil(guess.until, now)} and try again, or ask an administrator to reset your password.`,
      },
    };
  }
  const hash = stored?.password_hash;
  if (!hash || !(await verifyPassword(current, hash))) {
    await guessWasWrong(db, guess.counted, now);
    await recordAudit(db, {
      ...about,
      action: "user.password_change_failed",
      ...(device ? { details: deviceDetail } : {}),
    });
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
    if (!(await confirmPasswordHash(trx, user.id, hash))) return null;
    // The new password moves the device cookie stamp on (updateUser): their older device cookies are withdrawn.
    await updateUser(trx, user.id, { password_hash: nextHash, must_change_password: false });
    await endSessionsOfUsers(trx, [user.id], endedSessionData("passwordChanged"));
    await recordAudit(trx, { ...about, action: "user.password_changed" });
    return getPasswordAndStamp(trx, user.id);
  });
  return changed ? { ok: true, passwordHash: nextHash, deviceCookieStamp: changed.device_cookie_stamp } : WRONG;
}
