import { describe, expect, it } from "vitest";
import { countBehaviours } from "~/domain/indicators";
import type { MiCode } from "~/domain/mi-codes";
import {
  DEFAULT_THRESHOLDS,
  meetsObservation,
  moduleProgress,
  passesAssessment,
  programmeProgress,
  type AttemptRecord,
  type ModuleRules,
  type ObservationRecord,
} from "~/domain/competency";
import { NO_COUNTS, observedIndicators } from "~/domain/observation/behaviours";
import { relationalGlobal, technicalGlobal, type GlobalRatings } from "~/domain/observation/globals";

const rules: ModuleRules = { id: "m1", scenarioIds: ["a", "b"], thresholds: DEFAULT_THRESHOLDS, refresherMonths: 6 };
const GOOD: MiCode[] = ["open_question", "simple_reflection", "complex_reflection", "affirm"]; // R:Q 2, %CR 50%
const WEAK: MiCode[] = ["closed_question", "closed_question", "simple_reflection"]; // R:Q 0.5

function attempt(
  scenarioId: string,
  mode: AttemptRecord["mode"],
  finishedAt: string | null,
  codes: MiCode[] = GOOD,
  outcome: AttemptRecord["outcome"] = "engaged",
): AttemptRecord {
  return {
    scenarioId,
    mode,
    status: finishedAt ? "finished" : "in_progress",
    startedAt: finishedAt
      ? new Date(new Date(finishedAt).getTime() - 600_000).toISOString()
      : "2026-01-01T00:00:00.000Z",
    finishedAt,
    outcome: finishedAt ? outcome : null,
    counts: countBehaviours(codes),
  };
}

const now = new Date("2026-11-26T12:00:00Z");

describe("assessment pass", () => {
  it("passes at the MITI fair levels with no MI-non-adherent choices and an ending that is not disengaged", () => {
    expect(passesAssessment(attempt("a", "assessment", "2026-11-01T00:00:00Z"), DEFAULT_THRESHOLDS)).toBe(true);
    // exactly fair: R:Q 1 (1 reflection : 1 question) but %CR must reach 40%: one complex of one = 100%
    expect(
      passesAssessment(
        attempt("a", "assessment", "2026-11-01T00:00:00Z", ["open_question", "complex_reflection"]),
        DEFAULT_THRESHOLDS,
      ),
    ).toBe(true);
  });
  it("fails below R:Q 1, below 40% complex, with a confront, or with a disengaged ending; practice never counts", () => {
    expect(passesAssessment(attempt("a", "assessment", "2026-11-01T00:00:00Z", WEAK), DEFAULT_THRESHOLDS)).toBe(false);
    expect(
      passesAssessment(
        attempt("a", "assessment", "2026-11-01T00:00:00Z", ["open_question", "simple_reflection", "simple_reflection"]),
        DEFAULT_THRESHOLDS,
      ),
    ).toBe(false);
    expect(
      passesAssessment(attempt("a", "assessment", "2026-11-01T00:00:00Z", [...GOOD, "confront"]), DEFAULT_THRESHOLDS),
    ).toBe(false);
    expect(
      passesAssessment(attempt("a", "assessment", "2026-11-01T00:00:00Z", GOOD, "disengaged"), DEFAULT_THRESHOLDS),
    ).toBe(false);
    expect(passesAssessment(attempt("a", "practice", "2026-11-01T00:00:00Z"), DEFAULT_THRESHOLDS)).toBe(false);
  });
});

