// Assignments: managers give modules (or the whole programme) to their prison, a wing or team,
// or named officers, with a due date. Due dates and overdue come from domain/assignments.ts;
// this file gathers rows and writes changes with their audit rows.
import { lowerFirst } from "~/domain/words";
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { isUniqueViolation } from "~db/errors";
import {
  findAssignment,
  insertAssignments,
  listAssignments,
  listAssignmentsFor,
  listPlacements,
  removeAssignmentRow,
  type AssignmentRow,
} from "~db/queries/assignments.server";
import { recordAudit } from "~db/queries/audit.server";
import { listOfficers, listWings } from "~db/queries/reports.server";
import { can } from "~/auth/capabilities";
import type { CurrentUser } from "~/auth/guard.server";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { dueLabel, modulesDue, type AssignmentRule, type ModuleDue, type Placement } from "~/domain/assignments";
import { formatDay, formatDateTime, dayOf } from "~/domain/dates.server";
import type { ModuleRules, ProgrammeProgress } from "~/domain/competency";
import type { FieldErrors } from "~/utils/forms";
import type { AssignmentInput } from "~/assignments/form";

function toRule(
  row: Pick<AssignmentRow, "id" | "module_id" | "unit_id" | "officer_id" | "due_on" | "due_days" | "created_at">,
): AssignmentRule {
  return {
    id: row.id,
    moduleId: row.module_id,
    unitId: row.unit_id,
    officerId: row.officer_id,
    dueOn: row.due_on,
    dueDays: row.due_days,
    createdOn: dayOf(row.created_at),
  };
}

function toPlacement(row: Awaited<ReturnType<typeof listPlacements>>[number]): Placement {
  return {
    officerId: row.id,
    unitId: row.unit_id,
    prisonJoinedOn: dayOf(row.prison_joined_at ?? row.created_at),
    unitJoinedOn: row.unit_joined_at ? dayOf(row.unit_joined_at) : null,
  };
}

/** Each officer's due modules, for a prison whose progress the reports already computed. */
export async function duesForPrison(
  db: Kysely<Database>,
  establishmentId: number,
  officers: { officerId: number; progress: ProgrammeProgress }[],
  rules: ModuleRules[],
  now = new Date(),
): Promise<Map<number, ModuleDue[]>> {
  return (await dueReckoner(db, establishmentId, rules, now))(officers);
}

/**
 * The prison's assignments and placements, read once, as a function giving officers' due modules:
 * for a report that works through the prison's officers a page at a time.
 */
export async function dueReckoner(
  db: Kysely<Database>,
  establishmentId: number,
  rules: ModuleRules[],
  now = new Date(),
): Promise<(officers: { officerId: number; progress: ProgrammeProgress }[]) => Map<number, ModuleDue[]>> {
  const [assignments, placements] = await Promise.all([
    listAssignments(db, establishmentId),
    listPlacements(db, establishmentId),
  ]);
  return (officers) => reckonDues(assignments, placements, officers, rules, now);
}

/** Each officer's due modules from the assignments and placements read for them. */
function reckonDues(
  assignments: Parameters<typeof toRule>[0][],
  placements: Awaited<ReturnType<typeof listPlacements>>,
  officers: { officerId: number; progress: ProgrammeProgress }[],
  rules: ModuleRules[],
  now: Date,
): Map<number, ModuleDue[]> {
  const due = new Map<number, ModuleDue[]>();
  if (assignments.length === 0) return due;
  const ruleList = assignments.map(toRule);
  const placed = new Map(placements.map((p) => [p.id, toPlacement(p)]));
  const today = dayOf(now);
  for (const o of officers) {
    const p = placed.get(o.officerId);
    if (!p) continue;
    const modules = rules.map((r, i) => ({ rules: r, progress: o.progress.modules[i] }));
    const list = modulesDue(ruleList, p, modules, today);
    if (list.length) due.set(o.officerId, list);
  }
  return due;
}

/** One officer's due modules (their task list). */
async function duesForOfficer(
  db: Kysely<Database>,
  user: Pick<CurrentUser, "id" | "establishmentId">,
  progress: ProgrammeProgress,
  rules: ModuleRules[],
  now = new Date(),
): Promise<ModuleDue[]> {
  if (user.establishmentId === null) return [];
  // Only this officer's placement and what can apply to them: a prison may have a thousand officers.
  const placements = await listPlacements(db, user.establishmentId, user.id);
  if (placements.length === 0) return [];
  const officer = { id: user.id, unitId: placements[0].unit_id };
  const assignments = await listAssignmentsFor(db, user.establishmentId, officer);
  return reckonDues(assignments, placements, [{ officerId: user.id, progress }], rules, now).get(user.id) ?? [];
}

