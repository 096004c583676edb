/**
 * Competency rules: the one place that decides a module's and a scenario's status for an officer.
 * Every page, report and export uses these functions, never its own version of the rules.
 *
 * - Not yet started: no attempt in the module (abandoned attempts do not count: the officer chose
 *   to start again).
 * - In progress: some attempt, but not every scenario has a finished attempt.
 * - Completed: every scenario has a finished attempt (practice or assessment).
 * - Competent: every scenario has a passing assessment attempt within the refresher interval. An
 *   assessment passes when its ending is not "disengaged" and its indicators meet the module's
 *   thresholds (default the MITI 4.2.1 fair levels: R:Q >= 1, %CR >= 40%, no MI-non-adherent).
 * - Refresher due: every scenario was once passed in assessment, but at least one pass is older
 *   than the refresher interval (default 6 months: skills fade without feedback).
 * - Modules with `requires_observation` also need an observation on the wing: see withObservation.
 */
import {
  indicatorsOf,
  meetsPercentComplex,
  meetsReflectionToQuestion,
  MITI_LEVELS,
  type BehaviourCounts,
  type Indicators,
} from "./indicators";
import type { Outcome } from "./mi-codes";

export interface Thresholds {
  minReflectionToQuestion: number;
  minPercentComplexReflections: number;
  maxMiNonAdherent: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  minReflectionToQuestion: 1,
  minPercentComplexReflections: 40,
  maxMiNonAdherent: 0,
};
export const DEFAULT_REFRESHER_MONTHS = 6;

export interface ModuleRules {
  id: string;
  scenarioIds: string[];
  thresholds: Thresholds;
  refresherMonths: number;
  /** competency also needs a coach's observation on the wing that meets the thresholds */
  requiresObservation?: boolean;
}

export interface AttemptRecord {
  scenarioId: string;
  mode: "practice" | "assessment";
  status: "in_progress" | "finished" | "abandoned";
  startedAt: string;
  finishedAt: string | null;
  outcome: Outcome | null;
  counts: BehaviourCounts;
}

export type Status = "not_started" | "in_progress" | "completed" | "competent" | "refresher_due";

export const STATUS_LABELS: Record<Status, string> = {
  not_started: "Not yet started",
  in_progress: "In progress",
  completed: "Completed",
  competent: "Competent",
  refresher_due: "Refresher due",
};

export function passesAssessment(a: AttemptRecord, t: Thresholds): boolean {
  if (a.mode !== "assessment" || a.status !== "finished" || !a.outcome || a.outcome === "disengaged") return false;
  return meetsThresholds(indicatorsOf(a.counts), t);
}

function meetsThresholds(i: Indicators, t: Thresholds): boolean {
  return (
    meetsReflectionToQuestion(i, t.minReflectionToQuestion) &&
    meetsPercentComplex(i, t.minPercentComplexReflections) &&
    i.miNonAdherent <= t.maxMiNonAdherent
  );
}

