/**
 * An officer's progress through the curriculum, for the task list and the scenario pages: each
 * status in the shared words (domain/vocabulary.ts) with what is left to do, and the one next
 * thing to do. The statuses come from domain/competency.ts (the one set of rules); this file
 * gathers rows and puts them into words.
 */
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { assignedToOfficer } from "~/assignments/assignments.server";
import type { CurrentUser } from "~/auth/guard.server";
import { attemptsOfOfficer } from "~db/queries/attempts.server";
import { recordedOfOfficer } from "~db/queries/observations.server";
import { getCurriculum, type CurriculumModule } from "~/curriculum/curriculum.server";
import { assessmentResult } from "~/domain/assessment-result";
import { attemptMarks, programmeProgress, type ModuleProgress, type ScenarioProgress } from "~/domain/competency";
import { formatDate } from "~/domain/dates.server";
import { toAttemptRecord } from "~/domain/reporting/records";
import { observationRecords } from "~/domain/observation/records";
import { MODE, PROGRESS, type AttemptMode } from "~/domain/vocabulary";

export type ActionKind = "continue" | "practise" | "assess" | "retake" | "renew";

/** What to do next about one scenario. */
export interface ScenarioAction {
  kind: ActionKind;
  /** the start of a sentence or a button: "Take the assessment" */
  text: string;
  href: string;
  /** the mode the action starts on the scenario's page (href); null: it continues an attempt */
  starts: AttemptMode | null;
}

/** The next step when a module's assessments are passed and it needs a coach to observe the officer. */
const OBSERVATION_STEP = { text: "Ask a coach to observe you on the wing", href: "/record#observed" };

/** Each action's words, and the mode it starts: the next step's button starts it at once. */
const ACTIONS: Record<Exclude<ActionKind, "continue">, { text: string; starts: AttemptMode }> = {
  practise: { text: "Practise", starts: "practice" },
  assess: { text: "Take the assessment", starts: "assessment" },
  retake: { text: "Try the assessment again", starts: "assessment" },
  renew: { text: "Renew: take the assessment", starts: "assessment" },
};

type Row = Awaited<ReturnType<typeof attemptsOfOfficer>>[number];

function scenarioItem(
  m: CurriculumModule,
  s: CurriculumModule["scenarios"][number],
  sp: ScenarioProgress,
  open: Row | undefined,
  now: Date,
) {
  const waiting = sp.requiredFrom !== null && sp.requiredFrom > now;
  let hint: string | null = null;
  let action: ScenarioAction | null = null;
  const go = (kind: Exclude<ActionKind, "continue">) => ({ kind, ...ACTIONS[kind], href: `/scenarios/${s.id}` });
  if (open) {
    const mode = MODE[open.mode].label.toLowerCase();
    hint = `Your ${mode} is in progress (${open.step_count} response${open.step_count === 1 ? "" : "s"} so far).`;
    action = { kind: "continue", text: `Continue your ${mode}`, href: `/attempts/${open.id}`, starts: null };
  } else if (sp.status === "not_started" || sp.status === "in_progress") {
    action = go("practise");
  } else if (sp.status === "practised") {
    hint = `Practised on ${formatDate(sp.lastFinished!.finishedAt!)}. Next: take the assessment.`;
    action = go("assess");
  } else if (sp.status === "assessed") {
    const result = assessmentResult(sp.lastAssessment!, attemptMarks(m.rules, sp.lastAssessment!));
    const why = result?.missed[0] ? `: ${result.missed[0].short}` : "";
    hint = `Assessment on ${formatDate(sp.lastAssessment!.finishedAt!)} not passed${why}. Try it again.`;
    action = go("retake");
  } else if (sp.status === "competent") {
    hint = `Assessment passed on ${formatDate(sp.lastPass!.finishedAt!)}.`;
  } else {
    hint = `Assessment passed on ${formatDate(sp.lastPass!.finishedAt!)}: take it again to renew.`;
    action = go("renew");
  }
  if (waiting && !open) {
    hint = `New in this module since you became competent: take it by your refresher on ${formatDate(sp.requiredFrom!)}.`;
    if (sp.status !== "not_started" && sp.status !== "in_progress")
      action = go(sp.status === "practised" ? "assess" : "retake");
    else action = go("practise");
  }
  return {
    id: s.id,
    title: s.title,
    statusKey: sp.status,
    status: PROGRESS[sp.status],
    hint,
    action,
    waiting,
    inProgress: open ? { id: open.id, mode: open.mode } : null,
  };
}

/** What is left in a module, in one sentence. */
function whatIsLeft(p: ModuleProgress, items: ReturnType<typeof scenarioItem>[]): string {
  const n = items.length;
  const count = (f: (s: ScenarioProgress) => boolean) => p.scenarios.filter(f).length;
  const of = (k: number) => `${k} of ${n} scenario${n === 1 ? "" : "s"}`;
  switch (p.status) {
    case "not_started":
      return "Start by practising the first scenario: practice gives you feedback after each response.";
    case "in_progress":
      return `${of(count((s) => s.lastFinished !== null))} finished at least once. Practise each one, then take its assessment.`;
    case "practised":
      return `Every scenario finished at least once, in practice or assessment. ${of(count((s) => s.lastAssessment === null))} still to take as an assessment.`;
    case "assessed":
      return `${of(count((s) => s.status === "competent"))} passed in assessment. Try the others again.`;
    case "observation_next":
      return "Every assessment passed. Next: a coach observes one of your real conversations on the wing at the fair levels. Ask a coach or your manager.";
    case "competent": {
      const newOnes = items.filter((s) => s.waiting).map((s) => s.title);
      return `Competent until ${formatDate(p.refresherDueAt!)}.${newOnes.length ? ` Before then, take the new scenario${newOnes.length === 1 ? "" : "s"} ${newOnes.join(", ")}.` : ""}`;
    }
    case "refresher_due": {
      const renew = items.some((s) => s.action !== null);
      if (!p.observationDue)
        return "Your refresher is due: take the assessments marked below again to be competent again.";
      return renew
        ? "Your refresher is due: take the assessments marked below again, and ask a coach to observe you on the wing again."
        : "Your refresher is due: your last observation on the wing is out of date. Ask a coach to observe you again.";
    }
  }
}

