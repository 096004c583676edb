/**
 * Assignments and due dates: the one place that decides what is due for an officer, by when,
 * and whether it is overdue. Every page, report, export and reminder uses these functions.
 *
 * - An assignment gives a module (or the whole programme) to a prison, a wing or team, or a
 *   named officer, due by a fixed date or "within N days of joining". Joining counts from the
 *   later of the day the assignment was made and the day the officer joined that prison (or
 *   wing): existing staff get N days from today, new starters N days from their first day.
 * - An assigned module is met when it is Competent (competency rules, domain/competency.ts); its
 *   next due date is then the refresher date. When competence lapses (Refresher due), it is
 *   overdue from the day it lapsed.
 * - Otherwise it is due on the earliest due date of the assignments that give it to the officer:
 *   overdue the day after, due soon within DUE_SOON_DAYS before.
 */
import { addDays, addMonths, daysBetween, dayOf } from "./dates.server";
import { type ModuleProgress, type ModuleRules } from "./competency";

const DUE_SOON_DAYS = 7;

export type DueState = "on_track" | "due_soon" | "overdue";

export const DUE_LABELS: Record<DueState, string> = {
  on_track: "On track",
  due_soon: "Due soon",
  overdue: "Overdue",
};

/** The training matrix's filter on assigned training. */
export const DUE_FILTERS = {
  assigned: "Assigned",
  on_track: "On track (not overdue)",
  overdue: "Overdue",
} as const;
export type DueFilter = keyof typeof DUE_FILTERS;

export interface AssignmentRule {
  id: number;
  moduleId: string | null; // null: every module
  unitId: number | null;
  officerId: number | null; // neither: the whole prison
  dueOn: string | null;
  dueDays: number | null;
  createdOn: string; // the London day it was made
}

export interface Placement {
  officerId: number;
  unitId: number | null;
  prisonJoinedOn: string | null;
  unitJoinedOn: string | null;
}

export interface ModuleDue {
  moduleId: string;
  dueOn: string;
  state: DueState;
  /** true when the date is a refresher date from the competency rules */
  refresher: boolean;
}

function appliesTo(rule: AssignmentRule, p: Placement): boolean {
  if (rule.officerId !== null) return rule.officerId === p.officerId;
  if (rule.unitId !== null) return rule.unitId === p.unitId;
  return true;
}

export function dueDateOf(rule: AssignmentRule, p: Placement): string {
  if (rule.dueOn !== null) return rule.dueOn;
  const joined = rule.officerId !== null ? null : rule.unitId !== null ? p.unitJoinedOn : p.prisonJoinedOn;
  const from = joined && joined > rule.createdOn ? joined : rule.createdOn;
  return addDays(from, rule.dueDays ?? 0);
}

/** The tag's words: "Due today" rather than "Due soon" on the day itself. */
export function dueLabel(d: { state: DueState; dueOn: string }, today: string): string {
  return d.state === "due_soon" && d.dueOn === today ? "Due today" : DUE_LABELS[d.state];
}

export function stateOn(dueOn: string, today: string): DueState {
  if (today > dueOn) return "overdue";
  return daysBetween(today, dueOn) <= DUE_SOON_DAYS ? "due_soon" : "on_track";
}

/** When a module's competence lapsed (or lapses): the oldest pass plus the refresher interval. */
function lapsesOn(rules: ModuleRules, progress: ModuleProgress): string | null {
  const passes = progress.scenarios.map((s) => s.lastPass?.finishedAt ?? null);
  if (passes.length === 0 || passes.some((p) => p === null)) return null;
  const oldest = (passes as string[]).sort()[0]!;
  return dayOf(addMonths(oldest, rules.refresherMonths));
}

/** What is due for one officer, module by module, in due order. Modules not assigned are left out. */
export function modulesDue(
  assignments: AssignmentRule[],
  placement: Placement,
  modules: { rules: ModuleRules; progress: ModuleProgress }[],
  today: string,
): ModuleDue[] {
  const mine = assignments.filter((a) => appliesTo(a, placement));
  const due: ModuleDue[] = [];
  for (const { rules, progress } of modules) {
    const given = mine.filter((a) => a.moduleId === null || a.moduleId === rules.id);
    if (given.length === 0) continue;
    if (progress.status === "competent" || progress.status === "refresher_due") {
      const dueOn = lapsesOn(rules, progress);
      if (dueOn) {
        due.push({ moduleId: rules.id, dueOn, state: stateOn(dueOn, today), refresher: true });
        continue;
      }
    }
    const dueOn = given.map((a) => dueDateOf(a, placement)).sort()[0]!;
    due.push({ moduleId: rules.id, dueOn, state: stateOn(dueOn, today), refresher: false });
  }
  return due.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

/** An officer's standing across everything assigned: nothing, on track, or overdue in something. */
export function standingOf(due: ModuleDue[]): "none" | "on_track" | "overdue" {
  if (due.length === 0) return "none";
  return due.some((d) => d.state === "overdue") ? "overdue" : "on_track";
}