export function addMonths(iso: string, months: number): Date {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

export interface ScenarioProgress {
  scenarioId: string;
  status: Status;
  lastFinished: AttemptRecord | null;
  /** the most recent passing assessment, if any */
  lastPass: AttemptRecord | null;
}

export interface ModuleProgress {
  moduleId: string;
  status: Status;
  scenarios: ScenarioProgress[];
  /** when competence (or the last refresh) lapses; set when Competent */
  refresherDueAt: Date | null;
  /** when each scenario had been finished; set when Completed or better */
  completedAt: Date | null;
  /** when the module was last Competent from; set when Competent */
  competentSince: Date | null;
}

const latest = (list: AttemptRecord[], at: (a: AttemptRecord) => string | null) =>
  list.reduce<AttemptRecord | null>((best, a) => (!best || (at(a) ?? "") > (at(best) ?? "") ? a : best), null);

/** Progress of one officer in one module at time `now`. Attempts and observations after `now` are ignored. */
export function moduleProgress(
  rules: ModuleRules,
  attempts: AttemptRecord[],
  now: Date,
  observations: ObservationRecord[] = [],
): ModuleProgress {
  const nowIso = now.toISOString();
  const relevant = attempts.filter(
    (a) => a.startedAt <= nowIso && (a.finishedAt === null || a.finishedAt <= nowIso || a.status !== "finished"),
  );
  const scenarios = rules.scenarioIds.map((scenarioId): ScenarioProgress => {
    const mine = relevant.filter((a) => a.scenarioId === scenarioId && a.status !== "abandoned");
    const finished = mine.filter((a) => a.status === "finished" && a.finishedAt !== null && a.finishedAt <= nowIso);
    const lastFinished = latest(finished, (a) => a.finishedAt);
    const lastPass = latest(
      finished.filter((a) => passesAssessment(a, rules.thresholds)),
      (a) => a.finishedAt,
    );
    let status: Status = mine.length === 0 ? "not_started" : "in_progress";
    if (lastFinished) status = "completed";
    if (lastPass) status = addMonths(lastPass.finishedAt!, rules.refresherMonths) > now ? "competent" : "refresher_due";
    return { scenarioId, status, lastFinished, lastPass };
  });

  const all = (s: Status[]) => scenarios.length > 0 && scenarios.every((p) => s.includes(p.status));
  let status: Status;
  if (scenarios.every((p) => p.status === "not_started")) status = "not_started";
  else if (all(["competent"])) status = "competent";
  else if (all(["competent", "refresher_due"])) status = "refresher_due";
  else if (all(["completed", "competent", "refresher_due"])) status = "completed";
  else status = "in_progress";
  const observed = rules.requiresObservation ? observationStanding(rules, observations, now) : null;
  if (observed) status = withObservation(status, observed);

  const oldestPass = scenarios.every((p) => p.lastPass)
    ? scenarios.map((p) => p.lastPass!.finishedAt!).sort()[0]
    : null;
  const newestPass = scenarios.every((p) => p.lastPass)
    ? scenarios
        .map((p) => p.lastPass!.finishedAt!)
        .sort()
        .at(-1)!
    : null;
  const completedAt =
    status === "not_started" || status === "in_progress"
      ? null
      : new Date(
          scenarios
            .map((p) => firstFinishedAt(relevant, p.scenarioId, nowIso)!)
            .sort()
            .at(-1)!,
        );
  return {
    moduleId: rules.id,
    status,
    scenarios,
    refresherDueAt:
      status === "competent" && oldestPass
        ? earliest(addMonths(oldestPass, rules.refresherMonths), observed?.lapsesAt)
        : null,
    completedAt,
    competentSince:
      status === "competent" && newestPass ? latestDate(new Date(newestPass), observed?.lastMet?.recordedAt) : null,
  };
}

function firstFinishedAt(attempts: AttemptRecord[], scenarioId: string, nowIso: string): string | null {
  const times = attempts
    .filter((a) => a.scenarioId === scenarioId && a.status === "finished" && a.finishedAt && a.finishedAt <= nowIso)
    .map((a) => a.finishedAt!)
    .sort();
  return times[0] ?? null;
}

export interface ProgrammeProgress {
  modules: ModuleProgress[];
  /** every module Completed or better */
  completed: boolean;
  /** every module Competent */
  competent: boolean;
  refresherDue: boolean;
}

export function programmeProgress(
  modules: ModuleRules[],
  attempts: AttemptRecord[],
  now: Date,
  observations: ObservationRecord[] = [],
): ProgrammeProgress {
  const progress = modules.map((m) =>
    moduleProgress(
      m,
      attempts.filter((a) => m.scenarioIds.includes(a.scenarioId)),
      now,
      observations,
    ),
  );
  return {
    modules: progress,
    completed:
      progress.length > 0 &&
      progress.every((p) => p.status === "completed" || p.status === "competent" || p.status === "refresher_due"),
    competent: progress.length > 0 && progress.every((p) => p.status === "competent"),
    refresherDue: progress.some((p) => p.status === "refresher_due"),
  };
}

/** A coach's recorded observation of the officer on the wing, as the rules read it. */
export interface ObservationRecord {
  recordedAt: string;
  indicators: Indicators;
  /** (Cultivating Change Talk + Softening Sustain Talk) / 2 */
  technical: number;
  /** (Partnership + Empathy) / 2 */
  relational: number;
}

/**
 * An observation meets a module's thresholds when its observed counts do (R:Q, %CR, MI-non-adherent,
 * as an assessment must) and both global ratings are at least at the MITI 4.2.1 fair level
 * (technical 3.0, relational 3.5): simulated practice cannot show those, a real conversation can.
 */
export function meetsObservation(o: ObservationRecord, t: Thresholds): boolean {
  return (
    meetsThresholds(o.indicators, t) &&
    o.technical >= MITI_LEVELS.technicalGlobal.fair &&
    o.relational >= MITI_LEVELS.relationalGlobal.fair
  );
}

export interface ObservationStanding {
  /** the newest observation up to now that meets the thresholds */
  lastMet: ObservationRecord | null;
  /** when it stops counting, like a pass: the refresher interval after it */
  lapsesAt: Date | null;
  current: boolean;
}

export function observationStanding(
  rules: ModuleRules,
  observations: ObservationRecord[],
  now: Date,
): ObservationStanding {
  const nowIso = now.toISOString();
  const lastMet = observations
    .filter((o) => o.recordedAt <= nowIso && meetsObservation(o, rules.thresholds))
    .reduce<ObservationRecord | null>((best, o) => (!best || o.recordedAt > best.recordedAt ? o : best), null);
  const lapsesAt = lastMet ? addMonths(lastMet.recordedAt, rules.refresherMonths) : null;
  return { lastMet, lapsesAt, current: lapsesAt !== null && lapsesAt > now };
}

/**
 * A module that requires observation is Competent only with a current observation that meets its
 * thresholds as well as its passes. Passed but never observed meeting them: Completed. Observed
 * only longer ago than the refresher interval: Refresher due.
 */
export function withObservation(status: Status, observed: ObservationStanding): Status {
  if (status !== "competent" && status !== "refresher_due") return status;
  if (!observed.lastMet) return "completed";
  return observed.current ? status : "refresher_due";
}

const earliest = (d: Date, other: Date | null | undefined) => (other && other < d ? other : d);
const latestDate = (d: Date, otherIso: string | undefined) =>
  otherIso && new Date(otherIso) > d ? new Date(otherIso) : d;
