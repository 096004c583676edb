// Prisons and units: writes with their audit rows, names checked for clashes.
import type { Kysely } from "kysely";
import { isForeignKeyViolation, isUniqueViolation } from "~db/errors";
import type { Database, Unit, UnitKind } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import {
  deleteUnit,
  establishmentCodeTaken,
  getEstablishment,
  getUnit,
  insertEstablishment,
  insertUnit,
  unitMembers,
  unitNameTaken,
  updateEstablishment,
  updateListedNames,
  updateUnit,
} from "~db/queries/establishments.server";
import { notFound, type CurrentUser } from "~/auth/guard.server";
import { parseNamePatterns } from "~/domain/observation/identifiers";

/** The prison named in the address, or a 404. */
export async function loadPrison(db: Kysely<Database>, params: { prisonId?: string }) {
  const id = Number(params.prisonId);
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  return (await getEstablishment(db, id)) ?? notFound();
}

/** A wing or team of that prison named in the address, or a 404 (another prison's unit included). */
export async function loadUnit(db: Kysely<Database>, prisonId: number, params: { unitId?: string }) {
  const id = Number(params.unitId);
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  const unit = await getUnit(db, id);
  return unit && unit.establishment_id === prisonId ? unit : notFound();
}

type Result = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

export async function saveEstablishment(
  db: Kysely<Database>,
  actor: CurrentUser,
  id: number | null,
  values: { code: string; name: string },
): Promise<Result> {
  const taken: Result = { ok: false, errors: { code: "Another prison already uses that code" } };
  if (await establishmentCodeTaken(db, values.code, id ?? undefined)) return taken;
  const saving = db.transaction().execute(async (trx) => {
    const savedId = id ?? (await insertEstablishment(trx, values));
    if (id) await updateEstablishment(trx, id, values);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: id ? "prison.updated" : "prison.created",
      establishmentId: savedId,
      details: values,
    });
    return savedId;
  });
  return unlessTaken(saving, taken);
}

/** Adds a wing or team to a prison. */
export async function addUnit(
  db: Kysely<Database>,
  actor: CurrentUser,
  establishmentId: number,
  values: { name: string; kind: UnitKind },
): Promise<Result> {
  const taken: Result = { ok: false, errors: { name: "This prison already has a wing or team with that name" } };
  if (await unitNameTaken(db, establishmentId, values.name)) return taken;
  const saving = db.transaction().execute(async (trx) => {
    const id = await insertUnit(trx, { establishment_id: establishmentId, ...values });
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "unit.created",
      establishmentId,
      details: { unitId: id, ...values },
    });
    return id;
  });
  return unlessTaken(saving, taken);
}

/** Renames a wing or team (or makes a wing a team); its staff stay on it. */
export async function renameUnit(
  db: Kysely<Database>,
  actor: CurrentUser,
  unit: Unit,
  values: { name: string; kind: UnitKind },
): Promise<Result> {
  const taken: Result = { ok: false, errors: { name: "This prison already has a wing or team with that name" } };
  if (await unitNameTaken(db, unit.establishment_id, values.name, unit.id)) return taken;
  const saving = db.transaction().execute(async (trx) => {
    await updateUnit(trx, unit.id, values);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "unit.updated",
      establishmentId: unit.establishment_id,
      details: { unitId: unit.id, ...values, previousName: unit.name, previousKind: unit.kind },
    });
    return unit.id;
  });
  return unlessTaken(saving, taken);
}

export type RemoveResult = { ok: true } | { ok: false; reason: "in-use"; active: number; deactivated: number };

/**
 * Removes a wing or team no one is on, active or deactivated (a deactivated account still names
 * its wing, and may be reactivated). Anything else still pointing at it refuses the removal too.
 */
export async function removeUnit(db: Kysely<Database>, actor: CurrentUser, unit: Unit): Promise<RemoveResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const members = await unitMembers(trx, unit.id);
      if (members.active + members.deactivated > 0) return { ok: false, reason: "in-use", ...members } as const;
      await deleteUnit(trx, unit.id);
      await recordAudit(trx, {
        actorUserId: actor.id,
        action: "unit.removed",
        establishmentId: unit.establishment_id,
        details: { unitId: unit.id, name: unit.name, kind: unit.kind },
      });
      return { ok: true } as const;
    });
  } catch (error) {
    // Someone was put on it between the count and the removal, or something else refers to it.
    if (!isForeignKeyViolation(error)) throw error;
    return { ok: false, reason: "in-use", ...(await unitMembers(db, unit.id)) };
  }
}

/** The saved id, or `taken` when another request saved the same code or name first (the unique index decides). */
async function unlessTaken(saving: Promise<number>, taken: Result): Promise<Result> {
  try {
    return { ok: true, id: await saving };
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
}

/**
 * The names and words observations refuse. The audit row says how many, never which: the list may
 * hold names that must not spread.
 */
export async function saveListedNames(
  db: Kysely<Database>,
  actor: CurrentUser,
  establishmentId: number,
  text: string,
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const { patterns, errors } = parseNamePatterns(text);
  if (errors.length) return { ok: false, errors: { names: errors.slice(0, 3).join(". ") } };
  await db.transaction().execute(async (trx) => {
    await updateListedNames(trx, establishmentId, patterns.join("\n"));
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "prison.listed_names_changed",
      establishmentId,
      details: { patterns: patterns.length },
    });
  });
  return { ok: true };
}
