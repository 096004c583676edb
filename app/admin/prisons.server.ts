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

/** A refused save from a form made before someone else's change: a 409, nothing written. */
type Stale = { ok: false; stale: true; message: string };
type Saved = { ok: true; id: number } | { ok: false; stale?: never; errors: Record<string, string> };
type Result = Saved | Stale;

/** A row as the form saw it: its id and the row_version the form carries. */
type Seen = { id: number; version: number };

const stale = (message: string): Stale => ({ ok: false, stale: true, message });
// The prison's details and its list of names share the prison's version: either change refuses the other's old form.
const STALE_PRISON = stale(
  "Someone else changed this prison while you were looking at it. Check its details and list of names now and make your change again.",
);
const STALE_UNIT = stale(
  "Someone else changed this wing or team while you were looking at it. Check its name now and make your change again.",
);

/** Adds a prison (`prison` null) or changes one from the version its form was made from. */
export async function saveEstablishment(
  db: Kysely<Database>,
  actor: CurrentUser,
  prison: null,
  values: { code: string; name: string },
): Promise<Saved>;
export async function saveEstablishment(
  db: Kysely<Database>,
  actor: CurrentUser,
  prison: Seen,
  values: { code: string; name: string },
): Promise<Result>;
export async function saveEstablishment(
  db: Kysely<Database>,
  actor: CurrentUser,
  prison: Seen | null,
  values: { code: string; name: string },
): Promise<Result> {
  const taken: Saved = { ok: false, errors: { code: "Another prison already uses that code" } };
  if (await establishmentCodeTaken(db, values.code, prison?.id)) return taken;
  const saving = db.transaction().execute(async (trx): Promise<Result> => {
    if (prison && !(await updateEstablishment(trx, prison.id, prison.version, values))) return STALE_PRISON;
    const id = prison?.id ?? (await insertEstablishment(trx, values));
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: prison ? "prison.updated" : "prison.created",
      establishmentId: id,
      details: values,
    });
    return { ok: true, id };
  });
  return unlessTaken(saving, taken);
}

/** Adds a wing or team to a prison. */
export async function addUnit(
  db: Kysely<Database>,
  actor: CurrentUser,
  establishmentId: number,
  values: { name: string; kind: UnitKind },
): Promise<Saved> {
  const taken: Saved = { ok: false, errors: { name: "This prison already has a wing or team with that name" } };
  if (await unitNameTaken(db, establishmentId, values.name)) return taken;
  const saving = db.transaction().execute(async (trx): Promise<Saved> => {
    const id = await insertUnit(trx, { establishment_id: establishmentId, ...values });
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "unit.created",
      establishmentId,
      details: { unitId: id, ...values },
    });
    return { ok: true, id };
  });
  return unlessTaken(saving, taken);
}

/**
 * Renames a wing or team (or makes a wing a team) from the version its form was made from; its staff
 * stay on it. `unit` is the row as it is now, for the audit row.
 */
export async function renameUnit(
  db: Kysely<Database>,
  actor: CurrentUser,
  unit: Unit,
  values: { version: number; name: string; kind: UnitKind },
): Promise<Result> {
  const taken: Saved = { ok: false, errors: { name: "This prison already has a wing or team with that name" } };
  if (unit.row_version !== values.version) return STALE_UNIT;
  if (await unitNameTaken(db, unit.establishment_id, values.name, unit.id)) return taken;
  const saving = db.transaction().execute(async (trx): Promise<Result> => {
    const { version, ...named } = values;
    if (!(await updateUnit(trx, unit.id, version, named))) return STALE_UNIT;
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "unit.updated",
      establishmentId: unit.establishment_id,
      details: { unitId: unit.id, ...named, previousName: unit.name, previousKind: unit.kind },
    });
    return { ok: true, id: unit.id };
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

/** The save's result, or `taken` when another request saved the same code or name first (the unique index decides). */
async function unlessTaken<R extends Result>(saving: Promise<R>, taken: Saved): Promise<R | Saved> {
  try {
    return await saving;
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
  prison: Seen,
  text: string,
): Promise<Result> {
  const { patterns, errors } = parseNamePatterns(text);
  if (errors.length) return { ok: false, errors: { names: errors.slice(0, 3).join(". ") } };
  return db.transaction().execute(async (trx): Promise<Result> => {
    const changes = { listed_name_patterns: patterns.join("\n") };
    if (!(await updateEstablishment(trx, prison.id, prison.version, changes))) return STALE_PRISON;
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "prison.listed_names_changed",
      establishmentId: prison.id,
      details: { patterns: patterns.length },
    });
    return { ok: true, id: prison.id };
  });
}
