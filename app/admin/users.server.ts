// User administration: every change is checked against the places that exist, written in one
// transaction with its audit row, and ends the user's sessions where their access shrinks.
import type { Kysely, Transaction } from "kysely";
import type { Database, Role } from "~db/schema";
import { isUniqueViolation } from "~db/errors";
import { recordAudit } from "~db/queries/audit.server";
import { getEstablishment, getUnit } from "~db/queries/establishments.server";
import { endSessionsOfUsers } from "~db/queries/sessions.server";
import { endedSessionData } from "~/auth/session.server";
import {
  EMAIL_INDEX,
  getUserWithPlace,
  insertUser,
  lockUsers,
  placementTimes,
  updateUser,
  usernameTaken,
  userWithEmail,
  type LockedUser,
  type UserWithPlace,
} from "~db/queries/users.server";
import { forgetGuesses } from "~db/queries/sign-in-throttle.server";
import { isLastAdministrator } from "~/admin/last-administrator.server";
import { hashPassword } from "~/auth/password.server";
import { passwordProblem } from "~/auth/password-policy.server";
import { usernameThrottleKey } from "~/auth/sign-in.server";
import { roleCan } from "~/auth/capabilities";
import type { CurrentUser } from "~/auth/guard.server";
import type { FieldErrors } from "~/utils/forms";

type Placement = { role: Role; establishmentId: number | null; unitId: number | null };

/** Checks a role, prison and unit fit together and exist. Forged ids get the same messages. */
async function checkPlacement(db: Kysely<Database>, p: Placement): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (p.role !== "admin" && p.establishmentId === null)
    errors.establishmentId = "Choose the prison this person works in";
  if (p.establishmentId !== null && !(await getEstablishment(db, p.establishmentId)))
    errors.establishmentId = "Choose a prison from the list";
  if (p.role === "officer" && p.unitId === null && !errors.establishmentId)
    errors.unitId = "Choose the officer's wing or team";
  if (p.unitId !== null) {
    const unit = await getUnit(db, p.unitId);
    if (!unit || unit.establishment_id !== p.establishmentId)
      errors.unitId = "Choose a wing or team in the chosen prison";
  }
  return errors;
}

/**
 * Reminders go to the address, so it is one user's (the unique index decides a race). Only admins
 * edit users, and they see everyone: naming the holder lets them find and correct the right account.
 */
async function emailProblem(db: Kysely<Database>, email: string | null | undefined, userId?: number) {
  if (!email) return null;
  const holder = await userWithEmail(db, email, userId);
  return holder ? `That email address is already used by ${holder.display_name} (${holder.username})` : null;
}

/** The message for a save the email index refused; undefined when something else refused it. */
async function emailRefused(db: Kysely<Database>, error: unknown, email: string | null | undefined, userId?: number) {
  if (!isUniqueViolation(error, EMAIL_INDEX)) return undefined;
  return (await emailProblem(db, email, userId)) ?? "That email address is already used by another user";
}

/** `actor` is null for the first administrator, made with `npm run users:create-admin`. */
export async function createUserAccount(
  db: Kysely<Database>,
  actor: CurrentUser | null,
  input: Placement & { username: string; displayName: string; email?: string | null; password: string },
): Promise<{ ok: true; id: number } | { ok: false; errors: FieldErrors }> {
  const errors = await checkPlacement(db, input);
  if (await usernameTaken(db, input.username)) errors.username = "That username is already taken";
  const emailUsed = await emailProblem(db, input.email);
  if (emailUsed) errors.email = emailUsed;
  const weak = passwordProblem(input.password, {
    username: input.username,
    displayName: input.displayName,
    prisonName: input.establishmentId ? (await getEstablishment(db, input.establishmentId))?.name : null,
  });
  if (weak) errors.password = weak;
  if (Object.keys(errors).length) return { ok: false, errors };
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const id = await insertUser(trx, {
        username: input.username,
        display_name: input.displayName,
        email: input.email ?? null,
        role: input.role,
        establishment_id: input.establishmentId,
        unit_id: input.unitId,
        password_hash: passwordHash,
        // An admin chose this password: the person replaces it when they first sign in. (The first
        // administrator, made from the command line, chose their own.)
        must_change_password: actor !== null,
        active: true,
      });
      await recordAudit(trx, {
        actorUserId: actor?.id ?? null,
        action: "user.created",
        subjectUserId: id,
        establishmentId: input.establishmentId,
        details: actor ? { role: input.role } : { role: input.role, by: "npm run users:create-admin" },
      });
      return id;
    });
    return { ok: true, id };
  } catch (error) {
    // Two admins creating the same username or email address at once: the unique indexes decide.
    const emailUsed = await emailRefused(db, error, input.email);
    if (emailUsed) return { ok: false, errors: { email: emailUsed } };
    if (isUniqueViolation(error)) return { ok: false, errors: { username: "That username is already taken" } };
    throw error;
  }
}