type Described = Pick<
  AssignmentRow,
  "module_id" | "unit_id" | "officer_id" | "due_on" | "due_days" | "created_at" | "unit_name" | "officer_name"
>;

/** An assignment in words (what, to whom, due when): one place for the list, the confirmation and the notice. */
function inWords(a: Described, titles: Map<string, string>) {
  return {
    what: a.module_id === null ? "Whole programme" : (titles.get(a.module_id) ?? a.module_id),
    to: a.officer_id !== null ? a.officer_name : a.unit_id !== null ? a.unit_name : "Everyone in the prison",
    due: a.due_on
      ? `By ${formatDay(a.due_on)}`
      : `Within ${a.due_days} day${a.due_days === 1 ? "" : "s"} of joining (or of ${formatDay(dayOf(a.created_at))}, when it was assigned)`,
  };
}

const titlesOf = async (db: Kysely<Database>) => new Map((await getCurriculum(db)).map((m) => [m.id, m.title]));

/** The prison's assignments, described for the assignments page: what, to whom, due when. */
export async function assignmentList(db: Kysely<Database>, establishmentId: number) {
  const [titles, list] = await Promise.all([titlesOf(db), listAssignments(db, establishmentId)]);
  return list.map((a) => ({ id: a.id, officerId: a.officer_id, ...inWords(a, titles) }));
}

/** "Assignment removed: Listening on the landing for A wing, by 31 January 2027." */
const removedNotice = (a: { what: string; to: string | null; due: string }) =>
  `Assignment removed: ${a.what} for ${a.to}, ${lowerFirst(a.due)}.`;

/** "Training assigned: Listening on the landing to A wing, by 31 January 2027.", so the manager sees what they did. */
const assignedNotice = (a: { what: string; to: string | null; due: string }) =>
  `Training assigned: ${a.what} to ${a.to}, ${lowerFirst(a.due)}.`;

/**
 * One assignment as the page confirming its removal says it: what, to whom in a sentence's words, due
 * when and how many officers it covers today; or when and by whom it was removed already. Undefined
 * when the prison has no assignment with that id (another prison's reads the same).
 */
export async function assignmentToRemove(db: Kysely<Database>, establishmentId: number, id: number) {
  const [titles, row] = await Promise.all([titlesOf(db), findAssignment(db, establishmentId, id)]);
  if (!row) return undefined;
  const words = {
    ...inWords(row, titles),
    audience:
      row.officer_id !== null
        ? (row.officer_name ?? "A named officer")
        : row.unit_id !== null
          ? `All officers ${row.unit_kind === "team" ? "in" : "on"} ${row.unit_name}`
          : "Every officer in the prison",
  };
  if (row.removed_at !== null)
    return {
      kind: "removed" as const,
      id,
      ...words,
      removedAt: formatDateTime(row.removed_at),
      removedBy: row.removed_by_name,
    };
  // Who it covers now: the prison's active officers it applies to (a wing's newcomers join later).
  const placed = await listPlacements(db, establishmentId, row.officer_id ?? undefined);
  const officers = row.unit_id !== null ? placed.filter((p) => p.unit_id === row.unit_id).length : placed.length;
  return { kind: "live" as const, id, ...words, officers };
}

/** The choices the form offers: the prison's wings and active officers. */
export async function assignmentChoices(db: Kysely<Database>, establishmentId: number) {
  const [wings, officers] = await Promise.all([listWings(db, establishmentId), listOfficers(db, { establishmentId })]);
  return {
    wings: wings.map((w) => ({ id: w.id, name: w.name })),
    officers: officers.map((o) => ({ id: o.id, name: o.display_name, wing: o.unit_name })),
  };
}

const keyOf = (moduleId: string | null, to: string) => `${moduleId ?? "*"}|${to}`;

