// Assignments: managers give modules (or the whole programme) to their prison, a wing or team,
// or named officers, with a due date. Due dates and overdue come from domain/assignments.ts;
// this file gathers rows and writes changes with their audit rows.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { isUniqueViolation } from "~db/errors";
import {
  insertAssignments,
  listAssignments,
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
import { formatDay, dayOf } from "~/domain/dates.server";
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
  const ruleList = assignments.map(toRule);
  const placed = new Map(placements.map((p) => [p.id, toPlacement(p)]));
  const today = dayOf(now);
  return (officers) => {
    const due = new Map<number, ModuleDue[]>();
    if (ruleList.length === 0) return due;
    for (const o of officers) {
      const p = placed.get(o.officerId);
      if (!p) continue;
      const modules = rules.map((r, i) => ({ rules: r, progress: o.progress.modules[i] }));
      const list = modulesDue(ruleList, p, modules, today);
      if (list.length) due.set(o.officerId, list);
    }
    return due;
  };
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
  const dues = await duesForPrison(db, user.establishmentId, [{ officerId: user.id, progress }], rules, now);
  return dues.get(user.id) ?? [];
}

/** The prison's assignments, described for the assignments page: what, to whom, due when. */
export async function assignmentList(db: Kysely<Database>, establishmentId: number) {
  const [curriculum, list] = await Promise.all([getCurriculum(db), listAssignments(db, establishmentId)]);
  const titles = new Map(curriculum.map((m) => [m.id, m.title]));
  return list.map((a) => ({
    id: a.id,
    officerId: a.officer_id,
    what: a.module_id === null ? "Whole programme" : (titles.get(a.module_id) ?? a.module_id),
    to: a.officer_id !== null ? a.officer_name : a.unit_id !== null ? a.unit_name : "Everyone in the prison",
    due: a.due_on
      ? `By ${formatDay(a.due_on)}`
      : `Within ${a.due_days} day${a.due_days === 1 ? "" : "s"} of joining (or of ${formatDay(dayOf(a.created_at))}, when it was assigned)`,
  }));
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
): Promise<{ ok: true; count: number } | { ok: false; errors: FieldErrors }> {
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
  return { ok: true, count: rows.length };
}

export async function removeAssignment(db: Kysely<Database>, user: CurrentUser, establishmentId: number, id: number) {
  return db.transaction().execute(async (trx) => {
    const removed = await removeAssignmentRow(trx, establishmentId, id, user.id);
    if (!removed) return false;
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
    return true;
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