/** The administrator making a change lost that access before it was written: nothing was changed. */
type AccessRemoved = { ok: false; stale?: never; accessRemoved: true; message: string };

const ACCESS_REMOVED: AccessRemoved = {
  ok: false,
  accessRemoved: true,
  message: "Your administrator access was removed while you were making this change. Nothing was changed.",
};

/**
 * Holds the acting administrator's and the user's rows until the change is written, so two administrators
 * changing each other take turns, and the second sees the first's change. The guard looked at the actor at
 * the start of the request; this looks again. `user` is undefined when they no longer exist.
 */
async function lockForChange(trx: Transaction<Database>, actor: CurrentUser, userId: number) {
  const locked = await lockUsers(trx, [actor.id, userId]);
  const now = locked.get(actor.id);
  return { actorMay: Boolean(now?.active && roleCan(now.role, "manageUsers")), user: locked.get(userId) };
}

const lastAdministrator = (user: LockedUser) =>
  `${user.display_name} is the only active administrator. Make someone else an administrator first, so that ` +
  "someone can still manage Engage. Nothing was changed.";

export type EditUserResult =
  | { ok: true }
  | { ok: false; stale?: never; accessRemoved?: never; errors: FieldErrors }
  | { ok: false; stale: true; accessRemoved?: never; message: string }
  | AccessRemoved;

const STALE: EditUserResult = {
  ok: false,
  stale: true,
  message:
    "Someone else changed this user while you were looking at it. Check their details now and make your change again.",
};

/** `input.version` is the user's row_version the form was made from: a save from an older form changes nothing. */
export async function editUser(
  db: Kysely<Database>,
  actor: CurrentUser,
  userId: number,
  input: Placement & { version: number; displayName: string; email?: string | null; miCoach?: boolean },
): Promise<EditUserResult> {
  const before = await getUserWithPlace(db, userId);
  if (!before) return { ok: false, errors: { form: "That user no longer exists" } };
  if (before.row_version !== input.version) return STALE;
  const errors = await checkPlacement(db, input);
  if (actor.id === userId && input.role !== "admin") errors.role = "You cannot remove your own administrator role";
  const emailUsed = await emailProblem(db, input.email, userId);
  if (emailUsed) errors.email = emailUsed;
  if (Object.keys(errors).length) return { ok: false, errors };
  // Only officers are marked: trainers and managers coach by their role.
  const miCoach = input.role === "officer" && (input.miCoach ?? before.mi_coach);
  try {
    return await saveEdit(db, actor, userId, before, { ...input, miCoach });
  } catch (error) {
    const emailUsed = await emailRefused(db, error, input.email, userId);
    if (emailUsed) return { ok: false, errors: { email: emailUsed } };
    throw error;
  }
}

