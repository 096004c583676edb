// Importing staff from an HR file, for the web pages and the command line alike: read the file
// (UTF-8 CSV), check every row against what exists (domain/staff-import.ts), and apply a clean
// file in one transaction with one audit row, and one per person added or whose role, prison or
// account changed. A file with any error changes nothing.
import { parse } from "csv-parse/sync";
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { isUniqueViolation } from "~db/errors";
import { recordAudit, recordAudits, type AuditEntry } from "~db/queries/audit.server";
import { listEstablishments, listUnits } from "~db/queries/establishments.server";
import {
  clearEmailsOf,
  deleteStaleStaffImports,
  getStaffImport,
  insertImportedUsers,
  insertStaffImport,
  markStaffImportApplied,
  updateImportedUsers,
} from "~db/queries/staff-imports.server";
import { endSessionsOfUsers } from "~db/queries/sessions.server";
import { endedSessionData } from "~/auth/session.server";
import {
  deactivateUsers,
  EMAIL_INDEX,
  listStaffForImport,
  lockUsers,
  placementTimes,
  type LockedUser,
} from "~db/queries/users.server";
import { roleCan } from "~/auth/capabilities";
import { NO_PASSWORD } from "~/auth/password.server";
import { establishmentScope, type CurrentUser } from "~/auth/guard.server";
import { checkHeader, planImport, type ImportPlan, type StaffRow } from "~/domain/staff-import";

/** Largest staff file accepted: 5,000 rows of HR export fit well inside it. */
export const MAX_STAFF_FILE_BYTES = 900_000;

export type FileProblem = { line: number; message: string };
export type ReadFile = { ok: true; rows: StaffRow[] } | { ok: false; errors: FileProblem[] };

/** Reads a staff file: UTF-8 text, CSV, with the header first. Blank lines are skipped. */
function readStaffFile(bytes: Uint8Array): ReadFile {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, errors: [{ line: 1, message: "the file must be a CSV file saved as UTF-8 text" }] };
  }
  if (text.includes("\u0000"))
    return { ok: false, errors: [{ line: 1, message: "the file must be a CSV file saved as UTF-8 text" }] };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as never;
  } catch (error) {
    const line = Number((error as { lines?: number }).lines) || 1;
    return { ok: false, errors: [{ line, message: "the file is not valid CSV here (check for an unclosed quote)" }] };
  }
  const rows = records.map(({ record, info }) => ({
    // A quoted value may run over several lines: report the line the row starts on.
    line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: record,
  }));
  const headerProblem = checkHeader(rows[0]?.cells);
  if (headerProblem) return { ok: false, errors: [{ line: rows[0]?.line ?? 1, message: headerProblem }] };
  return { ok: true, rows: rows.slice(1) };
}

export interface ImportOptions {
  /** a manager's prison; null lets the file name any prison (administrators, the command line) */
  onlyPrisonId: number | null;
  deactivateMissing: boolean;
  actorId: number | null;
}

/** What a file would do, checked against the database as it is now. */
export async function planStaffFile(db: Kysely<Database>, bytes: Uint8Array, options: ImportOptions) {
  const file = readStaffFile(bytes);
  if (!file.ok) return { plan: null, errors: file.errors };
  const [establishments, units, users] = await Promise.all([
    listEstablishments(db),
    listUnits(db),
    listStaffForImport(db),
  ]);
  const plan = planImport(file.rows, {
    prisons: establishments.map((e) => ({
      id: e.id,
      code: e.code,
      name: e.name,
      units: units.filter((u) => u.establishment_id === e.id).map((u) => ({ id: u.id, name: u.name })),
    })),
    users: users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      email: u.email,
      role: u.role,
      establishmentId: u.establishment_id,
      unitId: u.unit_id,
      active: u.active,
    })),
    onlyPrisonId: options.onlyPrisonId,
    deactivateMissing: options.deactivateMissing,
    actorId: options.actorId,
  });
  return { plan, errors: plan.errors };
}

export type ApplyResult =
  | { ok: true; counts: ImportPlan["counts"] }
  /** `accessRemoved`: the importer's own access went meanwhile (and with it their sessions) */
  | { ok: false; message: string; accessRemoved?: true };