describe("module status, worked examples", () => {
  it("no attempts: Not yet started", () => {
    expect(moduleProgress(rules, [], now).status).toBe("not_started");
  });
  it("one scenario under way: In progress", () => {
    const p = moduleProgress(rules, [attempt("a", "practice", null)], now);
    expect(p.status).toBe("in_progress");
    expect(p.scenarios.map((s) => s.status)).toEqual(["in_progress", "not_started"]);
  });
  it("an abandoned attempt alone leaves the scenario Not yet started", () => {
    const abandoned: AttemptRecord = { ...attempt("a", "practice", null), status: "abandoned" };
    expect(moduleProgress(rules, [abandoned], now).status).toBe("not_started");
  });
  it("both scenarios finished in practice: Completed", () => {
    const p = moduleProgress(
      rules,
      [attempt("a", "practice", "2026-11-01T00:00:00Z"), attempt("b", "practice", "2026-11-02T00:00:00Z")],
      now,
    );
    expect(p.status).toBe("completed");
    expect(p.completedAt?.toISOString()).toBe("2026-11-02T00:00:00.000Z");
  });
  it("one passing assessment and one weak one: Completed, not Competent", () => {
    const p = moduleProgress(
      rules,
      [attempt("a", "assessment", "2026-11-01T00:00:00Z"), attempt("b", "assessment", "2026-11-02T00:00:00Z", WEAK)],
      now,
    );
    expect(p.status).toBe("completed");
    expect(p.scenarios.map((s) => s.status)).toEqual(["competent", "completed"]);
  });
  it("passing assessments in both: Competent, with the refresher due 6 months after the older pass", () => {
    const p = moduleProgress(
      rules,
      [attempt("a", "assessment", "2026-09-15T00:00:00Z"), attempt("b", "assessment", "2026-10-01T00:00:00Z")],
      now,
    );
    expect(p.status).toBe("competent");
    expect(p.refresherDueAt?.toISOString()).toBe("2027-03-15T00:00:00.000Z");
  });
  it("a pass older than 6 months: Refresher due; a new pass makes the module Competent again", () => {
    const old = [
      attempt("a", "assessment", "2026-04-01T00:00:00Z"),
      attempt("b", "assessment", "2026-10-01T00:00:00Z"),
    ];
    expect(moduleProgress(rules, old, now).status).toBe("refresher_due");
    expect(moduleProgress(rules, [...old, attempt("a", "assessment", "2026-11-20T00:00:00Z")], now).status).toBe(
      "competent",
    );
  });
  it("looks at the past as it was: attempts after `now` are ignored", () => {
    const attempts = [
      attempt("a", "assessment", "2026-09-15T00:00:00Z"),
      attempt("b", "assessment", "2026-10-01T00:00:00Z"),
    ];
    expect(moduleProgress(rules, attempts, new Date("2026-09-20T00:00:00Z")).status).toBe("in_progress");
    expect(moduleProgress(rules, attempts, new Date("2026-08-01T00:00:00Z")).status).toBe("not_started");
  });
  it("thresholds come from the module", () => {
    const strict: ModuleRules = {
      ...rules,
      thresholds: { minReflectionToQuestion: 3, minPercentComplexReflections: 40, maxMiNonAdherent: 0 },
    };
    const attempts = [
      attempt("a", "assessment", "2026-11-01T00:00:00Z"),
      attempt("b", "assessment", "2026-11-02T00:00:00Z"),
    ];
    expect(moduleProgress(strict, attempts, now).status).toBe("completed");
  });
});

describe("programme", () => {
  it("is competent only when every module is", () => {
    const m2: ModuleRules = { ...rules, id: "m2", scenarioIds: ["c"] };
    const attempts = [
      attempt("a", "assessment", "2026-11-01T00:00:00Z"),
      attempt("b", "assessment", "2026-11-01T00:00:00Z"),
    ];
    expect(programmeProgress([rules, m2], attempts, now)).toMatchObject({ competent: false, completed: false });
    const all = [...attempts, attempt("c", "assessment", "2026-11-03T00:00:00Z")];
    expect(programmeProgress([rules, m2], all, now)).toMatchObject({ competent: true, completed: true });
  });
});