async function saveEdit(
  db: Kysely<Database>,
  actor: CurrentUser,
  userId: number,
  before: UserWithPlace,
  input: Placement & { version: number; displayName: string; email?: string | null; miCoach: boolean },
): Promise<EditUserResult> {
  const miCoach = input.miCoach;
  return db.transaction().execute(async (trx): Promise<EditUserResult> => {
    const { actorMay, user } = await lockForChange(trx, actor, userId);
    if (!actorMay) return ACCESS_REMOVED;
    if (!user) return { ok: false, errors: { form: "That user no longer exists" } };
    if (input.role !== "admin" && (await isLastAdministrator(trx, user)))
      return { ok: false, errors: { role: lastAdministrator(user) } };
    const written = await updateUser(
      trx,
      userId,
      {
        display_name: input.displayName,
        ...(input.email !== undefined ? { email: input.email } : {}),
        role: input.role,
        establishment_id: input.establishmentId,
        unit_id: input.unitId,
        ...placementTimes(before, { establishment_id: input.establishmentId, unit_id: input.unitId }),
        mi_coach: miCoach,
      },
      input.version,
    );
    // Changed since it was read above: `before` (and so the audit rows below) would be out of date.
    if (!written) return STALE;
    const base = { actorUserId: actor.id, subjectUserId: userId, establishmentId: input.establishmentId };
    if (before.role !== input.role)
      await recordAudit(trx, { ...base, action: "user.role_changed", details: { from: before.role, to: input.role } });
    if (before.establishment_id !== input.establishmentId || before.unit_id !== input.unitId)
      await recordAudit(trx, {
        ...base,
        action: "user.moved",
        details: { establishmentId: input.establishmentId, unitId: input.unitId },
      });
    if (before.display_name !== input.displayName) await recordAudit(trx, { ...base, action: "user.renamed" });
    if (input.email !== undefined && before.email !== input.email)
      await recordAudit(trx, { ...base, action: "user.email_changed" });
    if (before.mi_coach !== miCoach)
      await recordAudit(trx, { ...base, action: miCoach ? "user.made_coach" : "user.coach_removed" });
    // A user whose role or prison changed signs in again, so no page keeps old access.
    if (before.role !== input.role || before.establishment_id !== input.establishmentId)
      await endSessionsOfUsers(trx, [userId], endedSessionData("accessChanged"));
    return { ok: true };
  });
}

export async function resetPassword(
  db: Kysely<Database>,
  actor: CurrentUser,
  userId: number,
  password: string,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const user = await getUserWithPlace(db, userId);
  if (!user) return { ok: false, errors: { form: "That user no longer exists" } };
  const weak = passwordProblem(password, {
    username: user.username,
    displayName: user.display_name,
    prisonName: user.establishment_name,
  });
  if (weak) return { ok: false, errors: { password: weak } };
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { password_hash: hash, must_change_password: true });
    await endSessionsOfUsers(trx, [userId], endedSessionData("passwordReset"));
    await forgetGuesses(trx, usernameThrottleKey(user.username)); // a locked-out user can sign in again
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "user.password_reset",
      subjectUserId: userId,
      establishmentId: user.establishment_id,
    });
  });
  return { ok: true };
}

export type SetActiveResult = { ok: true } | { ok: false; accessRemoved?: never; message: string } | AccessRemoved;

export async function setUserActive(
  db: Kysely<Database>,
  actor: CurrentUser,
  userId: number,
  active: boolean,
): Promise<SetActiveResult> {
  if (actor.id === userId && !active) return { ok: false, message: "You cannot deactivate your own account" };
  return db.transaction().execute(async (trx): Promise<SetActiveResult> => {
    const { actorMay, user } = await lockForChange(trx, actor, userId);
    if (!actorMay) return ACCESS_REMOVED;
    if (!user) return { ok: false, message: "That user no longer exists" };
    if (!active && (await isLastAdministrator(trx, user))) return { ok: false, message: lastAdministrator(user) };
    await updateUser(trx, userId, { active });
    if (!active) await endSessionsOfUsers(trx, [userId], endedSessionData("deactivated"));
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: active ? "user.reactivated" : "user.deactivated",
      subjectUserId: userId,
      establishmentId: user.establishment_id,
    });
    return { ok: true };
  });
}
