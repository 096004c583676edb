import { describe, expect, it } from "vitest";
import { describeIndicators } from "~/domain/indicators";
import { NO_COUNTS, observedIndicators, type ObservedCounts } from "~/domain/observation/behaviours";
import {
  iccAgreement,
  iccBand,
  pairAgreement,
  ratingAgreement,
  seriesAgreement,
} from "~/domain/observation/calibration";
import { describeGlobals, globalLevel, relationalGlobal, technicalGlobal } from "~/domain/observation/globals";
import {
  compileNamePatterns,
  findIdentifier,
  findPrisonNumber,
  identifierMessage,
  parseNamePatterns,
} from "~/domain/observation/identifiers";
import { groupTransfer, groupTransfers, officerTransfer, type OfficerTransfer } from "~/domain/observation/transfer";
import { describeShare } from "~/domain/reporting/suppression";
import { indicatorsOf, NO_BEHAVIOURS } from "~/domain/indicators";

const tally = (c: Partial<ObservedCounts>): ObservedCounts => ({ ...NO_COUNTS, ...c });

describe("observed indicators from a coach's tallies", () => {
  it("a worked conversation: 8 questions, 6 simple and 6 complex reflections, 2 affirms, 1 seeking collaboration, 1 persuade", () => {
    const i = observedIndicators(
      tally({
        questions: 8,
        simpleReflections: 6,
        complexReflections: 6,
        affirms: 2,
        seekingCollaboration: 1,
        givingInformation: 3,
        persuadeWithPermission: 1,
        persuades: 1,
      }),
    );
    // R:Q = 12/8 = 1.5 (fair); %CR = 6/12 = 50% (good); adherent = 2 + 1 = 3; non-adherent = 1.
    // Giving information and persuade with permission count in neither total.
    expect(i).toEqual({
      questions: 8,
      reflections: 12,
      reflectionToQuestion: 1.5,
      percentComplexReflections: 50,
      percentOpenQuestions: null,
      miAdherent: 3,
      miNonAdherent: 1,
    });
    const lines = describeIndicators(i, { openQuestions: false });
    expect(lines.map((l) => [l.key, l.value, l.level])).toEqual([
      ["reflectionToQuestion", "1.5 : 1 (12 reflections, 8 questions)", "fair"],
      ["percentComplexReflections", "50% of 12 reflections", "good"],
      ["miAdherent", "3", "not applicable"],
      ["miNonAdherent", "1", "not applicable"],
    ]);
  });

  it("counts open and closed questions together, as MITI 4.2.1 does: there is no open-questions figure", () => {
    const i = observedIndicators(tally({ questions: 4, simpleReflections: 4 }));
    expect(i.percentOpenQuestions).toBeNull();
    expect(describeIndicators(i, { openQuestions: false }).some((l) => l.key === "percentOpenQuestions")).toBe(false);
  });

  it("no questions: R:Q has no ratio, and reflections alone count as above any ratio", () => {
    const i = observedIndicators(tally({ simpleReflections: 3, complexReflections: 1 }));
    expect(i.reflectionToQuestion).toBeNull();
    expect(i.percentComplexReflections).toBe(25);
    const [rq, cr] = describeIndicators(i, { openQuestions: false });
    expect([rq.value, rq.level]).toEqual(["no questions asked; 4 reflections", "good"]);
    expect([cr.value, cr.level]).toEqual(["25% of 4 reflections", "below fair"]);
  });

  it("no reflections: R:Q is 0 (below fair) and %CR is not applicable, never NaN", () => {
    const i = observedIndicators(tally({ questions: 5, givingInformation: 2 }));
    expect(i.reflectionToQuestion).toBe(0);
    expect(i.percentComplexReflections).toBeNull();
    const [rq, cr] = describeIndicators(i, { openQuestions: false });
    expect([rq.value, rq.level]).toEqual(["0 : 1 (0 reflections, 5 questions)", "below fair"]);
    expect([cr.value, cr.level]).toEqual(["no reflections", "not applicable"]);
  });

  it("nothing tallied: every indicator is not applicable", () => {
    const [rq, cr] = describeIndicators(observedIndicators(NO_COUNTS), { openQuestions: false });
    expect([rq.level, cr.level]).toEqual(["not applicable", "not applicable"]);
  });
});

