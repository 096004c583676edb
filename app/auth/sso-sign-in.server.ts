// Signing in with claims the sign-in service vouched for: the claims become an identity (domain
// rules), the prison must exist, then the user is found (by the provider's subject, else by
// username, so imported staff are linked on first sign-in) or created, and kept up to date from
// the claims. Each change is audited in the transaction that makes it; a refused sign-in writes
// nothing but its audit line. The last active administrator keeps that role (last-administrator.server).
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { isUniqueViolation } from "~db/errors";
import { recordAudit } from "~db/queries/audit.server";
import { getEstablishmentByCode } from "~db/queries/establishments.server";
import { endSessionsOfUsers } from "~db/queries/sessions.server";
import { endedSessionData } from "~/auth/session.server";
import {
  findUserByOidcSubject,
  findUserByUsername,
  insertUser,
  lockUsers,
  userWithEmail,
  placementTimes,
  updateUser,
} from "~db/queries/users.server";
import { isLastAdministrator, lockWithAdministrators } from "~/admin/last-administrator.server";
import { mustChooseWing } from "~/auth/choose-wing.server";
import { mapClaims, type ClaimRules, type Identity } from "~/domain/sso-claims";
import { NO_PASSWORD } from "~/auth/password.server";

export type SsoSignIn =
  | {
      ok: true;
      userId: number;
      created: boolean;
      chooseWing: boolean;
      /** the work account's email address is another user's, so it was not copied onto this one */
      emailNotCopied: boolean;
      /** the work account no longer makes them an administrator, but they are the only active one, and still are */
      keptAdministrator: boolean;
    }
  | { ok: false; message: string };

export async function signInWithClaims(
  db: Kysely<Database>,
  claims: Record<string, unknown>,
  rules: ClaimRules,
): Promise<SsoSignIn> {
  const mapped = mapClaims(claims, rules);
  if (!mapped.ok) return refuse(db, mapped.reason, mapped.message, claims);
  const identity = mapped.identity;
  const prison = identity.prisonCode ? await getEstablishmentByCode(db, identity.prisonCode) : null;
  if (identity.prisonCode && !prison)
    return refuse(
      db,
      "unknown_prison",
      `Your work account says you work at the prison with code ${identity.prisonCode}, which is not set up in Engage. Ask your Engage administrator to add it; until then you cannot sign in.`,
      claims,
    );
  try {
    return await signInIdentity(db, identity, prison?.id ?? null);
  } catch (error) {
    // Someone's first sign-in, twice at once: the unique keys let one create the user; the other
    // finds it and carries on.
    if (!isUniqueViolation(error)) throw error;
    return signInIdentity(db, identity, prison?.id ?? null);
  }
}

