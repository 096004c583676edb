/**
 * Competency rules: the one place that decides a module's and a scenario's status for an officer.
 * Every page, report and export uses these functions, never its own version of the rules. The
 * words and colours for each status are in vocabulary.ts.
 *
 * Statuses, for one scenario and for a module as a whole (abandoned attempts never count: the
 * officer chose to start again):
 * - Not yet started: no attempt.
 * - In progress: an attempt, but not every scenario has been finished once.
 * - Practised – assessment next: every scenario finished, but not every one assessed.
 * - Assessed – not yet passed: every scenario has a finished assessment, not every one a pass.
 * - Passed – observation on the wing next (only in modules with `requires_observation`): every
 *   required scenario has a current pass, but no coach has yet observed the officer on the wing
 *   meeting the module's thresholds (see withObservation).
 * - Competent: every scenario required of the officer has a passing assessment within the
 *   refresher interval (and, where the module requires it, an observation on the wing that meets
 *   its thresholds within the interval). An assessment passes when its ending is not "disengaged"
 *   and its indicators meet the module's thresholds, those in force when it was finished or now
 *   (policy 5). By default the MITI 4.2.1 fair levels R:Q >= 1 and %CR >= 40%, and Engage's own
 *   rule of no MI-non-adherent responses: MITI sets no level for them.
 * - Refresher due: the officer was Competent (every scenario once passed), but a pass is now older
 *   than the refresher interval (default 6 months: skills fade without feedback), or the
 *   observation on the wing a module requires is.
 *
 * When a module's scenarios change (the policy a training manager signs up to):
 * 1. Engage keeps when each scenario joined and left each module (Membership). Scenarios that
 *    were in the curriculum from the start have always been members.
 * 2. Adding a scenario never takes Competent away. An officer who is Competent in the module when
 *    a scenario joins it keeps Competent; the new scenario is required at their next refresher,
 *    the refresher date they had when it was added (it cannot be put off by renewing the older
 *    scenarios). Until then it shows as new on their task list with that date. Officers who were
 *    not Competent when it joined need it like any other scenario of the module.
 * 3. Retiring a scenario takes it out of the module from that moment, for everyone: it is no
 *    longer required, so retiring never takes Competent away (it can complete someone's set).
 *    Attempts at it stay in officers' records, and unfinished ones can still be finished.
 * 4. A pass on any version of a scenario counts. Publishing a new version, or rolling back to an
 *    earlier one, changes nobody's status. Moving a scenario to another module is a retirement
 *    from the first and an addition to the second.
 * 5. Raising a module's pass marks (its thresholds) never takes Competent away. An assessment
 *    passes when it meets the marks in force when it was finished, or the marks in force now: so
 *    lowering them helps at once, and a pass kept under the old marks lapses at the officer's next
 *    refresher like any pass, after which the new marks are needed. An observation on the wing is
 *    judged the same way, by the marks in force when it was recorded or now. Engage keeps each
 *    module's marks with when they came into force (MarksSpell); attempts from before the first
 *    change it recorded are judged by the marks in force just before that change, or now.
 *    The refresher interval is applied as it is now.
 * 6. A module's `requires_observation` applies as it is now, to every officer: observations are
 *    of the officer, not of a scenario, so changing the module's scenarios does not change them.
 */
import { addMonths } from "./dates.server";
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

export const sameThresholds = (a: Thresholds, b: Thresholds) =>
  a.minReflectionToQuestion === b.minReflectionToQuestion &&
  a.minPercentComplexReflections === b.minPercentComplexReflections &&
  a.maxMiNonAdherent === b.maxMiNonAdherent;

/**
 * The pass marks that ask less than MITI 4.2.1's "fair" level: a module may set them (a first
 * module can be gentler), but the trainer setting them is told what MITI counts as fair.
 */
export function belowMitiFair(t: Thresholds): string[] {
  const rq = MITI_LEVELS.reflectionToQuestion.fair;
  const cr = MITI_LEVELS.percentComplexReflections.fair;
  return [
    ...(t.minReflectionToQuestion < rq
      ? [`${t.minReflectionToQuestion} reflections for each question (MITI's fair level is ${rq})`]
      : []),
    ...(t.minPercentComplexReflections < cr
      ? [`${t.minPercentComplexReflections}% complex reflections (MITI's fair level is ${cr}%)`]
      : []),
  ];
}

/** One spell of a scenario in a module: from addedAt (null: from the start) until removedAt (null: still in it). */
export interface Membership {
  scenarioId: string;
  addedAt: string | null;
  removedAt: string | null;
}

/** A module's pass marks from when they came into force (null: before the first change recorded). */
export interface MarksSpell {
  from: string | null;
  thresholds: Thresholds;
}

