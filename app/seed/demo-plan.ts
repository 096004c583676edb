/**
 * The demo prison as a plan, before any of it is stored: its wings, its staff, and about seven
 * months of training, worked out from a fixed seed and the moment the demo is made. Officers
 * join at different times, learn at different speeds and stop for a while; each attempt is
 * played through a real scenario version (demo-play.ts) and judged by the competency rules, so
 * who is Competent, who is stuck and whose refresher is due follows from what they did.
 *
 * The same seed and the same `now` give the same plan.
 */
import type { Role, UnitKind } from "~db/schema";
import { passesAssessment, type ModuleRules } from "~/domain/competency";
import type { BehaviourCounts } from "~/domain/indicators";
import type { Outcome } from "~/domain/mi-codes";
import { addMonths, dayOf, endOfDay, lastMonths, monthOf, nextMonth, startOfDay } from "~/domain/dates.server";
import { persistConversation, type Scenario, type ScenarioMachine } from "~/domain/scenario";
import { mulberry32, swap } from "~/domain/shuffle";
import { FIRST_NAMES, SURNAMES } from "./demo-names";
import { playScenario, type PlayedStep } from "./demo-play";

export const DEMO_SEED = 20261130;

export interface DemoModule {
  id: string;
  rules: ModuleRules;
  scenarios: { id: string; versionId: number; version: { scenario: Scenario; machine: ScenarioMachine } }[];
}

export interface DemoPerson {
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
  active: boolean;
  createdAt: string;
  /** an officer an administrator has marked as an MI coach */
  miCoach?: boolean;
}

export interface DemoAttempt {
  officer: string; // username
  scenarioId: string;
  moduleId: string;
  versionId: number;
  mode: "practice" | "assessment";
  status: "in_progress" | "finished" | "abandoned";
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  endingNode: string | null;
  outcome: Outcome | null;
  counts: BehaviourCounts;
  snapshot: string;
  shuffleSeed: number;
  steps: (PlayedStep & { at: string })[];
}

export interface DemoReview {
  attempt: number; // index in attempts
  seq: number;
  rating: number;
  comment: string | null;
  at: string;
}

export interface DemoPlan {
  prison: { code: string; name: string };
  units: { name: string; kind: UnitKind }[];
  people: DemoPerson[];
  attempts: DemoAttempt[];
  reviews: DemoReview[];
  figures: { month: string; eligible: number; notEngaging: number; recordedAt: string }[];
  target: { percent: number; date: string; setAt: string };
}

export const DEMO_PRISON = { code: "HBK", name: "HMP Hollowbrook (demo)" };

/** The published sign-ins: the same people, usernames and wings as ever. */
export const DEMO_SIGN_INS: {
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
  miCoach?: boolean;
}[] = [
  { username: "officer", displayName: "Sam Okafor", role: "officer", unit: "A wing" },
  { username: "officer2", displayName: "Priya Lindqvist", role: "officer", unit: "A wing" },
  { username: "officer3", displayName: "Tom Haverly", role: "officer", unit: "B wing" },
  { username: "officer4", displayName: "Jo Marchetti", role: "officer", unit: "B wing" },
  { username: "officer5", displayName: "Kieran Ashdown", role: "officer", unit: "C wing" },
  { username: "officer6", displayName: "Dana Whitfield", role: "officer", unit: "C wing", miCoach: true },
  { username: "trainer", displayName: "Morgan Ellery", role: "trainer", unit: null },
  { username: "manager", displayName: "Chris Pemberton", role: "manager", unit: null },
  { username: "admin", displayName: "Alex Rowan", role: "admin", unit: null },
];

const WINGS = ["A wing", "B wing", "C wing"];
// A small team shows the small-number rule at work: its figures are hidden, the wings' are not.
const SMALL_TEAM = { name: "Reception team", size: 3 };

const DAY = 86_400_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;

function shuffled<T extends NonNullable<unknown>>(list: readonly T[], rand: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) swap(out, i, Math.floor(rand() * (i + 1)));
  return out;
}

/** How an officer takes to the training: when they start, how often they practise, how they learn. */
interface Profile {
  kind: "pilot" | "keen" | "steady" | "struggling" | "recent" | "none";
  startDaysAgo: number;
  skill: number;
  ceiling: number;
  /** days between training sessions */
  pace: number;
  /** chance of stopping for now after each module */
  pause: number;
  /** takes refreshers when they fall due */
  keepsUp: boolean;
}

const PROFILE_SHARES: [Profile["kind"], number][] = [
  ["pilot", 0.14],
  ["keen", 0.2],
  ["steady", 0.24],
  ["struggling", 0.1],
  ["recent", 0.16],
  ["none", 0.16],
];

