// An officer whose wing Engage does not know (signed in through single sign-on, or imported
// without one) chooses it once, from their own prison's wings and teams.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { getUnit } from "~db/queries/establishments.server";
import { setFirstUnit } from "~db/queries/users.server";
import type { CurrentUser } from "~/auth/guard.server";

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
