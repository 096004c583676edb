// Prisons (establishments) and their units (wings and teams).
import type { Kysely, Transaction } from "kysely";
import type { Database, UnitKind } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

export function listEstablishments(db: Db) {
  return db.selectFrom("establishments").selectAll().orderBy("name").execute();
}

export function getEstablishment(db: Db, id: number) {
  return db.selectFrom("establishments").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A prison by its code, ignoring case (sign-in services and staff files may send "hbk"). */
export function getEstablishmentByCode(db: Db, code: string) {
  return db
    .selectFrom("establishments")
    .selectAll()
    .where((eb) => eb(eb.fn("upper", ["code"]), "=", code.toUpperCase()))
    .executeTakeFirst();
}

export async function establishmentCodeTaken(db: Db, code: string, exceptId?: number) {
  let q = db.selectFrom("establishments").select("id").where("code", "=", code);
  if (exceptId) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertEstablishment(
  db: Db,
  values: { code: string; name: string; listed_name_patterns?: string },
) {
  const row = await db
    .insertInto("establishments")
    .values({ ...values, created_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Changes a prison or a wing only from the version the form was made from, and bumps it: false when
 * someone else changed it first.
 */
async function updateFromVersion(
  db: Db,
  table: "establishments" | "units",
  id: number,
  expectedVersion: number,
  changes: { code: string; name: string } | { listed_name_patterns: string } | { name: string; kind: UnitKind },
): Promise<boolean> {
  const updated = await db
    .updateTable(table)
    .set({ ...changes, row_version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("row_version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export const updateEstablishment = (
  db: Db,
  id: number,
  expectedVersion: number,
  changes: { code: string; name: string } | { listed_name_patterns: string },
) => updateFromVersion(db, "establishments", id, expectedVersion, changes);

export function listUnits(db: Db, establishmentId?: number) {
  let q = db.selectFrom("units").selectAll();
  if (establishmentId != null) q = q.where("establishment_id", "=", establishmentId);
  return q.orderBy("name").execute();
}

export function getUnit(db: Db, id: number) {
  return db.selectFrom("units").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function unitNameTaken(db: Db, establishmentId: number, name: string, exceptId?: number) {
  let q = db
    .selectFrom("units")
    .select("id")
    .where("establishment_id", "=", establishmentId)
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()));
  if (exceptId) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertUnit(db: Db, values: { establishment_id: number; name: string; kind: UnitKind }) {
  const row = await db
    .insertInto("units")
    .values({ ...values, created_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export const updateUnit = (db: Db, id: number, expectedVersion: number, values: { name: string; kind: UnitKind }) =>
  updateFromVersion(db, "units", id, expectedVersion, values);

export function deleteUnit(db: Db, id: number) {
  return db.deleteFrom("units").where("id", "=", id).executeTakeFirst();
}

/** Everyone on a unit, active or deactivated: a unit with anyone on it cannot be removed. */
export async function unitMembers(db: Db, unitId: number): Promise<{ active: number; deactivated: number }> {
  const rows = await db
    .selectFrom("users")
    .select(["active", (eb) => eb.fn.countAll<number>().as("n")])
    .where("unit_id", "=", unitId)
    .groupBy("active")
    .execute();
  const count = (active: boolean) => Number(rows.find((r) => r.active === active)?.n ?? 0);
  return { active: count(true), deactivated: count(false) };
}

/** Staff counts per unit, for the prison page. */
export function unitStaffCounts(db: Db, establishmentId: number) {
  return db
    .selectFrom("users")
    .select(["unit_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("establishment_id", "=", establishmentId)
    .where("active", "=", true)
    .groupBy("unit_id")
    .execute();
}
