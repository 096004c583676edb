import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, programmeProgress, type AttemptRecord, type ModuleRules } from "~/domain/competency";
import { summarise, summariseByWing, progressRank, type OfficerProgress } from "~/domain/reporting/aggregate";
import { recordsByOfficer, toAttemptRecord, type AttemptRow } from "~/domain/reporting/records";
import fc from "fast-check";
import { besideSmallGroups, describeCount, describeShare, share } from "~/domain/reporting/suppression";
import { distribution, groupSkills, meanRating } from "~/domain/reporting/skills";

const NOW = new Date("2026-06-30T12:00:00.000Z");
const RULES: ModuleRules[] = [
  { id: "m1", scenarioIds: ["s1", "s2"], thresholds: DEFAULT_THRESHOLDS, refresherMonths: 6 },
  { id: "m2", scenarioIds: ["s3"], thresholds: DEFAULT_THRESHOLDS, refresherMonths: 6 },
];
const GOOD = {
  openQuestions: 1,
  closedQuestions: 0,
  simpleReflections: 1,
  complexReflections: 1,
  miAdherent: 0,
  miNonAdherent: 0,
};

const attempt = (
  scenarioId: string,
  mode: "practice" | "assessment",
  finishedAt: string | null,
  counts = GOOD,
): AttemptRecord => ({
  scenarioId,
  mode,
  status: finishedAt ? "finished" : "in_progress",
  startedAt: finishedAt ? new Date(Date.parse(finishedAt) - 600_000).toISOString() : "2026-06-01T00:00:00.000Z",
  finishedAt,
  outcome: finishedAt ? "engaged" : null,
  counts,
});
const passAll = (at: string) => ["s1", "s2", "s3"].map((s) => attempt(s, "assessment", at));

describe("share and suppression", () => {
  it("shows percentages from 5 officers up and 'fewer than 5' below", () => {
    expect(describeShare(share(2, 5))).toBe("40% (2 of 5)");
    expect(describeShare(share(0, 4))).toBe("fewer than 5");
    expect(describeShare(share(0, 0))).toBe("fewer than 5");
    expect(share(3, 4).shown).toBe(false);
    expect(describeCount(3, 4)).toBe("fewer than 5");
    expect(describeCount(3, 12)).toBe("3");
  });
});

describe("summarise", () => {
  it("counts completed, competent and refresher due per module and programme from the competency rules", () => {
    const officers = [
      programmeProgress(RULES, passAll("2026-06-01T00:00:00.000Z"), NOW), // competent everywhere
      programmeProgress(RULES, passAll("2025-10-01T00:00:00.000Z"), NOW), // passes older than 6 months: refresher due
      programmeProgress(
        RULES,
        [attempt("s1", "practice", "2026-05-01T00:00:00.000Z"), attempt("s2", "practice", "2026-05-02T00:00:00.000Z")],
        NOW,
      ), // m1 completed
      programmeProgress(RULES, [attempt("s1", "practice", null)], NOW), // in progress
      programmeProgress(RULES, [], NOW), // not started
    ];
    const s = summarise(["m1", "m2"], officers);
    expect(s.officers).toBe(5);
    expect(s.modules[0]).toMatchObject({
      completed: { shown: true, count: 3 },
      competent: { count: 1 },
      refresherDue: { count: 1 },
    });
    expect(s.modules[1]).toMatchObject({
      completed: { count: 2 },
      competent: { count: 1 },
      refresherDue: { count: 1 },
    });
    expect(s.programme).toMatchObject({
      completed: { count: 2 },
      competent: { count: 1, percent: 20 },
      refresherDue: { count: 1 },
    });
  });

  it("suppresses every share of a group under 5 officers", () => {
    const s = summarise(["m1", "m2"], [programmeProgress(RULES, passAll("2026-06-01T00:00:00.000Z"), NOW)]);
    expect(s.programme.competent).toEqual({ shown: false, total: 1, hidden: "small" });
    expect(s.modules.every((m) => !m.completed.shown && !m.competent.shown)).toBe(true);
  });

  it("summarises by wing, small wings suppressed and officers without a wing last", () => {
    const mk = (
      i: number,
      wingId: number | null,
      wingName: string | null,
      records: AttemptRecord[],
    ): OfficerProgress => ({
      officerId: i,
      name: `Officer ${i}`,
      wingId,
      wingName,
      progress: programmeProgress(RULES, records, NOW),
    });
    const officers = [
      ...Array.from({ length: 5 }, (_, i) => mk(i, 2, "B wing", i < 2 ? passAll("2026-06-01T00:00:00.000Z") : [])),
      ...Array.from({ length: 3 }, (_, i) => mk(10 + i, 1, "A wing", passAll("2026-06-01T00:00:00.000Z"))),
      mk(20, null, null, []),
    ];
    const wings = summariseByWing(["m1", "m2"], officers);
    expect(wings.map((w) => w.wingName)).toEqual(["A wing", "B wing", "No wing"]);
    expect(describeShare(wings[0].programme.competent)).toBe("fewer than 5");
    // A wing (3) and No wing (1) hold 4 between them: B wing is hidden too, else the whole prison's minus B's gives them.
    expect(describeShare(wings[1].programme.competent)).toBe("not shown");
    expect(wings[2].officers).toBe(1);
    const bigger = summariseByWing(["m1", "m2"], [...officers, mk(21, null, null, [])]);
    expect(describeShare(bigger[1].programme.competent)).toBe("40% (2 of 5)");
  });

  it("ranks progress from not started to competent", () => {
    const none = progressRank(programmeProgress(RULES, [], NOW));
    const some = progressRank(programmeProgress(RULES, [attempt("s1", "practice", null)], NOW));
    const all = progressRank(programmeProgress(RULES, passAll("2026-06-01T00:00:00.000Z"), NOW));
    expect(none).toBe(0);
    expect(some).toBeGreaterThan(none);
    expect(all).toBe(10); // 5 for each of the two modules
  });
});