export interface NextStep {
  text: string;
  href: string;
  /** the mode the step's button starts at once (a form posted to href, the scenario's page); null: a link to href */
  starts: AttemptMode | null;
  scenarioTitle: string;
  moduleTitle: string;
}

/** assignedTo: the officer as signed in, to read what is assigned to them and take the next step from that first. */
export async function officerProgress(
  db: Kysely<Database>,
  officerId: number,
  { now = new Date(), assignedTo }: { now?: Date; assignedTo?: CurrentUser } = {},
) {
  const [curriculum, rows] = await Promise.all([getCurriculum(db), attemptsOfOfficer(db, officerId)]);
  const observed = curriculum.some((m) => m.rules.requiresObservation)
    ? observationRecords(await recordedOfOfficer(db, officerId))
    : [];
  const progress = programmeProgress(
    curriculum.map((m) => m.rules),
    rows.map(toAttemptRecord),
    now,
    observed,
  );
  const assigned = assignedTo ? await assignedToOfficer(db, assignedTo, progress, curriculum, now) : [];
  const inProgress = rows.filter((r) => r.status === "in_progress");
  const modules = curriculum.map((m, i) => {
    const p = progress.modules[i];
    const scenarios = m.scenarios.map((s) => {
      const sp = p.scenarios.find((x) => x.scenarioId === s.id)!;
      return scenarioItem(
        m,
        s,
        sp,
        inProgress.find((r) => r.scenario_id === s.id),
        now,
      );
    });
    return {
      id: m.id,
      title: m.title,
      summary: m.summary,
      statusKey: p.status,
      status: PROGRESS[p.status],
      refresherDueAt: p.refresherDueAt ? formatDate(p.refresherDueAt) : null,
      left: whatIsLeft(p, scenarios),
      requiresObservation: m.rules.requiresObservation === true,
      observationDue: p.observationDue,
      scenarios,
    };
  });
  return {
    modules,
    next: nextStep(
      inDueOrder(
        modules,
        assigned.map((a) => a.moduleId),
      ),
      inProgress,
    ),
    assigned,
    resume: inProgress.map((r) => ({
      id: r.id,
      title: r.title,
      mode: r.mode,
      startedAt: formatDate(r.started_at),
      steps: r.step_count,
    })),
    competent: progress.competent,
  };
}

/** Modules assigned to the officer first, soonest due first, then the rest in curriculum order. */
function inDueOrder<M extends { id: string }>(modules: M[], assignedFirst: string[]): M[] {
  const rank = (m: M) => {
    const at = assignedFirst.indexOf(m.id);
    return at === -1 ? assignedFirst.length : at;
  };
  return modules
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i)
    .map(({ m }) => m);
}

/**
 * The one next thing to do: carry on an unfinished attempt; else the first scenario, in module
 * order (assigned modules first), that a module still needs, or its observation on the wing once its assessments are done;
 * else a new scenario due at a refresher. Null when nothing is left.
 */
function nextStep(
  modules: {
    title: string;
    statusKey: string;
    observationDue: boolean;
    scenarios: ReturnType<typeof scenarioItem>[];
  }[],
  open: Row[],
): NextStep | null {
  const step = (m: (typeof modules)[number], s: ReturnType<typeof scenarioItem>): NextStep => ({
    text: s.action!.text,
    href: s.action!.href,
    starts: s.action!.starts,
    scenarioTitle: s.title,
    moduleTitle: m.title,
  });
  const latest = [...open].sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1))[0];
  if (latest) {
    for (const m of modules) for (const s of m.scenarios) if (s.inProgress?.id === latest.id) return step(m, s);
    // An attempt at a scenario no longer in a module can still be finished.
    return {
      text: `Continue your ${MODE[latest.mode].label.toLowerCase()}`,
      href: `/attempts/${latest.id}`,
      starts: null,
      scenarioTitle: latest.title,
      moduleTitle: "",
    };
  }
  for (const m of modules) {
    if (m.statusKey === "competent") continue;
    for (const s of m.scenarios) if (s.action && !s.waiting) return step(m, s);
    if (m.observationDue && (m.statusKey === "observation_next" || m.statusKey === "refresher_due"))
      return { ...OBSERVATION_STEP, starts: null, scenarioTitle: m.title, moduleTitle: "" };
  }
  for (const m of modules) for (const s of m.scenarios) if (s.action) return step(m, s);
  return null;
}

export type OfficerProgress = Awaited<ReturnType<typeof officerProgress>>;

/** An officer's progress with what is assigned to them, the next step taken from that first. */
export async function progressAndAssigned(db: Kysely<Database>, user: CurrentUser) {
  const { assigned, ...progress } = await officerProgress(db, user.id, { assignedTo: user });
  return { progress, assigned };
}
