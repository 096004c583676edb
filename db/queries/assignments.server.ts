// Assignments (what is due by when, for whom) and the placements their due dates count from.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

/** A prison's live assignments (not removed), newest first, with the wing's and officer's names. */
export function listAssignments(db: Db, establishmentId: number) {
  return db
    .selectFrom("assignments as a")
    .leftJoin("units as w", "w.id", "a.unit_id")
    .leftJoin("users as o", "o.id", "a.officer_id")
    .select([
      "a.id",
      "a.module_id",
      "a.unit_id",
      "a.officer_id",
      "a.due_on",
      "a.due_days",
      "a.created_at",
      "w.name as unit_name",
      "o.display_name as officer_name",
    ])
    .where("a.establishment_id", "=", establishmentId)
    .where("a.removed_at", "is", null)
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .execute();
}

export type AssignmentRow = Awaited<ReturnType<typeof listAssignments>>[number];

/**
 * The prison's live assignments that can apply to one officer: to the whole prison, to the wing or
 * team they are on (`unitId`), or to them by name (what domain/assignments.ts counts for them).
 */
export function listAssignmentsFor(db: Db, establishmentId: number, officer: { id: number; unitId: number | null }) {
  return db
    .selectFrom("assignments")
    .select(["id", "module_id", "unit_id", "officer_id", "due_on", "due_days", "created_at"])
    .where("establishment_id", "=", establishmentId)
    .where("removed_at", "is", null)
    .where((eb) => {
      const toPrisonOrWing =
        officer.unitId === null
          ? eb("unit_id", "is", null)
          : eb.or([eb("unit_id", "is", null), eb("unit_id", "=", officer.unitId)]);
      return eb.or([eb("officer_id", "=", officer.id), eb.and([eb("officer_id", "is", null), toPrisonOrWing])]);
    })
    .execute();
}

export interface NewAssignment {
  establishment_id: number;
  module_id: string | null;
  unit_id: number | null;
  officer_id: number | null;
  due_on: string | null;
  due_days: number | null;
  target_key: string;
  created_by: number;
}

export async function insertAssignments(db: Db, rows: NewAssignment[]) {
  const now = new Date().toISOString();
  if (rows.length === 0) return;
  await db
    .insertInto("assignments")
    .values(rows.map((r) => ({ ...r, created_at: now })))
    .execute();
}

/**
 * One assignment of the prison, live or removed (with who removed it), for the page that confirms its
 * removal; undefined when the prison has none with that id.
 */
export function findAssignment(db: Db, establishmentId: number, id: number) {
  return db
    .selectFrom("assignments as a")
    .leftJoin("units as w", "w.id", "a.unit_id")
    .leftJoin("users as o", "o.id", "a.officer_id")
    .leftJoin("users as r", "r.id", "a.removed_by")
    .select([
      "a.id",
      "a.module_id",
      "a.unit_id",
      "a.officer_id",
      "a.due_on",
      "a.due_days",
      "a.created_at",
      "a.removed_at",
      "w.name as unit_name",
      "w.kind as unit_kind",
      "o.display_name as officer_name",
      "r.display_name as removed_by_name",
    ])
    .where("a.id", "=", id)
    .where("a.establishment_id", "=", establishmentId)
    .executeTakeFirst();
}

/** Marks a live assignment removed; what it was (for the audit row), or undefined when there was none. */
export function removeAssignmentRow(db: Db, establishmentId: number, id: number, by: number) {
  return db
    .updateTable("assignments")
    .set({ removed_at: new Date().toISOString(), removed_by: by })
    .where("id", "=", id)
    .where("establishment_id", "=", establishmentId)
    .where("removed_at", "is", null)
    .returning(["module_id", "unit_id", "officer_id", "due_on", "due_days"])
    .executeTakeFirst();
}

/** Where a prison's active officers are, and since when (optionally one officer). */
export function listPlacements(db: Db, establishmentId: number, officerId?: number) {
  let q = db
    .selectFrom("users")
    .select(["id", "unit_id", "prison_joined_at", "unit_joined_at", "created_at"])
    .where("establishment_id", "=", establishmentId)
    .where("role", "=", "officer")
    .where("active", "=", true);
  if (officerId !== undefined) q = q.where("id", "=", officerId);
  return q.execute();
}
