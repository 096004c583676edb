/**
 * What a change to a scenario's module would do to officers, for the trainer to read before
 * making it: how many officers' statuses would change, from what to what, under the rules in
 * domain/competency.ts. Worked out over every active officer in every prison, because the
 * curriculum is the same for all.
 */
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { activeOfficerAttemptsAt } from "~db/queries/reports.server";
import { lastMembershipOf } from "~db/queries/module-memberships.server";
import { getCurriculum, type CurriculumModule } from "~/curriculum/curriculum.server";
import {
  everMembers,
  moduleProgress,
  programmeProgress,
  type ModuleProgress,
  type ModuleRules,
  type Status,
} from "~/domain/competency";
import { observationsFor } from "~/reports/progress.server";
import { recordsByOfficer } from "~/domain/reporting/records";

export type ModuleChange =
  /** a first version, or a retired scenario returned to its module */
  | { kind: "join"; moduleId: string }
  | { kind: "move"; from: string; to: string }
  | { kind: "leave"; moduleId: string }
  /** a new version in the same module, or a version of a retired scenario (it stays retired) */
  | { kind: "none"; retired: boolean };

/** What adding a version that names `moduleId` does to the scenario's place (as placeScenario will do it). */
export async function changeForVersion(
  db: Kysely<Database>,
  scenarioId: string,
  moduleId: string,
): Promise<ModuleChange> {
  const last = await lastMembershipOf(db, scenarioId);
  if (!last) return { kind: "join", moduleId };
  if (last.removed_at !== null) return { kind: "none", retired: true };
  if (last.module_id === moduleId) return { kind: "none", retired: false };
  return { kind: "move", from: last.module_id, to: moduleId };
}

/** The modules' rules as they would be with the change made at `at`. */
function withChange(modules: ModuleRules[], scenarioId: string, change: ModuleChange, at: string): ModuleRules[] {
  const leaving = change.kind === "leave" ? change.moduleId : change.kind === "move" ? change.from : null;
  const joining = change.kind === "join" ? change.moduleId : change.kind === "move" ? change.to : null;
  return modules.map((m) => {
    if (m.id !== leaving && m.id !== joining) return m;
    let membership = [
      ...(m.membership ?? m.scenarioIds.map((id) => ({ scenarioId: id, addedAt: null, removedAt: null }))),
    ];
    let scenarioIds = m.scenarioIds;
    if (m.id === leaving) {
      membership = membership.map((x) =>
        x.scenarioId === scenarioId && x.removedAt === null ? { ...x, removedAt: at } : x,
      );
      scenarioIds = scenarioIds.filter((id) => id !== scenarioId);
    }
    if (m.id === joining) {
      membership.push({ scenarioId, addedAt: at, removedAt: null });
      scenarioIds = [...scenarioIds, scenarioId];
    }
    return { ...m, membership, scenarioIds };
  });
}

export interface StatusShift {
  moduleTitle: string;
  from: Status;
  to: Status;
  officers: number;
}

export interface Impact {
  change: ModuleChange;
  shifts: StatusShift[];
  /** officers who stay Competent with the scenario added to their next refresher */
  keptCompetent: number;
  /** a module added in Engage that this change brings to officers, being its first scenario */
  opensModule?: string;
  /** with opensModule: officers Competent in the whole programme now, who will not be until Competent in it */
  programmeCompetent?: number;
}

export async function impactOf(
  db: Kysely<Database>,
  scenarioId: string,
  change: ModuleChange,
  now = new Date(),
): Promise<Impact> {
  if (change.kind === "none") return { change, shifts: [], keptCompetent: 0 };
  const everyModule = await getCurriculum(db, { withUnoffered: true });
  const curriculum = everyModule.filter((m) => m.offered);
  const joining = change.kind === "join" ? change.moduleId : change.kind === "move" ? change.to : null;
  const opensModule = everyModule.find((m) => m.id === joining && !m.offered)?.id;
  const before = curriculum.map((m) => m.rules);
  const after = withChange(before, scenarioId, change, now.toISOString());
  let keptCompetent = 0;
  const shifts = await statusShiftsBetween(db, curriculum, before, after, now, (will) => {
    if (
      will.status === "competent" &&
      will.scenarios.some((s) => s.scenarioId === scenarioId && s.requiredFrom !== null && s.requiredFrom > now)
    )
      keptCompetent++;
  });
  if (!opensModule) return { change, shifts, keptCompetent };
  return { change, shifts, keptCompetent, opensModule, programmeCompetent: await programmeCompetent(db, before, now) };
}

/** How many active officers, in every prison, are Competent in every module of `modules`. */
async function programmeCompetent(db: Kysely<Database>, modules: ModuleRules[], now: Date): Promise<number> {
  const byOfficer = recordsByOfficer(
    await activeOfficerAttemptsAt(db, [...new Set(modules.flatMap((m) => [...everMembers(m)]))]),
  );
  const observed = await observationsFor(db, null, modules);
  let competent = 0;
  for (const [officerId, attempts] of byOfficer)
    if (programmeProgress(modules, attempts, now, observed.get(officerId) ?? []).competent) competent++;
  return competent;
}

/**
 * How every active officer's status in each module whose rules differ between `before` and
 * `after` would move, counted by module and by from and to; `unchanged` sees each progress that
 * stays as it is.
 */
export async function statusShiftsBetween(
  db: Kysely<Database>,
  curriculum: CurriculumModule[],
  before: ModuleRules[],
  after: ModuleRules[],
  now: Date,
  unchanged: (will: ModuleProgress) => void = () => {},
): Promise<StatusShift[]> {
  const touched = before.map((m, i) => i).filter((i) => before[i] !== after[i]);
  const ids = new Set(touched.flatMap((i) => [...everMembers(before[i]), ...everMembers(after[i])]));
  const byOfficer = recordsByOfficer(await activeOfficerAttemptsAt(db, [...ids]));
  // A module that requires observation is judged with the officers' observations, as everywhere else.
  const observed = await observationsFor(
    db,
    null,
    touched.flatMap((i) => [before[i], after[i]]),
  );
  const shifts = new Map<string, StatusShift>();
  for (const [officerId, attempts] of byOfficer) {
    const observations = observed.get(officerId) ?? [];
    for (const i of touched) {
      const was = moduleProgress(before[i], attempts, now, observations);
      const will = moduleProgress(after[i], attempts, now, observations);
      if (was.status === will.status) {
        unchanged(will);
        continue;
      }
      const key = `${i}|${was.status}|${will.status}`;
      const shift = shifts.get(key) ?? {
        moduleTitle: curriculum[i].title,
        from: was.status,
        to: will.status,
        officers: 0,
      };
      shift.officers++;
      shifts.set(key, shift);
    }
  }
  return [...shifts.values()].sort((a, b) => b.officers - a.officers);
}