function profileOf(kind: Profile["kind"], rand: () => number): Profile {
  const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
  switch (kind) {
    case "pilot": // trained in the pilot, seven months ago: their passes are now lapsing or due
      return {
        kind,
        startDaysAgo: between(205, 225),
        skill: between(0.6, 0.8),
        ceiling: 0.95,
        pace: between(1.5, 3),
        pause: 0,
        keepsUp: rand() < 0.4,
      };
    case "keen":
      return {
        kind,
        startDaysAgo: between(120, 185),
        skill: between(0.5, 0.75),
        ceiling: 0.95,
        pace: between(2, 5),
        pause: 0.05,
        keepsUp: true,
      };
    case "steady":
      return {
        kind,
        startDaysAgo: between(60, 170),
        skill: between(0.4, 0.65),
        ceiling: 0.85,
        pace: between(5, 11),
        pause: 0.2,
        keepsUp: true,
      };
    case "struggling":
      return {
        kind,
        startDaysAgo: between(40, 150),
        skill: between(0.15, 0.3),
        ceiling: 0.45,
        pace: between(5, 12),
        pause: 0.3,
        keepsUp: false,
      };
    case "recent": // new starters and late joiners: this week's activity
      return {
        kind,
        startDaysAgo: between(1, 20),
        skill: between(0.35, 0.6),
        ceiling: 0.85,
        pace: between(1, 3),
        pause: 0,
        keepsUp: true,
      };
    case "none":
      return { kind, startDaysAgo: 0, skill: 0, ceiling: 0, pace: 0, pause: 1, keepsUp: false };
  }
}

/** The whole demo prison, worked out in memory. */
export function planDemo(modules: DemoModule[], now: Date, seed = DEMO_SEED): DemoPlan {
  const rand = mulberry32(seed);
  const nowMs = now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const longAgo = iso(nowMs - 240 * DAY);

  const people: DemoPerson[] = DEMO_SIGN_INS.map((p) => ({
    ...p,
    active: true,
    createdAt: longAgo,
  }));
  // Each first name and surname once (in a seeded order) before any comes round again.
  const firsts = shuffled(FIRST_NAMES, rand).filter((f) => !people.some((p) => p.displayName.startsWith(`${f} `)));
  const lasts = shuffled(SURNAMES, rand);
  let invented = 0;
  const inventName = () => {
    const n = invented++;
    return `${firsts[n % firsts.length]} ${lasts[(n + Math.floor(n / lasts.length)) % lasts.length]}`;
  };
  const usernameOf = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, ".");

  // Each wing holds 12 to 20 officers, two of them the published sign-ins.
  const generated: { username: string; unit: string; profile: Profile; active: boolean }[] = [];
  const units = [...WINGS.map((name) => ({ name, size: 12 + Math.floor(rand() * 9) })), SMALL_TEAM];
  for (const unit of units) {
    const signIns = people.filter((p) => p.unit === unit.name).length;
    for (let i = signIns; i < unit.size; i++) {
      const displayName = inventName();
      let r = rand();
      const kind = PROFILE_SHARES.find(([, share]) => (r -= share) < 0)?.[0] ?? "steady";
      const profile = profileOf(kind, rand);
      const username = usernameOf(displayName);
      const joined = nowMs - Math.max(profile.startDaysAgo + 20, 30) * DAY;
      people.push({
        username,
        displayName,
        role: "officer",
        unit: unit.name,
        active: true,
        createdAt: iso(joined),
      });
      generated.push({ username, unit: unit.name, profile, active: true });
    }
  }
  // Someone who has left: deactivated, their training kept but no longer counted.
  const leaver = inventName();
  people.push({
    username: usernameOf(leaver),
    displayName: leaver,
    role: "officer",
    unit: "B wing",
    active: false,
    createdAt: longAgo,
  });
  generated.push({ username: usernameOf(leaver), unit: "B wing", profile: profileOf("steady", rand), active: false });

  const attempts: DemoAttempt[] = [];
  for (const officer of generated)
    attempts.push(...officerHistory(officer.username, officer.profile, modules, nowMs, rand));
  attempts.sort((a, b) => a.startedAt.localeCompare(b.startedAt));

  return {
    prison: DEMO_PRISON,
    units: [...WINGS.map((name) => ({ name, kind: "wing" as const })), { name: SMALL_TEAM.name, kind: "team" }],
    people,
    attempts,
    reviews: trainerReviews(attempts, nowMs, rand),
    ...engagementAndTarget(now, rand),
  };
}