describe("global ratings against the MITI 4.2.1 fair and good levels", () => {
  it("technical = (CCT + SST) / 2: fair from 3.0, good from 4.0", () => {
    const r = { cultivatingChangeTalk: 3, softeningSustainTalk: 2, partnership: 4, empathy: 4 };
    expect(technicalGlobal(r)).toBe(2.5);
    expect(globalLevel(2.5, "technicalGlobal")).toBe("below fair");
    expect(globalLevel(3, "technicalGlobal")).toBe("fair");
    expect(globalLevel(3.5, "technicalGlobal")).toBe("fair");
    expect(globalLevel(4, "technicalGlobal")).toBe("good");
  });

  it("relational = (partnership + empathy) / 2: fair from 3.5, good from 4.0, so 3.0 is below fair", () => {
    expect(relationalGlobal({ cultivatingChangeTalk: 1, softeningSustainTalk: 1, partnership: 3, empathy: 3 })).toBe(3);
    expect(globalLevel(3, "relationalGlobal")).toBe("below fair");
    expect(globalLevel(3.5, "relationalGlobal")).toBe("fair");
    expect(globalLevel(4.5, "relationalGlobal")).toBe("good");
  });

  it("describes both globals with what they are made of", () => {
    const lines = describeGlobals({ cultivatingChangeTalk: 4, softeningSustainTalk: 3, partnership: 4, empathy: 3 });
    expect(lines.map((l) => [l.name, l.value, l.fair, l.good, l.level])).toEqual([
      ["Technical global", "3.5 (cultivating change talk 4, softening sustain talk 3)", "3.0", "4.0", "fair"],
      ["Relational global", "3.5 (partnership 4, empathy 3)", "3.5", "4.0", "fair"],
    ]);
  });
});