export async function createAssignments(
  db: Kysely<Database>,
  user: CurrentUser,
  establishmentId: number,
  input: AssignmentInput,
  moduleIds: string[],
): Promise<{ ok: true; count: number; notice: string } | { ok: false; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  if (input.moduleId !== null && !moduleIds.includes(input.moduleId)) errors.moduleId = "Choose a module from the list";
  const choices = await assignmentChoices(db, establishmentId);
  // Ids from another prison read as not on the list: no hint that they exist.
  if (input.audience === "wing" && !choices.wings.some((w) => w.id === input.unitId))
    errors.unitId = "Choose a wing or team from the list";
  if (input.audience === "officers" && !input.officerIds.every((id) => choices.officers.some((o) => o.id === id)))
    errors.officerIds = "Choose officers from the list";
  if (Object.keys(errors).length) return { ok: false, errors };

  const base = {
    establishment_id: establishmentId,
    module_id: input.moduleId,
    due_on: input.dueOn,
    due_days: input.dueDays,
    created_by: user.id,
  };
  const rows =
    input.audience === "prison"
      ? [{ ...base, unit_id: null, officer_id: null, target_key: keyOf(input.moduleId, "prison") }]
      : input.audience === "wing"
        ? [
            {
              ...base,
              unit_id: input.unitId,
              officer_id: null,
              target_key: keyOf(input.moduleId, `unit:${input.unitId}`),
            },
          ]
        : input.officerIds.map((id) => ({
            ...base,
            unit_id: null,
            officer_id: id,
            target_key: keyOf(input.moduleId, `officer:${id}`),
          }));
  try {
    await db.transaction().execute(async (trx) => {
      await insertAssignments(trx, rows);
      await recordAudit(trx, {
        actorUserId: user.id,
        action: "assignment.created",
        // One named officer is named in the log; more are listed by id in the record.
        subjectUserId: input.audience === "officers" && input.officerIds.length === 1 ? input.officerIds[0] : null,
        establishmentId,
        details: {
          moduleId: input.moduleId ?? "whole programme",
          to:
            input.audience === "wing"
              ? `unit:${input.unitId}`
              : input.audience === "officers"
                ? input.officerIds
                : "prison",
          dueOn: input.dueOn,
          dueDays: input.dueDays,
        },
      });
    });
  } catch (error) {
    // The same module for the same people, live already (or added by someone else just now).
    if (isUniqueViolation(error))
      return {
        ok: false,
        errors: {
          moduleId: "This is already assigned to them: remove the existing assignment first to change its due date",
        },
      };
    throw error;
  }
  const named = input.officerIds.length === 1 ? choices.officers.find((o) => o.id === input.officerIds[0]) : undefined;
  const words = inWords(
    {
      ...rows[0],
      created_at: new Date().toISOString(),
      unit_name: choices.wings.find((w) => w.id === input.unitId)?.name ?? null,
      officer_name: named?.name ?? null,
    },
    await titlesOf(db),
  );
  const to =
    input.audience === "prison"
      ? "every officer in the prison"
      : input.audience === "officers" && !named
        ? `${input.officerIds.length} officers`
        : words.to;
  return { ok: true, count: rows.length, notice: assignedNotice({ ...words, to }) };
}

export type RemoveAssignmentResult =
  | { kind: "removed"; notice: string }
  | { kind: "already-removed"; removedAt: string; removedBy: string | null }
  | { kind: "not-found" };

/**
 * Removes a live assignment of the prison with its audit row. Removing one already gone (a second
 * submit, or someone else first) changes nothing and says when it went; another prison's is not found.
 */
export async function removeAssignment(
  db: Kysely<Database>,
  user: CurrentUser,
  establishmentId: number,
  id: number,
): Promise<RemoveAssignmentResult> {
  const titles = await titlesOf(db);
  return db.transaction().execute(async (trx) => {
    // The conditional update decides (only a live one is removed); the read after it says why, and in what words.
    const removed = await removeAssignmentRow(trx, establishmentId, id, user.id);
    const row = await findAssignment(trx, establishmentId, id);
    if (!removed || !row)
      return row?.removed_at
        ? { kind: "already-removed", removedAt: formatDateTime(row.removed_at), removedBy: row.removed_by_name }
        : { kind: "not-found" };
    // What was removed, in the same words as its creation: the record view says which one it was.
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "assignment.removed",
      subjectUserId: removed.officer_id,
      establishmentId,
      details: {
        id,
        moduleId: removed.module_id ?? "whole programme",
        to:
          removed.officer_id !== null
            ? [removed.officer_id]
            : removed.unit_id !== null
              ? `unit:${removed.unit_id}`
              : "prison",
        dueOn: removed.due_on,
        dueDays: removed.due_days,
      },
    });
    return { kind: "removed", notice: removedNotice(inWords(row, titles)) };
  });
}

/**
 * What is assigned to an officer, in due order, with titles: their task list's "Assigned to you", from
 * the progress their page has already worked out.
 */
export async function assignedToOfficer(
  db: Kysely<Database>,
  user: CurrentUser,
  progress: ProgrammeProgress,
  curriculum: { id: string; title: string; rules: ModuleRules }[],
  now = new Date(),
) {
  if (!can(user, "practise") || user.establishmentId === null) return [];
  const rules = curriculum.map((m) => m.rules);
  const titles = new Map(curriculum.map((m) => [m.id, m.title]));
  return (await duesForOfficer(db, user, progress, rules, now)).map((d) => ({
    moduleId: d.moduleId,
    title: titles.get(d.moduleId) ?? d.moduleId,
    dueOn: formatDay(d.dueOn),
    state: d.state,
    stateLabel: dueLabel(d, dayOf(now)),
    refresher: d.refresher,
  }));
}

export type AssignedItem = Awaited<ReturnType<typeof assignedToOfficer>>[number];