/** One officer's training: modules in order, practice then assessment, retrying what they fail. */
function officerHistory(
  officer: string,
  profile: Profile,
  modules: DemoModule[],
  nowMs: number,
  rand: () => number,
): DemoAttempt[] {
  if (profile.kind === "none") return [];
  const out: DemoAttempt[] = [];
  const end = nowMs - 2 * 3600_000;
  let t = workingTime(nowMs - profile.startDaysAgo * DAY, rand);
  let skill = profile.skill;
  let inSession = 0;

  // Moves time on: a few minutes within a session, days between sessions; false when past today.
  const next = (minutes: number) => {
    inSession++;
    if (inSession < 2 + Math.floor(rand() * 2)) t += (minutes + 5 + rand() * 20) * MINUTE;
    else {
      inSession = 0;
      t = workingTime(t + profile.pace * (0.5 + rand()) * DAY, rand);
    }
    return t < end;
  };

  const attempt = (module: DemoModule, s: DemoModule["scenarios"][number], mode: DemoAttempt["mode"]) => {
    const walkedAway = rand() < 0.03;
    const played = playScenario(s.version, skill, rand, walkedAway ? 1 + Math.floor(rand() * 3) : Infinity);
    const startedAt = t;
    let at = startedAt;
    const steps = played.steps.map((step) => ({
      ...step,
      at: new Date((at += (25 + rand() * 70) * 1000)).toISOString(),
    }));
    const finished = played.ending !== null;
    const a: DemoAttempt = {
      officer,
      scenarioId: s.id,
      moduleId: module.id,
      versionId: s.versionId,
      mode,
      status: finished ? "finished" : "abandoned",
      startedAt: new Date(startedAt).toISOString(),
      updatedAt: new Date(at).toISOString(),
      finishedAt: finished ? new Date(at).toISOString() : null,
      endingNode: played.ending?.nodeId ?? null,
      outcome: played.ending?.outcome ?? null,
      counts: played.counts,
      snapshot: JSON.stringify(persistConversation(played.snapshot)),
      shuffleSeed: Math.floor(rand() * 2 ** 31),
      steps,
    };
    out.push(a);
    // Feedback in practice is where the learning happens.
    if (mode === "practice" && finished) skill = Math.min(profile.ceiling, skill + 0.02 + rand() * 0.03);
    return { a, passed: passesAssessment(record(a), module.rules.thresholds), minutes: (at - startedAt) / MINUTE };
  };

  // Leaves the officer's last conversation unfinished, as at the end of a shift.
  const leaveOpen = (module: DemoModule, s: DemoModule["scenarios"][number]) => {
    const played = playScenario(s.version, skill, rand, 2 + Math.floor(rand() * 3));
    if (played.ending) return;
    t = Math.min(t, end - 3600_000);
    let at = t;
    out.push({
      officer,
      scenarioId: s.id,
      moduleId: module.id,
      versionId: s.versionId,
      mode: rand() < 0.7 ? "practice" : "assessment",
      status: "in_progress",
      startedAt: new Date(t).toISOString(),
      updatedAt: "",
      finishedAt: null,
      endingNode: null,
      outcome: null,
      counts: played.counts,
      snapshot: JSON.stringify(persistConversation(played.snapshot)),
      shuffleSeed: Math.floor(rand() * 2 ** 31),
      steps: played.steps.map((step) => ({ ...step, at: new Date((at += 40_000)).toISOString() })),
    });
    out.at(-1)!.updatedAt = new Date(at).toISOString();
  };

  const passedAt = new Map<string, number>();
  modules: for (const module of modules) {
    for (const s of module.scenarios) {
      let practices = skill > 0.6 ? (rand() < 0.5 ? 1 : 0) : 1 + (rand() < 0.2 ? 1 : 0);
      for (let tries = 0; tries < 3; tries++) {
        for (let p = 0; p < practices; p++) {
          let done;
          do done = attempt(module, s, "practice");
          while (done.a.status === "abandoned" && next(2));
          if (!next(done.minutes)) break modules;
        }
        if (t >= end) break modules;
        const result = attempt(module, s, "assessment");
        const more = next(result.minutes);
        if (result.passed) {
          passedAt.set(s.id, Date.parse(result.a.finishedAt!));
          if (!more) break modules;
          break;
        }
        if (!more) break modules;
        practices = rand() < 0.6 ? 1 : 0;
      }
    }
    if (rand() < profile.pause) break;
  }
  if (t >= end && profile.kind !== "struggling" && rand() < 0.35) {
    const unfinished = modules.flatMap((m) =>
      m.scenarios.filter((s) => !passedAt.has(s.id)).map((s) => [m, s] as const),
    );
    const [first] = unfinished;
    if (first) leaveOpen(...first);
  }

  // Refreshers: those who keep up re-take a module's assessments when its first pass falls due.
  if (profile.keepsUp)
    for (const module of modules) {
      const passes = module.scenarios.map((s) => passedAt.get(s.id));
      if (passes.some((p) => p === undefined)) continue;
      const due = addMonths(Math.min(...(passes as number[])), module.rules.refresherMonths).getTime();
      if (due - 10 * DAY > end) continue;
      t = workingTime(due - (3 + rand() * 10) * DAY, rand);
      for (const s of module.scenarios) {
        for (let tries = 0; tries < 2 && t < end; tries++) {
          const result = attempt(module, s, "assessment");
          t += (result.minutes + 10) * MINUTE;
          if (result.passed) break;
        }
      }
    }
  return out.filter((a) => Date.parse(a.updatedAt) < nowMs);
}