describe("modules with requires_observation: competency also needs an observation on the wing", () => {
  const observing: ModuleRules = { ...rules, requiresObservation: true };
  const passes = [
    attempt("a", "assessment", "2026-09-15T00:00:00Z"),
    attempt("b", "assessment", "2026-10-01T00:00:00Z"),
  ];
  // R:Q 12/8 = 1.5, %CR 50%, no persuading or confronting: meets the module's thresholds.
  const fairCounts = observedIndicators({
    ...NO_COUNTS,
    questions: 8,
    simpleReflections: 6,
    complexReflections: 6,
    affirms: 2,
  });
  const observation = (
    recordedAt: string,
    ratings: GlobalRatings = { cultivatingChangeTalk: 3, softeningSustainTalk: 3, partnership: 4, empathy: 3 },
    indicators = fairCounts,
  ): ObservationRecord => ({
    recordedAt,
    indicators,
    technical: technicalGlobal(ratings),
    relational: relationalGlobal(ratings),
  });

  it("an observation meets the thresholds when its counts do and both globals are at least fair", () => {
    // technical (3 + 3) / 2 = 3.0 (fair), relational (4 + 3) / 2 = 3.5 (fair)
    expect(meetsObservation(observation("2026-11-01T00:00:00Z"), DEFAULT_THRESHOLDS)).toBe(true);
    // relational (3 + 3) / 2 = 3.0: below the fair 3.5
    const cold = observation("2026-11-01T00:00:00Z", {
      cultivatingChangeTalk: 4,
      softeningSustainTalk: 4,
      partnership: 3,
      empathy: 3,
    });
    expect(meetsObservation(cold, DEFAULT_THRESHOLDS)).toBe(false);
    // technical (3 + 2) / 2 = 2.5: below the fair 3.0
    const technical = observation("2026-11-01T00:00:00Z", {
      cultivatingChangeTalk: 3,
      softeningSustainTalk: 2,
      partnership: 5,
      empathy: 5,
    });
    expect(meetsObservation(technical, DEFAULT_THRESHOLDS)).toBe(false);
    // one confront: more MI-non-adherent than the module allows
    const confronting = observation("2026-11-01T00:00:00Z", undefined, { ...fairCounts, miNonAdherent: 1 });
    expect(meetsObservation(confronting, DEFAULT_THRESHOLDS)).toBe(false);
    // R:Q 4/8 = 0.5: below the module's 1
    const questioning = observation(
      "2026-11-01T00:00:00Z",
      undefined,
      observedIndicators({ ...NO_COUNTS, questions: 8, complexReflections: 4 }),
    );
    expect(meetsObservation(questioning, DEFAULT_THRESHOLDS)).toBe(false);
  });

  it("every assessment passed but no observation: Completed, not Competent", () => {
    expect(moduleProgress(rules, passes, now).status).toBe("competent");
    const p = moduleProgress(observing, passes, now);
    expect(p.status).toBe("completed");
    expect(p.refresherDueAt).toBeNull();
    // An observation below the thresholds does not count either.
    const cold = observation("2026-11-01T00:00:00Z", {
      cultivatingChangeTalk: 3,
      softeningSustainTalk: 3,
      partnership: 2,
      empathy: 3,
    });
    expect(moduleProgress(observing, passes, now, [cold]).status).toBe("completed");
  });

  it("with a current observation that meets them: Competent, lapsing with the older of passes and observation", () => {
    const p = moduleProgress(observing, passes, now, [observation("2026-08-20T00:00:00Z")]);
    expect(p.status).toBe("competent");
    // Passes lapse 2027-03-15; the observation of 20 August lapses first, on 20 February 2027.
    expect(p.refresherDueAt?.toISOString()).toBe("2027-02-20T00:00:00.000Z");
    expect(p.competentSince?.toISOString()).toBe("2026-10-01T00:00:00.000Z");
    // Observed after the last pass: competent from the observation.
    const later = moduleProgress(observing, passes, now, [observation("2026-11-10T00:00:00Z")]);
    expect(later.competentSince?.toISOString()).toBe("2026-11-10T00:00:00.000Z");
    expect(later.refresherDueAt?.toISOString()).toBe("2027-03-15T00:00:00.000Z");
  });

  it("an observation older than the refresher interval: Refresher due; a newer one makes it Competent again", () => {
    const old = observation("2026-04-01T00:00:00Z");
    expect(moduleProgress(observing, passes, now, [old]).status).toBe("refresher_due");
    expect(moduleProgress(observing, passes, now, [old, observation("2026-11-20T00:00:00Z")]).status).toBe("competent");
  });

  it("an observation alone makes nothing Competent, and observations after `now` are ignored", () => {
    expect(moduleProgress(observing, [], now, [observation("2026-11-01T00:00:00Z")]).status).toBe("not_started");
    expect(moduleProgress(observing, passes, now, [observation("2026-12-01T00:00:00Z")]).status).toBe("completed");
  });

  it("only modules that require it look at observations", () => {
    const m2: ModuleRules = { ...rules, id: "m2", scenarioIds: ["c"] };
    const all = [...passes, attempt("c", "assessment", "2026-11-03T00:00:00Z")];
    const without = programmeProgress([observing, m2], all, now);
    expect(without.modules.map((m) => m.status)).toEqual(["completed", "competent"]);
    expect(without.competent).toBe(false);
    const withIt = programmeProgress([observing, m2], all, now, [observation("2026-11-05T00:00:00Z")]);
    expect(withIt.competent).toBe(true);
  });
});
