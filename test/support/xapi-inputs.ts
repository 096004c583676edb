// Statement inputs for the xAPI golden test: the awkward cases by hand, then many made from a fixed
// seed, so the statements written for them can be compared byte for byte with a recorded file.
import type { AttemptRecord, Thresholds } from "~/domain/competency";
import type { StatementInput } from "~/domain/reporting/xapi";
import { mulberry32 } from "~/domain/shuffle";

const counts = (o: number, c: number, s: number, x: number, a: number, n: number): AttemptRecord["counts"] => ({
  openQuestions: o,
  closedQuestions: c,
  simpleReflections: s,
  complexReflections: x,
  miAdherent: a,
  miNonAdherent: n,
});

const STRICT: Thresholds = { minReflectionToQuestion: 2, minPercentComplexReflections: 50, maxMiNonAdherent: 1 };
const DEFAULTS: Thresholds = { minReflectionToQuestion: 1, minPercentComplexReflections: 40, maxMiNonAdherent: 0 };

function input(over: Partial<StatementInput> = {}, record: Partial<AttemptRecord> = {}): StatementInput {
  return {
    attemptId: "0f8fad5b-d9cb-469f-a165-70867728950e",
    actorName: "c2a4bd47-3c07-5a55-9d0c-2a8e3f2c1b6d",
    scenarioTitle: "Wing safety",
    moduleId: "listening-on-the-landing",
    moduleTitle: "Listening on the landing",
    thresholds: DEFAULTS,
    ...over,
    record: {
      scenarioId: "wing-safety",
      mode: "assessment",
      status: "finished",
      startedAt: "2026-03-01T10:00:00.000Z",
      finishedAt: "2026-03-01T10:12:34.560Z",
      outcome: "engaged",
      counts: counts(2, 0, 1, 2, 1, 0),
      ...record,
    },
  };
}

/** The cases most likely to be written differently by a faster writer. */
export function awkwardInputs(): StatementInput[] {
  return [
    input(),
    input({}, { mode: "practice" }),
    input({}, { counts: counts(2, 0, 1, 2, 1, 1) }),
    input({}, { outcome: "disengaged" }),
    input({}, { outcome: "undecided" }),
    input({}, { outcome: null }),
    input({}, { mode: "practice", outcome: null }),
    input({}, { counts: counts(0, 0, 0, 0, 0, 0) }),
    input({}, { counts: counts(0, 0, 3, 0, 0, 0) }),
    input({}, { counts: counts(3, 0, 0, 0, 0, 0) }),
    input({}, { counts: counts(1, 2, 1, 1, 0, 0) }),
    input({}, { counts: counts(0, 7, 2, 5, 3, 0) }),
    input({ thresholds: STRICT }, { counts: counts(1, 2, 3, 3, 0, 1) }),
    input({ attemptId: "attempt-id-that-is-not-a-uuid" }),
    input({ attemptId: "0F8FAD5B-D9CB-469F-A165-70867728950E" }),
    input({ attemptId: "Ünïcode attempt ✓" }),
    input({}, { finishedAt: "2026-03-01T13:00:00.000Z" }),
    input({}, { finishedAt: "2026-03-01T11:01:01.010Z" }),
    input({}, { finishedAt: "2026-03-01T10:00:00.000Z" }),
    input({}, { finishedAt: "2026-03-01T09:00:00.000Z" }),
    input({}, { finishedAt: "2026-03-02T10:00:00.005Z" }),
    // Times as another engine or an older row might hold them: the statement still says them in UTC to the ms.
    input({}, { startedAt: "2026-03-01T10:00:00Z", finishedAt: "2026-03-01T10:12:34Z" }),
    input({}, { finishedAt: "2026-03-01T11:12:34.5+01:00" }),
    input({}, { finishedAt: "2026-03-01T10:12:34.123456Z" }),
    input({}, { scenarioId: "a scenario/with ?odd& #characters" }),
    input({ scenarioTitle: 'Quotes " and \\ backslashes, <script>&amp;</script>' }, { scenarioId: "quotes" }),
    input({ scenarioTitle: "Line\nbreak\ttab \u2028 separator, emoji 🙂, Welsh ŵ ŷ" }, { scenarioId: "unicode" }),
    input({ moduleId: "module with spaces", moduleTitle: 'Module "quoted"' }),
    input({ moduleId: "other-module", moduleTitle: "Other module" }, { mode: "practice" }),
    input({ actorName: "5f1c7a8e-0000-5000-8000-000000000001" }),
  ];
}

const SCENARIOS = [
  ["wing-safety", "Wing safety"],
  ["appeal-denial", "Appeal denied"],
  ["cell-search", "A cell search, after a visit"],
  ["first-night", "First night in custody"],
] as const;
const MODULES = [
  ["listening-on-the-landing", "Listening on the landing", DEFAULTS],
  ["difficult-news", "Difficult news", STRICT],
] as const;
const OUTCOME_CHOICES = ["engaged", "undecided", "disengaged", null] as const;

/** `n` inputs from a fixed seed: what a prison's year looks like, in every combination the rules allow. */
export function seededInputs(n: number, seed = 20261130): StatementInput[] {
  const rand = mulberry32(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const hex = (len: number) => Array.from({ length: len }, () => "0123456789abcdef"[int(15)]).join("");
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const officers = Array.from({ length: 40 }, () => uuid());
  const out: StatementInput[] = [];
  const yearStart = Date.parse("2025-12-01T00:00:00.000Z");
  for (let k = 0; k < n; k++) {
    const [scenarioId, scenarioTitle] = pick(SCENARIOS);
    const [moduleId, moduleTitle, thresholds] = pick(MODULES);
    const started = yearStart + Math.floor(rand() * 365 * 86_400_000);
    const finished = started + (rand() < 0.05 ? int(3) * 3_600_000 : 0) + int(1_800_000);
    out.push({
      attemptId: rand() < 0.02 ? `legacy-${k}` : uuid(),
      actorName: pick(officers),
      scenarioTitle,
      moduleId,
      moduleTitle,
      thresholds,
      record: {
        scenarioId,
        mode: rand() < 0.4 ? "practice" : "assessment",
        status: "finished",
        startedAt: new Date(started).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        outcome: pick(OUTCOME_CHOICES),
        counts: counts(int(6), int(6), int(5), int(5), int(4), rand() < 0.7 ? 0 : int(3)),
      },
    });
  }
  return out;
}
