// An officer whose wing Engage does not know (signed in through single sign-on, or imported
// without one) chooses it once, from their own prison's wings and teams.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { getUnit, listUnits } from "~db/queries/establishments.server";
import { setFirstUnit } from "~db/queries/users.server";
import type { CurrentUser } from "~/auth/guard.server";

/** An officer with no wing, in a prison that has wings to choose from, is asked for theirs. */
export async function mustChooseWing(
  db: Kysely<Database>,
  user: { role: string; unitId: number | null; establishmentId: number | null },
): Promise<boolean> {
  if (user.role !== "officer" || user.unitId !== null || user.establishmentId === null) return false;
  return (await listUnits(db, user.establishmentId)).length > 0;
}

export async function chooseOwnWing(
  db: Kysely<Database>,
  user: CurrentUser,
  unitId: number | null,
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const unit = unitId === null ? undefined : await getUnit(db, unitId);
  if (!unit || unit.establishment_id !== user.establishmentId)
    return { ok: false, errors: { unitId: "Choose your wing or team from the list" } };
  await db.transaction().execute(async (trx) => {
    // Only while no wing is set: choosing is once; afterwards an administrator moves people.
    if (!(await setFirstUnit(trx, user.id, unit.id))) return;
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "user.chose_wing",
      subjectUserId: user.id,
      establishmentId: user.establishmentId,
      details: { unitId: unit.id },
    });
  });
  return { ok: true };
}