/** Writes a clean plan in one transaction, audited as one import with its counts and by person. */
export async function applyStaffPlan(
  db: Kysely<Database>,
  plan: ImportPlan,
  options: ImportOptions & { source: string; fileName: string; importId?: number },
): Promise<ApplyResult> {
  if (plan.errors.length) return { ok: false, message: "The file has errors: nothing was imported." };
  const changed = plan.rows.filter((r) => r.action === "changed");
  const deactivated = plan.deactivate.map((d) => d.id);
  try {
    await db.transaction().execute(async (trx) => {
      // The importer's row and everyone the file changes are held until it is written: an administrator
      // taking the importer's access away, or making one of these people an administrator, either waits for
      // the import or is seen by it here.
      const touched = [...changed.map((r) => r.userId!), ...deactivated];
      const locked = await lockUsers(trx, options.actorId === null ? touched : [options.actorId, ...touched]);
      if (options.actorId !== null && !mayStillImport(locked.get(options.actorId), options.onlyPrisonId))
        throw new NothingImported(
          "Your access to import staff was removed while you were importing this file. Nothing was imported.",
          true,
        );
      // Planned when no one in it was an administrator: an import never changes one, so never the last one.
      const madeAdmin = touched.map((id) => locked.get(id)).find((u) => u?.role === "admin");
      if (madeAdmin)
        throw new NothingImported(
          `${madeAdmin.display_name} was made an administrator after the file was checked: nothing was imported. ` +
            "Administrators are not imported; check the file again.",
        );
      if (options.importId !== undefined && !(await markStaffImportApplied(trx, options.importId, plan.counts)))
        throw new NothingImported("This file has already been imported.");
      const before = new Map((await listStaffForImport(trx)).map((u) => [u.id, u] as const));
      const movedEmails = plan.rows.filter((r) => {
        const was = r.userId === null ? null : before.get(r.userId)?.email;
        return was && was.toLowerCase() !== r.values.email?.toLowerCase();
      });
      await clearEmailsOf(
        trx,
        movedEmails.map((r) => r.userId!),
      );
      const added = plan.rows.filter((r) => r.action === "new");
      const addedIds = await insertImportedUsers(
        trx,
        added.map((r) => ({
          username: r.values.username,
          display_name: r.values.displayName,
          email: r.values.email,
          role: r.values.role,
          establishment_id: r.values.establishmentId,
          unit_id: r.values.unitId,
          // No usable password: they sign in with their work account, or an admin sets one.
          password_hash: NO_PASSWORD,
        })),
      );
      const created = added.map((r, i) => ({
        id: addedIds[i],
        role: r.values.role,
        establishment_id: r.values.establishmentId,
      }));
      const now = new Date().toISOString();
      const changes = changed.map((r) => {
        const was = before.get(r.userId!)!;
        const after = { establishment_id: r.values.establishmentId, unit_id: r.values.unitId };
        return {
          id: r.userId!,
          display_name: r.values.displayName,
          email: r.values.email,
          role: r.values.role,
          ...after,
          prison_joined_at: was.prison_joined_at,
          unit_joined_at: was.unit_joined_at,
          ...placementTimes(was, after, now),
        };
      });
      await updateImportedUsers(trx, changes);
      const signedOut = changes.filter((c) => {
        const was = before.get(c.id)!;
        return was.role !== c.role || was.establishment_id !== c.establishment_id;
      });
      await deactivateUsers(trx, deactivated);
      // Deactivated first: a session ended once keeps the first reason.
      await endSessionsOfUsers(trx, deactivated, endedSessionData("deactivated"));
      await endSessionsOfUsers(
        trx,
        signedOut.map((c) => c.id),
        endedSessionData("accessChanged"),
      );
      await recordAudit(trx, {
        actorUserId: options.actorId,
        action: "users.imported",
        establishmentId: options.onlyPrisonId ?? plan.prisonId,
        details: { ...plan.counts, file: options.fileName.slice(0, 200), source: options.source },
      });
      await recordAudits(trx, personalChanges(created, changes, before, deactivated, options.actorId));
    });
  } catch (error) {
    if (error instanceof NothingImported)
      return { ok: false, message: error.message, ...(error.accessRemoved ? { accessRemoved: true } : {}) };
    if (isUniqueViolation(error, EMAIL_INDEX))
      return {
        ok: false,
        message:
          "Someone gave one of these email addresses to another user while you were importing: nothing was imported. Check the file again.",
      };
    if (isUniqueViolation(error))
      return {
        ok: false,
        message:
          "Someone added one of these usernames while you were importing: nothing was imported. Check the file again.",
      };
    throw error;
  }
  return { ok: true, counts: plan.counts };
}