const record = (a: DemoAttempt) => ({
  scenarioId: a.scenarioId,
  mode: a.mode,
  status: a.status,
  startedAt: a.startedAt,
  finishedAt: a.finishedAt,
  outcome: a.outcome,
  counts: a.counts,
});

/** The next weekday working time (08:00 to 16:00 UK time) at or after `ms`. */
function workingTime(ms: number, rand: () => number): number {
  // The clocks change on Sundays, so on a weekday the London day's start plus 8 hours is 08:00.
  const opens = (day: string) => startOfDay(day).getTime() + 8 * HOUR;
  const weekend = (day: string) => [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
  const after = (day: string) => dayOf(endOfDay(day));
  let day = dayOf(ms);
  let at = ms;
  if (ms < opens(day) || ms >= opens(day) + 8 * HOUR) {
    if (ms >= opens(day)) day = after(day);
    at = opens(day) + Math.floor(rand() * 240) * MINUTE;
  }
  while (weekend(day)) {
    at += endOfDay(day).getTime() - startOfDay(day).getTime();
    day = after(day);
  }
  return at;
}

const WAITING_REPLIES = 5;
const COMMENTS: Record<number, string[]> = {
  1: [
    "This tells him what to do. Try saying back what matters to him first, and leave the advice until he asks.",
    "He'll hear this as an argument. What was he feeling when he said it? Start there.",
  ],
  2: ["Close, but the second half pulls it back to what you want. Stop after the reflection."],
  3: ["A fair reflection. Next time try adding what it means to him, not just what he said."],
  4: ["Good: you added the meaning he hadn't said, without pushing."],
  5: ["Very good: you named the feeling underneath. That's the reply that keeps him talking."],
};

/** The trainer keeps up: replies are rated within a few days, and only the newest few wait in the queue. */
function trainerReviews(attempts: DemoAttempt[], nowMs: number, rand: () => number): DemoReview[] {
  const written = attempts
    .flatMap((a, i) => a.steps.map((step, k) => ({ a, i, seq: k + 1, step })))
    .filter((w) => w.a.status !== "in_progress" && w.step.fairRating !== null)
    .sort((x, y) => x.step.at.localeCompare(y.step.at));
  return written.slice(0, -WAITING_REPLIES).map(({ i, seq, step }) => {
    const at = Math.min(Date.parse(step.at) + (0.5 + rand() * 3) * DAY, nowMs - 3600_000);
    const comments = COMMENTS[step.fairRating!] ?? [];
    const comment = rand() < 0.6 ? (comments[Math.floor(rand() * comments.length)] ?? null) : null;
    return { attempt: i, seq, rating: step.fairRating!, comment, at: new Date(at).toISOString() };
  });
}

/**
 * A year of monthly programme engagement figures (men refusing or not engaging, out of those
 * eligible), recorded in the first days of the next month, easing from about 46% to 38%; and a
 * target the manager set when the training began.
 */
function engagementAndTarget(now: Date, rand: () => number) {
  const months = lastMonths(now, 13).slice(0, 12);
  const figures = months.map((month, i) => {
    const eligible = 560 + Math.floor(rand() * 30);
    const rate = 0.46 - (0.08 * i) / 11 + (rand() - 0.5) * 0.02;
    return {
      month,
      eligible,
      notEngaging: Math.round(eligible * rate),
      recordedAt: new Date(startOfDay(`${nextMonth(month)}-03`).getTime() + 10 * HOUR).toISOString(),
    };
  });
  // The last day of the month a year on.
  const due = dayOf(startOfDay(`${nextMonth(monthOf(now), 13)}-01`).getTime() - 1);
  return {
    figures,
    target: {
      percent: 60,
      date: due,
      setAt: new Date(now.getTime() - 200 * DAY).toISOString(),
    },
  };
}
