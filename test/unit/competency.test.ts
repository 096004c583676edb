import { describe, expect, it } from "vitest";
import { countBehaviours, indicatorsOf } from "~/domain/indicators";
import type { MiCode } from "~/domain/mi-codes";
import {
  attemptMarks,
  belowMitiFair,
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
  it("both scenarios finished in practice: Practised – assessment next", () => {
    const p = moduleProgress(
      rules,
      [attempt("a", "practice", "2026-11-01T00:00:00Z"), attempt("b", "practice", "2026-11-02T00:00:00Z")],
      now,
    );
    expect(p.status).toBe("practised");
    expect(p.completedAt?.toISOString()).toBe("2026-11-02T00:00:00.000Z");
  });
  it("one passing assessment and one weak one: Assessed – not yet passed, not Competent", () => {
    const p = moduleProgress(
      rules,
      [attempt("a", "assessment", "2026-11-01T00:00:00Z"), attempt("b", "assessment", "2026-11-02T00:00:00Z", WEAK)],
      now,
    );
    expect(p.status).toBe("assessed");
    expect(p.scenarios.map((s) => s.status)).toEqual(["competent", "assessed"]);
  });
  it("passing assessments in both: Competent, with the refresher due 6 months after the older pass", () => {
    const p = moduleProgress(
      rules,
      [attempt("a", "assessment", "2026-09-15T00:00:00Z"), attempt("b", "assessment", "2026-10-01T00:00:00Z")],
      now,
    );
    expect(p.status).toBe("competent");
    // 6 calendar months on the London calendar: 1am BST on 15 September is 1am GMT on 15 March.
    expect(p.refresherDueAt?.toISOString()).toBe("2027-03-15T01:00:00.000Z");
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
    expect(moduleProgress(strict, attempts, now).status).toBe("assessed");
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

describe("when a module's scenarios change: the policy in competency.ts, worked examples", () => {
  // Module m1 had scenarios a and b from the start; a trainer published c into it on 1 November.
  const withC: ModuleRules = {
    ...rules,
    scenarioIds: ["a", "b", "c"],
    membership: [
      { scenarioId: "a", addedAt: null, removedAt: null },
      { scenarioId: "b", addedAt: null, removedAt: null },
      { scenarioId: "c", addedAt: "2026-11-01T09:00:00.000Z", removedAt: null },
    ],
  };
  const competentBefore = [
    attempt("a", "assessment", "2026-09-15T00:00:00Z"),
    attempt("b", "assessment", "2026-10-01T00:00:00Z"),
  ];

  it("a scenario added while an officer is Competent waits for their refresher: they stay Competent", () => {
    const p = moduleProgress(withC, competentBefore, now);
    expect(p.status).toBe("competent");
    const c = p.scenarios.find((s) => s.scenarioId === "c")!;
    expect(c.status).toBe("not_started");
    // Required from the refresher date they had when c was added, which is still the module's refresher date.
    expect(c.requiredFrom?.toISOString()).toBe("2027-03-15T01:00:00.000Z");
    expect(p.refresherDueAt?.toISOString()).toBe("2027-03-15T01:00:00.000Z");
  });

  it("renewing the older scenarios does not put the new one off: it is due at that refresher", () => {
    const renewed = [
      ...competentBefore,
      attempt("a", "assessment", "2027-02-01T00:00:00Z"),
      attempt("b", "assessment", "2027-02-02T00:00:00Z"),
    ];
    expect(moduleProgress(withC, renewed, new Date("2027-03-01T00:00:00Z")).refresherDueAt?.toISOString()).toBe(
      "2027-03-15T01:00:00.000Z",
    );
    // After that date, without c, the refresher is due (not "in progress": they were Competent).
    expect(moduleProgress(withC, renewed, new Date("2027-03-20T00:00:00Z")).status).toBe("refresher_due");
    // Passing c makes them Competent on the whole module, with the refresher from the oldest pass.
    const all = [...renewed, attempt("c", "assessment", "2027-03-18T00:00:00Z")];
    const p = moduleProgress(withC, all, new Date("2027-03-20T00:00:00Z"));
    expect(p.status).toBe("competent");
    expect(p.refresherDueAt?.toISOString()).toBe("2027-07-31T23:00:00.000Z"); // midnight on 1 August in London
  });

  it("an officer who was not Competent when it was added needs it like any other scenario", () => {
    const practisedOnly = [
      attempt("a", "practice", "2026-09-15T00:00:00Z"),
      attempt("b", "practice", "2026-10-01T00:00:00Z"),
    ];
    expect(moduleProgress(rules, practisedOnly, now).status).toBe("practised");
    expect(moduleProgress(withC, practisedOnly, now).status).toBe("in_progress");
    // Passing a and b after c was added is not enough: c is part of the module they are judged on.
    const late = [
      attempt("a", "assessment", "2026-11-10T00:00:00Z"),
      attempt("b", "assessment", "2026-11-11T00:00:00Z"),
    ];
    const p = moduleProgress(withC, late, now);
    expect(p.status).toBe("in_progress");
    expect(p.scenarios.map((s) => s.requiredFrom)).toEqual([null, null, null]);
  });

  it("the past is judged against the module as it stood: before 1 November, c was not in it", () => {
    expect(moduleProgress(withC, competentBefore, new Date("2026-10-20T00:00:00Z")).scenarios).toHaveLength(2);
    expect(moduleProgress(withC, [], new Date("2026-10-20T00:00:00Z")).scenarios.map((s) => s.scenarioId)).toEqual([
      "a",
      "b",
    ]);
  });

  it("a retired scenario is no longer required: retiring never takes Competent away, and can complete a set", () => {
    // Module a, b, c from the start; c retired on 1 November.
    const retiredC: ModuleRules = {
      ...withC,
      membership: [
        { scenarioId: "a", addedAt: null, removedAt: null },
        { scenarioId: "b", addedAt: null, removedAt: null },
        { scenarioId: "c", addedAt: null, removedAt: "2026-11-01T09:00:00.000Z" },
      ],
      scenarioIds: ["a", "b"],
    };
    const failedC = [...competentBefore, attempt("c", "assessment", "2026-10-10T00:00:00Z", WEAK)];
    // Before the retirement c's weak assessment kept the module at Assessed; after it, a and b are the module.
    expect(moduleProgress(retiredC, failedC, new Date("2026-10-20T00:00:00Z")).status).toBe("assessed");
    const p = moduleProgress(retiredC, failedC, now);
    expect(p.status).toBe("competent");
    expect(p.scenarios.map((s) => s.scenarioId)).toEqual(["a", "b"]);
    // Someone Competent on all three stays Competent.
    const allThree = [...competentBefore, attempt("c", "assessment", "2026-10-10T00:00:00Z")];
    expect(moduleProgress(retiredC, allThree, now).status).toBe("competent");
  });

  it("a rollback changes nobody's status; one that takes a scenario back to its old module is a move", () => {
    // A pass counts whatever version it was made on, so a rollback within the module changes nothing:
    // the rules never see versions. Here version 2 of b moved it to another module on 1 October, and
    // the rollback to version 1 on 1 November brought it back.
    const m1: ModuleRules = {
      ...rules,
      membership: [
        { scenarioId: "a", addedAt: null, removedAt: null },
        { scenarioId: "b", addedAt: null, removedAt: "2026-10-01T00:00:00.000Z" },
        { scenarioId: "b", addedAt: "2026-11-01T00:00:00.000Z", removedAt: null },
      ],
    };
    // Competent on a alone while b was away (passed a on 15 October): b waits for the refresher.
    const aOnly = [attempt("a", "assessment", "2026-10-15T00:00:00Z")];
    expect(moduleProgress(m1, aOnly, new Date("2026-10-20T00:00:00Z")).status).toBe("competent");
    const p = moduleProgress(m1, aOnly, now);
    expect(p.status).toBe("competent");
    expect(p.scenarios[1].requiredFrom?.toISOString()).toBe("2027-04-15T00:00:00.000Z");
    // Competent on both before the move: still Competent after it and after the rollback.
    expect(moduleProgress(m1, competentBefore, now).status).toBe("competent");
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

  it("every assessment passed but no observation: Passed – observation on the wing next, not Competent", () => {
    expect(moduleProgress(rules, passes, now).status).toBe("competent");
    const p = moduleProgress(observing, passes, now);
    expect(p.status).toBe("observation_next");
    expect(p.observationDue).toBe(true);
    expect(p.refresherDueAt).toBeNull();
    // The scenarios themselves are passed: nothing is left to do in the simulator.
    expect(p.scenarios.map((s) => s.status)).toEqual(["competent", "competent"]);
    // An observation below the thresholds does not count either.
    const cold = observation("2026-11-01T00:00:00Z", {
      cultivatingChangeTalk: 3,
      softeningSustainTalk: 3,
      partnership: 2,
      empathy: 3,
    });
    expect(moduleProgress(observing, passes, now, [cold]).status).toBe("observation_next");
    // It counts as having finished every scenario (the managers' "practised or better").
    expect(programmeProgress([observing], passes, now).completed).toBe(true);
  });

  it("with a current observation that meets them: Competent, lapsing with the older of passes and observation", () => {
    const p = moduleProgress(observing, passes, now, [observation("2026-08-20T00:00:00Z")]);
    expect(p.status).toBe("competent");
    expect(p.observationDue).toBe(false);
    // Passes lapse on 15 March 2027; the observation of 20 August (01:00 in London) lapses first,
    // at 01:00 on 20 February 2027 in London (GMT).
    expect(p.refresherDueAt?.toISOString()).toBe("2027-02-20T01:00:00.000Z");
    // Observed after the passes: the oldest pass (15 September, 01:00 BST) lapses first.
    const later = moduleProgress(observing, passes, now, [observation("2026-11-10T00:00:00Z")]);
    expect(later.refresherDueAt?.toISOString()).toBe("2027-03-15T01:00:00.000Z");
  });

  it("an observation older than the refresher interval: Refresher due; a newer one makes it Competent again", () => {
    const old = observation("2026-04-01T00:00:00Z");
    const lapsed = moduleProgress(observing, passes, now, [old]);
    expect(lapsed.status).toBe("refresher_due");
    expect(lapsed.observationDue).toBe(true);
    expect(moduleProgress(observing, passes, now, [old, observation("2026-11-20T00:00:00Z")]).status).toBe("competent");
  });

  it("passes out of date and never observed: Refresher due, the assessment first, then the observation", () => {
    const stale = [
      attempt("a", "assessment", "2026-01-15T00:00:00Z"),
      attempt("b", "assessment", "2026-02-01T00:00:00Z"),
    ];
    expect(moduleProgress(observing, stale, now).status).toBe("refresher_due");
    // Renewed: the observation is what is left.
    const renewed = [...stale, attempt("a", "assessment", "2026-11-01T00:00:00Z")];
    expect(
      moduleProgress(observing, [...renewed, attempt("b", "assessment", "2026-11-02T00:00:00Z")], now).status,
    ).toBe("observation_next");
  });

  it("not every assessment passed: the usual status, whatever the observations", () => {
    const half = [
      attempt("a", "assessment", "2026-09-15T00:00:00Z"),
      attempt("b", "assessment", "2026-10-01T00:00:00Z", WEAK),
    ];
    expect(moduleProgress(observing, half, now, [observation("2026-11-01T00:00:00Z")]).status).toBe("assessed");
    expect(moduleProgress(observing, [], now, [observation("2026-11-01T00:00:00Z")]).status).toBe("not_started");
  });

  it("observations after `now` are ignored", () => {
    expect(moduleProgress(observing, passes, now, [observation("2026-12-01T00:00:00Z")]).status).toBe(
      "observation_next",
    );
  });

  it("a scenario added while Competent with an observation waits for the refresher, which the observation can bring forward", () => {
    // c was published into the module on 1 November; the officer was Competent then (passes and an
    // observation of 20 August, which lapses first, on 20 February 2027).
    const withC: ModuleRules = {
      ...observing,
      scenarioIds: ["a", "b", "c"],
      membership: [
        { scenarioId: "a", addedAt: null, removedAt: null },
        { scenarioId: "b", addedAt: null, removedAt: null },
        { scenarioId: "c", addedAt: "2026-11-01T09:00:00.000Z", removedAt: null },
      ],
    };
    const seen = [observation("2026-08-20T00:00:00Z")];
    const p = moduleProgress(withC, passes, now, seen);
    expect(p.status).toBe("competent");
    expect(p.scenarios.find((s) => s.scenarioId === "c")!.requiredFrom?.toISOString()).toBe("2027-02-20T01:00:00.000Z");
    // Never observed when c joined: not Competent then, so c is needed now like the others.
    const unseen = moduleProgress(withC, passes, now);
    expect(unseen.scenarios.find((s) => s.scenarioId === "c")!.requiredFrom).toBeNull();
    expect(unseen.status).toBe("in_progress");
  });

  it("only modules that require it look at observations", () => {
    const m2: ModuleRules = { ...rules, id: "m2", scenarioIds: ["c"] };
    const all = [...passes, attempt("c", "assessment", "2026-11-03T00:00:00Z")];
    const without = programmeProgress([observing, m2], all, now);
    expect(without.modules.map((m) => m.status)).toEqual(["observation_next", "competent"]);
    expect(without.modules[1].observationDue).toBe(false);
    expect(without.competent).toBe(false);
    const withIt = programmeProgress([observing, m2], all, now, [observation("2026-11-05T00:00:00Z")]);
    expect(withIt.competent).toBe(true);
  });
});

describe("pass marks below MITI's fair level", () => {
  it("names each pass mark that asks less than MITI 4.2.1's fair level, and none at or above it", () => {
    expect(belowMitiFair(DEFAULT_THRESHOLDS)).toEqual([]);
    expect(
      belowMitiFair({ ...DEFAULT_THRESHOLDS, minReflectionToQuestion: 2, minPercentComplexReflections: 50 }),
    ).toEqual([]);
    expect(
      belowMitiFair({ minReflectionToQuestion: 0, minPercentComplexReflections: 39, maxMiNonAdherent: 3 }),
    ).toEqual([
      "0 reflections for each question (MITI's fair level is 1)",
      "39% complex reflections (MITI's fair level is 40%)",
    ]);
  });
});

describe("when a module's pass marks change (policy 5): the marks then or the marks now", () => {
  const STRICT = { minReflectionToQuestion: 2, minPercentComplexReflections: 50, maxMiNonAdherent: 0 };
  const FAIR_ONLY: MiCode[] = ["open_question", "complex_reflection"]; // R:Q 1: meets the defaults, not STRICT
  const changedAt = "2026-10-01T00:00:00.000Z";
  const raised: ModuleRules = {
    ...rules,
    thresholds: STRICT,
    marksHistory: [
      { from: null, thresholds: DEFAULT_THRESHOLDS },
      { from: changedAt, thresholds: STRICT },
    ],
  };
  const passedBefore = [
    attempt("a", "assessment", "2026-08-01T00:00:00Z", FAIR_ONLY),
    attempt("b", "assessment", "2026-08-02T00:00:00Z", FAIR_ONLY),
  ];

  it("raising them takes no pass away: Competent until the refresher, then the new marks are needed", () => {
    const p = moduleProgress(raised, passedBefore, now);
    expect(p.status).toBe("competent");
    expect(p.refresherDueAt?.toISOString()).toBe("2027-02-01T01:00:00.000Z"); // 6 months after the older pass, in London
    expect(attemptMarks(raised, passedBefore[0])).toEqual(DEFAULT_THRESHOLDS);

    const atRefresher = new Date("2027-02-20T00:00:00Z");
    expect(moduleProgress(raised, passedBefore, atRefresher).status).toBe("refresher_due");
    const retakenAsBefore = [
      ...passedBefore,
      attempt("a", "assessment", "2027-02-10T00:00:00Z", FAIR_ONLY),
      attempt("b", "assessment", "2027-02-10T01:00:00Z", FAIR_ONLY),
    ];
    expect(moduleProgress(raised, retakenAsBefore, atRefresher).status).toBe("refresher_due");
    expect(attemptMarks(raised, retakenAsBefore[2])).toEqual(STRICT);
    const retakenToNewMarks = [
      ...passedBefore,
      attempt("a", "assessment", "2027-02-10T00:00:00Z", GOOD),
      attempt("b", "assessment", "2027-02-10T01:00:00Z", GOOD),
    ];
    expect(moduleProgress(raised, retakenToNewMarks, atRefresher).status).toBe("competent");
  });

  it("an assessment finished after the marks were raised needs the new marks", () => {
    const after = [passedBefore[0], attempt("b", "assessment", "2026-10-02T00:00:00Z", FAIR_ONLY)];
    expect(moduleProgress(raised, after, now).status).toBe("assessed");
  });

  it("lowering them helps at once: an assessment that missed the old marks passes on the new", () => {
    const lowered: ModuleRules = {
      ...rules,
      marksHistory: [
        { from: null, thresholds: STRICT },
        { from: changedAt, thresholds: DEFAULT_THRESHOLDS },
      ],
    };
    expect(moduleProgress({ ...lowered, thresholds: STRICT, marksHistory: undefined }, passedBefore, now).status).toBe(
      "assessed",
    );
    expect(moduleProgress(lowered, passedBefore, now).status).toBe("competent");
  });

  it("with no history recorded, only the marks now apply, as before", () => {
    expect(moduleProgress({ ...rules, thresholds: STRICT }, passedBefore, now).status).toBe("assessed");
    expect(moduleProgress({ ...rules, thresholds: STRICT, marksHistory: [] }, passedBefore, now).status).toBe(
      "assessed",
    );
  });

  it("an observation on the wing is judged by the marks when it was recorded, or now", () => {
    const observing: ModuleRules = { ...raised, requiresObservation: true };
    const passedToNew = [
      attempt("a", "assessment", "2026-10-05T00:00:00Z", GOOD),
      attempt("b", "assessment", "2026-10-05T01:00:00Z", GOOD),
    ];
    const observed: ObservationRecord = {
      recordedAt: "2026-09-01T00:00:00.000Z",
      indicators: indicatorsOf(countBehaviours(FAIR_ONLY)),
      technical: 3,
      relational: 3.5,
    };
    expect(moduleProgress(observing, passedToNew, now, [observed]).status).toBe("competent");
    const observedAfter = { ...observed, recordedAt: "2026-10-10T00:00:00.000Z" };
    expect(moduleProgress(observing, passedToNew, now, [observedAfter]).status).toBe("observation_next");
  });
});
