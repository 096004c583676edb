// Which scenarios are in which module, and since when: one row per spell of a scenario in a
// module. A partial unique index keeps each scenario in at most one module at a time, so two
// trainers (or instances) adding the same scenario at once cannot both succeed.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

export function listMemberships(db: Db) {
  return db.selectFrom("module_memberships").selectAll().orderBy("id").execute();
}

export async function hasAnyMembership(db: Db): Promise<boolean> {
  return Boolean(await db.selectFrom("module_memberships").select("id").limit(1).executeTakeFirst());
}

/** The scenario's latest spell in a module, current or ended. */
export function lastMembershipOf(db: Db, scenarioId: string) {
  return db
    .selectFrom("module_memberships as m")
    .leftJoin("users as u", "u.id", "m.removed_by")
    .selectAll("m")
    .select("u.display_name as removed_by_name")
    .where("m.scenario_id", "=", scenarioId)
    .orderBy("m.id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function addMembership(
  db: Db,
  m: { moduleId: string; scenarioId: string; at: string | null; userId?: number | null },
) {
  await db
    .insertInto("module_memberships")
    .values({ module_id: m.moduleId, scenario_id: m.scenarioId, added_at: m.at, added_by: m.userId ?? null })
    .execute();
}

/** Ends the scenario's current spell; false when it has none (already retired, perhaps by someone else). */
export async function endMembership(db: Db, m: { scenarioId: string; at: string; userId?: number | null }) {
  const result = await db
    .updateTable("module_memberships")
    .set({ removed_at: m.at, removed_by: m.userId ?? null })
    .where("scenario_id", "=", m.scenarioId)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
