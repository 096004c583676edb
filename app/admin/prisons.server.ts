// Prisons and units: writes with their audit rows, names checked for clashes.
import type { Kysely } from "kysely";
import { isUniqueViolation } from "~db/errors";
import type { Database, UnitKind } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import {
  establishmentCodeTaken,
  getUnit,
  insertEstablishment,
  insertUnit,
  unitNameTaken,
  updateEstablishment,
  updateListedNames,
  updateUnit,
} from "~db/queries/establishments.server";
import type { CurrentUser } from "~/auth/guard.server";
import { parseNamePatterns } from "~/domain/observation/identifiers";

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

export async function saveUnit(
  db: Kysely<Database>,
  actor: CurrentUser,
  establishmentId: number,
  unitId: number | null,
  values: { name: string; kind: UnitKind },
): Promise<Result> {
  if (unitId !== null) {
    const unit = await getUnit(db, unitId);
    if (!unit || unit.establishment_id !== establishmentId)
      return { ok: false, errors: { form: "That wing or team is not in this prison" } };
  }
  const taken: Result = { ok: false, errors: { name: "This prison already has a wing or team with that name" } };
  if (await unitNameTaken(db, establishmentId, values.name, unitId ?? undefined)) return taken;
  const saving = db.transaction().execute(async (trx) => {
    const savedId = unitId ?? (await insertUnit(trx, { establishment_id: establishmentId, ...values }));
    if (unitId) await updateUnit(trx, unitId, values);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: unitId ? "unit.updated" : "unit.created",
      establishmentId,
      details: { unitId: savedId, ...values },
    });
    return savedId;
  });
  return unlessTaken(saving, taken);
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
