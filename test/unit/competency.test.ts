import { describe, expect, it } from "vitest";
import { countBehaviours } from "~/domain/indicators";
import type { MiCode } from "~/domain/mi-codes";
import {
  DEFAULT_THRESHOLDS,
  moduleProgress,
  passesAssessment,
  programmeProgress,
  type AttemptRecord,
  type ModuleRules,
} from "~/domain/competency";

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