describe("records", () => {
  it("maps attempt rows to the competency rules' records and groups them by officer", () => {
    const row: AttemptRow = {
      officer_id: 7,
      scenario_id: "s1",
      mode: "assessment",
      status: "finished",
      started_at: "2026-06-01T00:00:00.000Z",
      finished_at: "2026-06-01T00:10:00.000Z",
      outcome: "engaged",
      open_questions: 1,
      closed_questions: 2,
      simple_reflections: 3,
      complex_reflections: 4,
      mi_adherent: 5,
      mi_non_adherent: 6,
    };
    expect(toAttemptRecord(row).counts).toEqual({
      openQuestions: 1,
      closedQuestions: 2,
      simpleReflections: 3,
      complexReflections: 4,
      miAdherent: 5,
      miNonAdherent: 6,
    });
    const grouped = recordsByOfficer([row, { ...row, scenario_id: "s2" }, { ...row, officer_id: 8 }]);
    expect(grouped.get(7)).toHaveLength(2);
    expect(grouped.get(8)).toHaveLength(1);
  });
});

describe("skills distribution", () => {
  it("bands R:Q and %CR against the fair and good lines, suppressing small groups", () => {
    const counts = [
      { ...GOOD, openQuestions: 1, simpleReflections: 0, complexReflections: 2 }, // R:Q 2 good, CR 100% good
      { ...GOOD, openQuestions: 2, simpleReflections: 1, complexReflections: 1 }, // R:Q 1 fair, CR 50% good
      { ...GOOD, openQuestions: 4, simpleReflections: 1, complexReflections: 0 }, // R:Q 0.25 below, CR 0% below
      { ...GOOD, openQuestions: 0, closedQuestions: 0, simpleReflections: 0, complexReflections: 0 }, // not applicable
      { ...GOOD, openQuestions: 3, simpleReflections: 3, complexReflections: 2 }, // R:Q 1.67 fair, CR 40% fair
    ];
    const d = distribution(counts);
    expect(d.assessed).toBe(5);
    expect(describeShare(d.rq.good)).toBe("20% (1 of 5)");
    expect(describeShare(d.rq.fair)).toBe("40% (2 of 5)");
    expect(describeShare(d.rq["below fair"])).toBe("20% (1 of 5)");
    expect(describeShare(d.rq["not applicable"])).toBe("20% (1 of 5)");
    expect(describeShare(d.cr.good)).toBe("40% (2 of 5)");
    expect(describeShare(d.cr.fair)).toBe("20% (1 of 5)");
    const small = distribution(counts.slice(0, 4));
    expect(small.suppressed).toBe(true);
    expect(describeShare(small.rq.good)).toBe("fewer than 5");
  });

  it("gives a mean rating only for ratings from 5 or more officers", () => {
    expect(meanRating([5, 4, 3], 3).mean).toBeNull();
    expect(meanRating([5, 4, 3, 2, 1, 3], 5).mean).toBe(3);
    expect(meanRating([], 7).mean).toBeNull();
  });
});

describe("complementary suppression", () => {
  it("hides the smallest shown group beside a lone small one, until the hidden hold 5 between them", () => {
    expect(besideSmallGroups([20, 3, 8, 12])).toEqual([false, false, true, false]);
    expect(besideSmallGroups([3, 1, 5, 9])).toEqual([false, false, true, false]);
    expect(besideSmallGroups([2, 2, 30])).toEqual([false, false, true]);
    expect(besideSmallGroups([3, 0, 9])).toEqual([false, false, true]);
  });

  it("hides nothing more when no group is small or the small ones protect each other", () => {
    expect(besideSmallGroups([5, 6, 7])).toEqual([false, false, false]);
    expect(besideSmallGroups([3, 4, 9])).toEqual([false, false, false]);
    expect(besideSmallGroups([0, 9, 7])).toEqual([false, false, false]);
    expect(besideSmallGroups([])).toEqual([]);
  });

  it("leaves nothing that subtraction from the whole could give away (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 8 }), (sizes) => {
        const beside = besideSmallGroups(sizes);
        const hidden = sizes.filter((n, i) => n > 0 && (n < 5 || beside[i]));
        expect(beside.every((b, i) => !b || sizes[i] >= 5)).toBe(true);
        if (hidden.length > 0 && sizes.some((n, i) => n >= 5 && !beside[i])) {
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(hidden.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
        }
      }),
    );
  });

  it("says why a share beside a small group is not shown", () => {
    expect(describeShare(share(3, 8, true))).toBe("not shown");
    expect(describeShare(share(3, 4, true))).toBe("fewer than 5");
  });

  it("hides a wing's figures and its mean rating beside a lone small wing, not the whole prison's", () => {
    const bySize = (n: number) => ({ latest: Array.from({ length: n }, () => GOOD), ratings: [4], ratedOfficers: n });
    const [small, next, big] = groupSkills([bySize(3), bySize(6), bySize(9)]);
    expect(describeShare(small.rq.good)).toBe("fewer than 5");
    expect(describeShare(next.rq.good)).toBe("not shown");
    expect(next.rating).toMatchObject({ mean: null, hidden: "besideSmall" });
    expect(big.rq.good.shown && big.rating.mean).toBe(4);
    expect(groupSkills([bySize(18)])[0].rq.good.shown).toBe(true);
  });
});