/** Ends the import's transaction, so nothing is written, with the message the importer is shown. */
class NothingImported extends Error {
  constructor(
    message: string,
    readonly accessRemoved = false,
  ) {
    super(message);
  }
}

/** Whether the importer still holds the access the file was checked with: active, managing these prisons' staff. */
function mayStillImport(user: LockedUser | undefined, onlyPrisonId: number | null) {
  if (!user?.active || !roleCan(user.role, "manageStaff")) return false;
  return roleCan(user.role, "seeEveryPrison") || (onlyPrisonId !== null && user.establishment_id === onlyPrisonId);
}

/**
 * The changes that alter what someone may do, each audited by name as an administrator's form would
 * audit it: a new account, a new role, another prison, an account reactivated or deactivated.
 */
function personalChanges(
  created: { id: number; role: string; establishment_id: number }[],
  changes: { id: number; role: string; establishment_id: number; unit_id: number | null }[],
  before: Map<number, { role: string; establishment_id: number | null; active: boolean }>,
  deactivated: number[],
  actorId: number | null,
): AuditEntry[] {
  const entry = (
    subjectUserId: number,
    establishmentId: number | null,
    action: string,
    details: Record<string, unknown> = {},
  ): AuditEntry => ({
    actorUserId: actorId,
    subjectUserId,
    establishmentId,
    action,
    details: { ...details, source: "staff import" },
  });
  return [
    ...created.map((c) => entry(c.id, c.establishment_id, "user.created", { role: c.role })),
    ...changes.flatMap((c) => {
      const was = before.get(c.id)!;
      return [
        was.role !== c.role && entry(c.id, c.establishment_id, "user.role_changed", { from: was.role, to: c.role }),
        was.establishment_id !== c.establishment_id &&
          entry(c.id, c.establishment_id, "user.moved", { establishmentId: c.establishment_id, unitId: c.unit_id }),
        !was.active && entry(c.id, c.establishment_id, "user.reactivated"),
      ].filter((e): e is AuditEntry => e !== false);
    }),
    ...deactivated.map((id) => entry(id, before.get(id)?.establishment_id ?? null, "user.deactivated")),
  ];
}

// ---- the web pages: upload, preview, confirm ----

const optionsFor = (user: CurrentUser, deactivateMissing: boolean): ImportOptions => ({
  onlyPrisonId: establishmentScope(user),
  deactivateMissing,
  actorId: user.id,
});

/** Checks an upload; a clean one is kept for the preview (nothing about staff is written yet). */
export async function uploadStaffFile(
  db: Kysely<Database>,
  user: CurrentUser,
  file: { name: string; bytes: Uint8Array },
  deactivateMissing: boolean,
): Promise<{ ok: true; importId: number } | { ok: false; errors: FileProblem[] }> {
  const { errors } = await planStaffFile(db, file.bytes, optionsFor(user, deactivateMissing));
  if (errors.length) return { ok: false, errors };
  await deleteStaleStaffImports(db, new Date(Date.now() - 86_400_000));
  const importId = await insertStaffImport(db, {
    uploadedBy: user.id,
    establishmentId: establishmentScope(user),
    fileName: file.name.slice(0, 200),
    csv: new TextDecoder().decode(file.bytes),
    deactivateMissing,
  });
  return { ok: true, importId };
}

/** An upload of this user's, planned again against the database as it is now; null for anyone else's. */
export async function previewStaffImport(db: Kysely<Database>, user: CurrentUser, importId: number) {
  const upload = await getStaffImport(db, importId);
  if (!upload || upload.uploaded_by !== user.id) return null;
  if (upload.applied_at) return { upload, applied: true as const, plan: null, errors: [] };
  const { plan, errors } = await planStaffFile(
    db,
    new TextEncoder().encode(upload.csv),
    optionsFor(user, upload.deactivate_missing),
  );
  return { upload, applied: false as const, plan, errors };
}

export async function confirmStaffImport(
  db: Kysely<Database>,
  user: CurrentUser,
  importId: number,
): Promise<ApplyResult | null> {
  const preview = await previewStaffImport(db, user, importId);
  if (!preview) return null;
  if (preview.applied) return { ok: false, message: "This file has already been imported." };
  if (!preview.plan || preview.errors.length)
    return { ok: false, message: "The staff records changed since the preview and the file now has errors." };
  return applyStaffPlan(db, preview.plan, {
    ...optionsFor(user, preview.upload.deactivate_missing),
    source: "upload",
    fileName: preview.upload.file_name,
    importId,
  });
}
