// A signed-in person changing their own password: the current one must be right; every other
// session of theirs ends, and this one gets a new id.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { deleteSessionsOfUser } from "~db/queries/sessions.server";
import { confirmPasswordHash, getPasswordHash, updateUser } from "~db/queries/users.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { passwordProblem } from "~/auth/password-policy.server";
import type { CurrentUser } from "~/auth/guard.server";

export type ChangePasswordResult =
  /** `passwordHash`: the new password as stored, for starting this person's new session */
  { ok: true; passwordHash: string } | { ok: false; errors: Record<string, string> };

const WRONG = { ok: false, errors: { currentPassword: "Your current password is not right" } } as const;

export async function changeOwnPassword(
  db: Kysely<Database>,
  user: CurrentUser,
  current: string,
  next: string,
): Promise<ChangePasswordResult> {
  const hash = await getPasswordHash(db, user.id);
  if (!hash || !(await verifyPassword(current, hash))) return WRONG;
  if (current === next)
    return { ok: false, errors: { newPassword: "Choose a password different from your current one" } };
  const weak = passwordProblem(next, {
    username: user.username,
    displayName: user.displayName,
    prisonName: user.establishmentName,
  });
  if (weak) return { ok: false, errors: { newPassword: weak.replace(/^Password/, "New password") } };
  const nextHash = await hashPassword(next);
  const changed = await db.transaction().execute(async (trx) => {
    // Only over the password just checked: a reset by an administrator meanwhile stands.
    if (!(await confirmPasswordHash(trx, user.id, hash))) return false;
    await updateUser(trx, user.id, { password_hash: nextHash, must_change_password: false });
    await deleteSessionsOfUser(trx, user.id);
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "user.password_changed",
      subjectUserId: user.id,
      establishmentId: user.establishmentId,
    });
    return true;
  });
  return changed ? { ok: true, passwordHash: nextHash } : WRONG;
}