async function signInIdentity(db: Kysely<Database>, id: Identity, prisonId: number | null): Promise<SsoSignIn> {
  const bySubject = await findUserByOidcSubject(db, id.subject);
  const user = bySubject ?? (await findUserByUsername(db, id.username));
  if (user && user.oidc_subject !== null && user.oidc_subject !== id.subject)
    return refuse(
      db,
      "username_linked_elsewhere",
      `The username ${id.username} in Engage belongs to a different work account. Ask your Engage administrator to check it.`,
      { sub: id.subject, preferred_username: id.username },
    );
  if (user?.role === "admin" && user.oidc_subject === null)
    return refuse(
      db,
      "local_admin",
      `The username ${id.username} is an Engage administrator's own account and cannot be used through single sign-on.`,
      { sub: id.subject, preferred_username: id.username },
    );
  if (user && !user.active)
    return refuse(
      db,
      "deactivated",
      "Your Engage account has been deactivated. Ask your Engage administrator if you should still have access.",
      { sub: id.subject, preferred_username: id.username },
      user.id,
    );

  // Reminders go to the address: one another user has stays theirs, and the sign-in goes ahead without it.
  // (Taken meanwhile, the unique index refuses the write, and the sign-in is tried again once, finding it here.)
  const emailNotCopied = id.email !== null && (await userWithEmail(db, id.email, user?.id)) !== undefined;
  const email = emailNotCopied ? null : id.email;
  const result = await db.transaction().execute(async (trx) => {
    if (!user) {
      const userId = await insertUser(trx, {
        username: id.username,
        display_name: id.displayName,
        email,
        role: id.role,
        establishment_id: prisonId,
        unit_id: null,
        password_hash: NO_PASSWORD,
        oidc_subject: id.subject,
        active: true,
      });
      await recordAudit(trx, {
        actorUserId: userId,
        action: "user.created",
        subjectUserId: userId,
        establishmentId: prisonId,
        details: { source: "single sign-on", role: id.role },
      });
      return { userId, created: true, unitId: null as number | null, role: id.role, keptAdministrator: false };
    }
    // Held until written, as an administrator's change holds them: taking someone's administrator access away
    // holds every administrator's row too, so the last one is counted as it is now (see last-administrator.server).
    const demoting = user.role === "admin" && id.role !== "admin";
    const locked = demoting ? await lockWithAdministrators(trx, [user.id]) : await lockUsers(trx, [user.id]);
    const now = locked.get(user.id);
    // Made an administrator since they were looked up: look again, holding the administrators' rows this time.
    if (!demoting && now?.role === "admin" && id.role !== "admin") return "again" as const;
    // The provider decides roles, but an Engage with no administrator cannot be put right from inside it.
    const keptAdministrator = demoting && now !== undefined && (await isLastAdministrator(trx, now));
    const role = keptAdministrator ? "admin" : id.role;
    const movedPrison = user.establishment_id !== prisonId;
    const after = { establishment_id: prisonId, unit_id: movedPrison ? null : user.unit_id };
    const changes = [
      user.display_name !== id.displayName && "name",
      email !== null && user.email !== email && "email",
      user.role !== role && "role",
      movedPrison && "prison",
    ].filter((c): c is string => Boolean(c));
    if (changes.length || user.oidc_subject === null) {
      await updateUser(trx, user.id, {
        display_name: id.displayName,
        ...(email !== null ? { email } : {}),
        role,
        ...after,
        ...placementTimes(user, after),
        oidc_subject: id.subject,
      });
    }
    if (changes.length) {
      await recordAudit(trx, {
        actorUserId: user.id,
        action: "user.updated_from_sign_in",
        subjectUserId: user.id,
        establishmentId: prisonId,
        details: { changes, ...(user.role !== role ? { from: user.role, to: role } : {}) },
      });
      // A new role or prison: sessions elsewhere end, so no page keeps the old access.
      if (user.role !== role || movedPrison)
        await endSessionsOfUsers(trx, [user.id], endedSessionData("accessChanged"));
    }
    if (keptAdministrator)
      await recordAudit(trx, {
        actorUserId: user.id,
        action: "user.kept_administrator",
        subjectUserId: user.id,
        establishmentId: prisonId,
        details: { claimed: id.role },
      });
    return { userId: user.id, created: false, unitId: after.unit_id, role, keptAdministrator };
  });
  if (result === "again") return signInIdentity(db, id, prisonId);
  await recordAudit(db, {
    actorUserId: result.userId,
    action: "sign_in.succeeded",
    subjectUserId: result.userId,
    establishmentId: prisonId,
    details: { method: "single sign-on" },
  });
  const chooseWing = await mustChooseWing(db, { role: result.role, unitId: result.unitId, establishmentId: prisonId });
  const { userId, created, keptAdministrator } = result;
  return { ok: true, userId, created, chooseWing, emailNotCopied, keptAdministrator };
}

async function refuse(
  db: Kysely<Database>,
  reason: string,
  message: string,
  claims: Record<string, unknown>,
  subjectUserId: number | null = null,
): Promise<SsoSignIn> {
  const who = typeof claims.preferred_username === "string" ? claims.preferred_username : claims.sub;
  await recordAudit(db, {
    actorUserId: null,
    action: "sign_in.failed",
    subjectUserId,
    details: { method: "single sign-on", reason, username: typeof who === "string" ? who.slice(0, 64) : null },
  });
  return { ok: false, message };
}