describe("no prisoner identified", () => {
  it("finds prison numbers: one letter, four digits, two letters, any case, a space allowed between groups", () => {
    expect(findPrisonNumber("Spoke with A1234BC about the course")).toBe("A1234BC");
    expect(findPrisonNumber("spoke with a1234bc")).toBe("a1234bc");
    expect(findPrisonNumber("number G 4821 KL on the landing")).toBe("G 4821 KL");
    expect(findPrisonNumber("(Z9999ZZ)")).toBe("Z9999ZZ");
  });

  it("leaves alone what is not one: longer codes, too few digits, times and counts", () => {
    for (const text of [
      "AA1234BC",
      "A1234BCD",
      "A123BC",
      "A12345BC",
      "1234BC",
      "She used 3 complex reflections in 10 minutes",
      "Next step: try a double-sided reflection at 14:30",
    ])
      expect(findPrisonNumber(text)).toBeNull();
  });

  it("checks the prison's listed name patterns as whole words, case-blind, with * for the rest of a word", () => {
    const patterns = compileNamePatterns(parseNamePatterns("Mr *\nSmith\ncell 3-*\n").patterns);
    expect(findIdentifier("Good reflection with Mr Jones at the servery", patterns)).toEqual({
      kind: "listed name",
      found: "Mr Jones",
    });
    expect(findIdentifier("talked to SMITH", patterns)).toEqual({ kind: "listed name", found: "SMITH" });
    expect(findIdentifier("outside cell 3-14", patterns)).toEqual({ kind: "listed name", found: "cell 3-14" });
    // Whole words only: "Smithson" and "Mrs" are not listed.
    expect(findIdentifier("Smithson wing, Mrs Khan's class", patterns)).toBeNull();
    // A prison number is named first.
    expect(findIdentifier("Mr Jones A1234BC", patterns)).toEqual({ kind: "prison number", found: "A1234BC" });
    expect(identifierMessage("Strengths", { kind: "prison number", found: "A1234BC" })).toBe(
      "Strengths must not identify the prisoner: remove “A1234BC”, which looks like a prison number",
    );
  });

  it("takes patterns as plain words, never regular expressions, so none can run away", () => {
    const patterns = compileNamePatterns(["O'Neil", "St. John"]);
    expect(findIdentifier("Spoke with o’neil", patterns)?.found).toBe("o’neil");
    expect(findIdentifier("St. John", patterns)?.found).toBe("St. John");
    expect(findIdentifier("Stx John", patterns)).toBeNull();
    const start = performance.now();
    expect(findIdentifier(`${"a".repeat(5000)}!`, compileNamePatterns(["a*a*a*a*a*a*b"]))).toBeNull();
    expect(findIdentifier("a ".repeat(2500), compileNamePatterns(["a * * * * * b"]))).toBeNull();
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("refuses patterns that would refuse everything or hold odd characters, and drops blanks and repeats", () => {
    expect(parseNamePatterns("Mr *\n\n  mr  *  \nSmith").patterns).toEqual(["Mr *", "Smith"]);
    expect(parseNamePatterns("*\nA*\n(a|b)+\n" + "x".repeat(61)).errors).toEqual([
      'Line 1 must have at least 2 letters: "*" alone would refuse every word',
      'Line 2 must have at least 2 letters: "*" alone would refuse every word',
      "Line 3 may hold only letters, numbers, spaces, hyphens, apostrophes, full stops and *",
      "Line 4 is longer than 60 characters",
    ]);
  });
});

describe("calibration statistics", () => {
  it("ICC(2,1) matches Shrout & Fleiss (1979), Table 2 data (6 targets, 4 judges): 0.29", () => {
    const sf = [
      [9, 2, 5, 8],
      [6, 1, 3, 2],
      [8, 4, 6, 8],
      [7, 1, 2, 6],
      [10, 5, 6, 9],
      [6, 2, 4, 7],
    ];
    expect(iccAgreement(sf)).toBeCloseTo(0.29, 2);
  });

  it("ICC(2,1) for two coaches on five behaviours, worked by hand: 18/19", () => {
    // A: 10 6 4 2 0, B: 8 6 5 2 1. Grand mean 4.4; both coaches' means 4.4, so MS(coaches) = 0.
    // SS(behaviours) = 2 × [(9−4.4)² + (6−4.4)² + (4.5−4.4)² + (2−4.4)² + (0.5−4.4)²] = 89.4, MS = 22.35;
    // SS(total) = 92.4, SS(error) = 3.0, MS(error) = 0.75.
    // ICC = (22.35 − 0.75) / (22.35 + 0.75 + 2 × (0 − 0.75) / 5) = 21.6 / 22.8 = 18/19.
    expect(
      iccAgreement([
        [10, 8],
        [6, 6],
        [4, 5],
        [2, 2],
        [0, 1],
      ]),
    ).toBeCloseTo(18 / 19, 10);
  });

  it("absolute agreement: a coach who tallies everything one higher does not agree perfectly", () => {
    const rows = [
      [3, 4],
      [6, 7],
      [9, 10],
    ];
    const icc = iccAgreement(rows)!;
    expect(icc).toBeLessThan(1);
    expect(icc).toBeGreaterThan(0.9);
    expect(
      iccAgreement([
        [3, 3],
        [6, 6],
        [9, 9],
      ]),
    ).toBe(1);
  });

  it("is undefined (null), never NaN, with no variation or fewer than two targets", () => {
    expect(
      iccAgreement([
        [0, 0],
        [0, 0],
      ]),
    ).toBeNull();
    expect(iccAgreement([[1, 2]])).toBeNull();
    expect(iccAgreement([])).toBeNull();
  });

  it("bands ICCs as Cicchetti (1994) does", () => {
    expect([0.39, 0.4, 0.59, 0.6, 0.74, 0.75, -0.2].map(iccBand)).toEqual([
      "poor",
      "fair",
      "fair",
      "good",
      "good",
      "excellent",
      "poor",
    ]);
  });

  it("counts exact and adjacent (within one point) rating agreement", () => {
    expect(
      ratingAgreement([
        [4, 4],
        [3, 4],
        [2, 4],
        [5, 5],
      ]),
    ).toEqual({ total: 4, exact: 2, adjacent: 3 });
  });

  it("compares two coaches' sheets of one conversation, and a series of conversations", () => {
    const a = {
      counts: tally({ questions: 10, simpleReflections: 6, complexReflections: 4, affirms: 2 }),
      ratings: { cultivatingChangeTalk: 3, softeningSustainTalk: 4, partnership: 4, empathy: 4 },
    };
    const b = {
      counts: tally({ questions: 8, simpleReflections: 6, complexReflections: 5, affirms: 2, confronts: 1 }),
      ratings: { cultivatingChangeTalk: 3, softeningSustainTalk: 3, partnership: 5, empathy: 2 },
    };
    const p = pairAgreement(a, b);
    expect(p.ratings).toMatchObject({ total: 4, exact: 1, adjacent: 3 });
    expect(p.counts.find((c) => c.behaviour === "questions")).toEqual({ behaviour: "questions", first: 10, second: 8 });
    expect(p.countsIcc).toBeGreaterThan(0.9);
    const series = seriesAgreement([
      [a, b],
      [b, a],
    ]);
    expect(series.conversations).toBe(2);
    expect(series.ratings).toEqual({ total: 8, exact: 2, adjacent: 6 });
    // Nobody tallied any persuading in either conversation: that ICC is undefined, not perfect.
    expect(series.behaviours.find((x) => x.behaviour === "persuades")!.icc).toBeNull();
  });
});

describe("the transfer gap", () => {
  const good = observedIndicators(tally({ questions: 4, simpleReflections: 4, complexReflections: 4 })); // 3:1, 50%
  const weak = observedIndicators(tally({ questions: 10, simpleReflections: 4, complexReflections: 1 })); // 0.5:1, 20%
  const ratings = { technical: 3.5, relational: 4 };

  it("sets the wing against the latest assessment, level by level", () => {
    const t = officerTransfer({ indicators: weak, ...ratings }, good);
    expect(t.rq).toEqual({ wing: "below fair", assessment: "good", change: "lower on the wing" });
    expect(t.cr).toEqual({ wing: "below fair", assessment: "good", change: "lower on the wing" });
    expect([t.technical, t.relational]).toEqual(["fair", "good"]);
    expect(officerTransfer({ indicators: good, ...ratings }, good).rq.change).toBe("the same level");
    expect(officerTransfer({ indicators: good, ...ratings }, indicatorsOf(NO_BEHAVIOURS)).rq.change).toBeNull();
    expect(officerTransfer({ indicators: good, ...ratings }, null).rq).toEqual({
      wing: "good",
      assessment: null,
      change: null,
    });
  });

  it("shows group shares only for 5 or more officers (the small-number rule)", () => {
    const observed = officerTransfer({ indicators: weak, ...ratings }, good);
    const four = groupTransfer([observed, observed, observed, observed, null, null]);
    expect(four.observed).toEqual({ shown: true, count: 4, total: 6, percent: (100 * 4) / 6 });
    expect(four.compared).toBe(4);
    expect(four.rq.wing.shown).toBe(false);
    const five = groupTransfer([
      observed,
      observed,
      observed,
      observed,
      officerTransfer({ indicators: good, ...ratings }, good),
    ]);
    expect(five.rq.assessment).toMatchObject({ shown: true, count: 5, total: 5 });
    expect(five.rq.wing).toMatchObject({ shown: true, count: 1, total: 5 });
    expect(five.technical).toMatchObject({ shown: true, count: 5 });
    expect(groupTransfer([null, null]).observed.shown).toBe(false);
  });
});

describe("the transfer gap by wing", () => {
  const seen = (assessed: boolean): OfficerTransfer => ({
    rq: { wing: "fair", assessment: assessed ? "good" : null, change: null },
    cr: { wing: "fair", assessment: assessed ? "fair" : null, change: null },
    technical: "good",
    relational: "fair",
  });
  const wing = (unobserved: number, observed: number, compared: number) => [
    ...Array.from({ length: unobserved }, () => null),
    ...Array.from({ length: observed }, (_, i) => seen(i < compared)),
  ];

  it("hides each figure of the next smallest wing beside a lone small one, kind by kind", () => {
    // Officers 3, 8, 12: the 8 is hidden beside the 3. Observed 3, 6, 9; compared 6, 3, 5.
    const [a, b, c] = groupTransfers([wing(0, 3, 0), wing(2, 6, 3), wing(3, 9, 5)]);
    expect([a.observed, b.observed, c.observed].map(describeShare)).toEqual([
      "fewer than 5",
      "not shown",
      "75% (9 of 12)",
    ]);
    expect([a.technical, b.technical, c.technical].map(describeShare)).toEqual([
      "fewer than 5",
      "not shown",
      "100% (9 of 9)",
    ]);
    // Compared: 0 (no one to protect), 3 (small) and 5: the 5 is hidden beside the 3.
    expect([b.rq.wing, c.rq.wing].map(describeShare)).toEqual(["fewer than 5", "not shown"]);
  });
});