/** What a module asks for competency: set in scenarios/modules.yaml, changeable by trainers in Engage. */
export type ModuleSettings = Required<Pick<ModuleRules, "thresholds" | "refresherMonths" | "requiresObservation">>;

export interface ModuleRules {
  id: string;
  /** The module's scenarios now, in the order officers take them. */
  scenarioIds: string[];
  /** Every spell of every scenario in the module; without it, scenarioIds have always been the module. */
  membership?: Membership[];
  /** the pass marks now */
  thresholds: Thresholds;
  /** Every change of the pass marks, oldest first; without it, only the marks now have ever applied. */
  marksHistory?: MarksSpell[];
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

export type Status =
  "not_started" | "in_progress" | "practised" | "assessed" | "observation_next" | "competent" | "refresher_due";

export type Shortfall = "disengaged" | "reflectionToQuestion" | "percentComplexReflections" | "miNonAdherent";

/**
 * Why a finished assessment did not pass, in a fixed order (empty when it passed). Practice
 * attempts and unfinished attempts are not judged, and give null.
 */
export function assessmentShortfalls(
  a: AttemptRecord,
  t: Thresholds,
  indicators: Indicators = indicatorsOf(a.counts),
): Shortfall[] | null {
  if (a.mode !== "assessment" || a.status !== "finished" || !a.outcome) return null;
  const missed = indicatorShortfalls(indicators, t);
  return a.outcome === "disengaged" ? ["disengaged", ...missed] : missed;
}

/** Which of a module's three competency checks a set of indicators misses, from any attempt or an observation. */
export function indicatorShortfalls(i: Indicators, t: Thresholds): Shortfall[] {
  const missed: Shortfall[] = [];
  if (!meetsReflectionToQuestion(i, t.minReflectionToQuestion)) missed.push("reflectionToQuestion");
  if (!meetsPercentComplex(i, t.minPercentComplexReflections)) missed.push("percentComplexReflections");
  if (i.miNonAdherent > t.maxMiNonAdherent) missed.push("miNonAdherent");
  return missed;
}

/** `indicators` may be given when the caller has them already (exports judge every attempt of a year). */
export function passesAssessment(a: AttemptRecord, t: Thresholds, indicators?: Indicators): boolean {
  return assessmentShortfalls(a, t, indicators)?.length === 0;
}

/** The marks in force at an instant; null when before every recorded change (or none recorded). */
function marksAt(rules: ModuleRules, at: string): Thresholds | null {
  let found: Thresholds | null = null;
  for (const m of rules.marksHistory ?? []) if (m.from === null || m.from <= at) found = m.thresholds;
  return found;
}

/**
 * The marks a finished attempt (or an observation, at the instant it was recorded) is judged by:
 * the marks in force then when it meets them, else the marks now (policy 5).
 */
function marksFor(rules: ModuleRules, at: string | null, indicators: Indicators): Thresholds {
  const then = at === null ? null : marksAt(rules, at);
  return then && indicatorShortfalls(indicators, then).length === 0 ? then : rules.thresholds;
}

/**
 * The marks an attempt is judged by in its module (the defaults for a module no longer in the
 * curriculum). Pages, reports and exports that say whether an attempt passed use it, so they agree
 * with the statuses.
 */
export function attemptMarks(
  rules: ModuleRules | undefined,
  a: AttemptRecord,
  indicators = indicatorsOf(a.counts),
): Thresholds {
  return rules ? marksFor(rules, a.finishedAt, indicators) : DEFAULT_THRESHOLDS;
}

/** Whether a finished assessment passes in this module (policy 5: by the marks then or now). */
function passesInModule(a: AttemptRecord, rules: ModuleRules): boolean {
  const indicators = indicatorsOf(a.counts);
  return passesAssessment(a, marksFor(rules, a.finishedAt, indicators), indicators);
}

interface Member {
  scenarioId: string;
  addedAt: string | null;
}

// A report asks the same module's members for every officer at the same instant: the answers are
// remembered for each module's rules (never changed once made) and instant. Callers only read them.
const membersOf = new WeakMap<ModuleRules, { ever: Set<string>; at: Map<number, Member[]> }>();
const INSTANTS_REMEMBERED = 64;

function remembered(rules: ModuleRules) {
  let found = membersOf.get(rules);
  if (!found) {
    const ever = new Set([...rules.scenarioIds, ...(rules.membership ?? []).map((m) => m.scenarioId)]);
    membersOf.set(rules, (found = { ever, at: new Map() }));
  }
  return found;
}

/** The scenarios in a module at an instant, current ones in their order first. */
function membersAt(rules: ModuleRules, at: Date): readonly Member[] {
  const byInstant = remembered(rules).at;
  let members = byInstant.get(at.getTime());
  if (!members) {
    if (byInstant.size >= INSTANTS_REMEMBERED) byInstant.clear();
    byInstant.set(at.getTime(), (members = findMembersAt(rules, at)));
  }
  return members;
}

function findMembersAt(rules: ModuleRules, at: Date): Member[] {
  if (!rules.membership) return rules.scenarioIds.map((scenarioId) => ({ scenarioId, addedAt: null }));
  const iso = at.toISOString();
  const found = new Map<string, string | null>();
  for (const m of rules.membership)
    if ((m.addedAt === null || m.addedAt <= iso) && (m.removedAt === null || m.removedAt > iso))
      found.set(m.scenarioId, m.addedAt);
  const order = [...rules.scenarioIds, ...rules.membership.map((m) => m.scenarioId)];
  return [...new Set(order)].filter((id) => found.has(id)).map((id) => ({ scenarioId: id, addedAt: found.get(id)! }));
}

/** Every scenario that has ever been in the module. */
export function everMembers(rules: ModuleRules): ReadonlySet<string> {
  return remembered(rules).ever;
}

export interface ScenarioProgress {
  scenarioId: string;
  status: Status;
  lastFinished: AttemptRecord | null;
  /** the most recent finished assessment, passed or not */
  lastAssessment: AttemptRecord | null;
  /** the most recent passing assessment, if any */
  lastPass: AttemptRecord | null;
  /** when that pass lapses and a refresher is due; set when there is a pass */
  passLapsesAt: Date | null;
  /** when the officer first finished the scenario, in either mode */
  firstFinishedAt: string | null;
  /**
   * Set when the scenario joined the module while the officer was Competent in it: it is required
   * from this date (their refresher date at the time), and not before.
   */
  requiredFrom: Date | null;
}

export interface ModuleProgress {
  moduleId: string;
  status: Status;
  scenarios: ScenarioProgress[];
  /** when competence (or the last refresh) lapses; set when Competent */
  refresherDueAt: Date | null;
  /** when every scenario had been finished; set when Practised or better */
  completedAt: Date | null;
  /** the module requires an observation on the wing and none meeting its thresholds is current */
  observationDue: boolean;
}

const later = (best: AttemptRecord | null, a: AttemptRecord) => (!best || a.finishedAt! > best.finishedAt! ? a : best);

function scenarioProgress(
  scenarioId: string,
  attempts: AttemptRecord[],
  rules: ModuleRules,
  now: Date,
): ScenarioProgress {
  // One pass over the officer's attempts (reports ask this for every officer, module and scenario).
  let started = false;
  let lastFinished: AttemptRecord | null = null;
  let lastAssessment: AttemptRecord | null = null;
  let lastPass: AttemptRecord | null = null;
  let firstFinishedAt: string | null = null;
  for (const a of attempts) {
    if (a.scenarioId !== scenarioId || a.status === "abandoned") continue;
    started = true;
    if (a.status !== "finished" || a.finishedAt === null) continue;
    if (firstFinishedAt === null || a.finishedAt < firstFinishedAt) firstFinishedAt = a.finishedAt;
    lastFinished = later(lastFinished, a);
    if (a.mode === "assessment") lastAssessment = later(lastAssessment, a);
    if (a.mode === "assessment" && passesInModule(a, rules)) lastPass = later(lastPass, a);
  }
  let status: Status = started ? "in_progress" : "not_started";
  if (lastFinished) status = "practised";
  if (lastAssessment) status = "assessed";
  const passLapsesAt = lastPass && addMonths(lastPass.finishedAt!, rules.refresherMonths);
  if (passLapsesAt) status = passLapsesAt > now ? "competent" : "refresher_due";
  return {
    scenarioId,
    status,
    lastFinished,
    lastAssessment,
    lastPass,
    passLapsesAt,
    firstFinishedAt,
    requiredFrom: null,
  };
}

/** Progress of one officer in one module at time `now`. Attempts and observations after `now` are ignored. */
export function moduleProgress(
  rules: ModuleRules,
  attempts: AttemptRecord[],
  now: Date,
  observations: ObservationRecord[] = [],
): ModuleProgress {
  const nowIso = now.toISOString();
  // As things stood at `now`: an attempt finished later was still in progress then. (Most reports
  // ask about the present, when every attempt is already in the past.)
  const relevant = attempts.every((a) => a.startedAt <= nowIso && (a.finishedAt === null || a.finishedAt <= nowIso))
    ? attempts
    : attempts
        .filter((a) => a.startedAt <= nowIso)
        .map((a) =>
          a.status === "finished" && a.finishedAt !== null && a.finishedAt > nowIso
            ? { ...a, status: "in_progress" as const, finishedAt: null }
            : a,
        );
  const members = membersAt(rules, now);
  const scenarios = members.map((m) => scenarioProgress(m.scenarioId, relevant, rules, now));
  // Rule 2: a scenario that joined while the officer was Competent waits for their refresher.
  let earlier: Map<string, ModuleProgress> | undefined;
  members.forEach((m, i) => {
    if (m.addedAt === null || scenarios[i]!.status === "competent") return;
    earlier ??= new Map();
    const before =
      earlier.get(m.addedAt) ?? moduleProgress(rules, attempts, new Date(Date.parse(m.addedAt) - 1), observations);
    earlier.set(m.addedAt, before);
    if (before.status === "competent") scenarios[i]!.requiredFrom = before.refresherDueAt;
  });

  const waiting = (p: ScenarioProgress) => p.requiredFrom !== null && p.requiredFrom > now;
  const required = scenarios.filter((p) => !waiting(p));
  const every = (f: (p: ScenarioProgress) => boolean) => scenarios.length > 0 && scenarios.every(f);
  let status: Status;
  if (scenarios.length > 0 && required.every((p) => p.status === "competent")) status = "competent";
  else if (every((p) => p.lastPass !== null || p.requiredFrom !== null)) status = "refresher_due";
  else if (every((p) => p.status === "not_started")) status = "not_started";
  else if (every((p) => p.lastAssessment !== null)) status = "assessed";
  else if (every((p) => p.lastFinished !== null)) status = "practised";
  else status = "in_progress";
  const observed = rules.requiresObservation ? observationStanding(rules, observations, now) : null;
  if (observed) status = withObservation(status, observed);

  const lapses = () => [
    ...required.map((p) => p.passLapsesAt!.getTime()),
    ...scenarios.filter(waiting).map((p) => p.requiredFrom!.getTime()),
    ...(observed?.lapsesAt ? [observed.lapsesAt.getTime()] : []),
  ];
  // Completed when the last of the scenarios was first finished.
  let lastFirstFinish: string | null = null;
  for (const { firstFinishedAt: t } of scenarios)
    if (t !== null && (lastFirstFinish === null || t > lastFirstFinish)) lastFirstFinish = t;
  return {
    moduleId: rules.id,
    status,
    scenarios,
    refresherDueAt: status === "competent" ? new Date(Math.min(...lapses())) : null,
    completedAt:
      status === "not_started" || status === "in_progress" || lastFirstFinish === null
        ? null
        : new Date(lastFirstFinish),
    observationDue: observed !== null && !observed.current,
  };
}

export interface ProgrammeProgress {
  modules: ModuleProgress[];
  /** every module Practised or better */
  completed: boolean;
  /** every module Competent */
  competent: boolean;
  refresherDue: boolean;
}

const PRACTISED_OR_BETTER: Status[] = ["practised", "assessed", "observation_next", "competent", "refresher_due"];

export function programmeProgress(
  modules: ModuleRules[],
  attempts: AttemptRecord[],
  now: Date,
  observations: ObservationRecord[] = [],
): ProgrammeProgress {
  const progress = modules.map((m) => {
    const ids = everMembers(m);
    return moduleProgress(
      m,
      attempts.filter((a) => ids.has(a.scenarioId)),
      now,
      observations,
    );
  });
  return {
    modules: progress,
    completed: progress.length > 0 && progress.every((p) => PRACTISED_OR_BETTER.includes(p.status)),
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
    indicatorShortfalls(o.indicators, t).length === 0 &&
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

function observationStanding(rules: ModuleRules, observations: ObservationRecord[], now: Date): ObservationStanding {
  const nowIso = now.toISOString();
  const lastMet = observations
    .filter((o) => o.recordedAt <= nowIso && meetsObservation(o, marksFor(rules, o.recordedAt, o.indicators)))
    .reduce<ObservationRecord | null>((best, o) => (!best || o.recordedAt > best.recordedAt ? o : best), null);
  const lapsesAt = lastMet ? addMonths(lastMet.recordedAt, rules.refresherMonths) : null;
  return { lastMet, lapsesAt, current: lapsesAt !== null && lapsesAt > now };
}

/**
 * A module that requires observation is Competent only with a current observation that meets its
 * thresholds as well as its passes. Every required pass current but no observation meeting them
 * yet: "Passed – observation on the wing next" (observation_next). Observed, but longer ago than
 * the refresher interval: Refresher due, as for a pass. When a pass is itself out of date the
 * module is Refresher due already: the assessment comes first, then the observation.
 */
function withObservation(status: Status, observed: ObservationStanding): Status {
  if (status !== "competent") return status;
  if (!observed.lastMet) return "observation_next";
  return observed.current ? status : "refresher_due";
}

/** Statuses that count as having finished every scenario of a module. */
export const isPractisedOrBetter = (s: Status) => PRACTISED_OR_BETTER.includes(s);
