import { describe, expect, it } from "vitest";
import type { MiCode } from "~/domain/mi-codes";
import { countBehaviours, describeIndicators, indicatorsOf, MITI_LEVELS } from "~/domain/indicators";

const transcript = (...codes: MiCode[]) => indicatorsOf(countBehaviours(codes));

describe("practice indicators on hand-worked transcripts", () => {
  it("a balanced conversation: 4 reflections (2 complex), 2 questions (1 open), 1 affirm, 1 confront", () => {
    const i = transcript(
      "open_question",
      "simple_reflection",
      "complex_reflection",
      "affirm",
      "closed_question",
      "simple_reflection",
      "complex_reflection",
      "confront",
      "giving_information",
      "persuade_with_permission",
    );
    // R:Q = 4/2 = 2; %CR = 2/4 = 50%; %OQ = 1/2 = 50%; adherent = 1; non-adherent = 1.
    expect(i).toEqual({
      questions: 2,
      reflections: 4,
      reflectionToQuestion: 2,
      percentComplexReflections: 50,
      percentOpenQuestions: 50,
      miAdherent: 1,
      miNonAdherent: 1,
    });
    const lines = describeIndicators(i);
    expect(lines.find((l) => l.key === "reflectionToQuestion")).toMatchObject({
      value: "2 : 1 (4 reflections, 2 questions)",
      level: "good",
    });
    expect(lines.find((l) => l.key === "percentComplexReflections")).toMatchObject({
      value: "50% of 4 reflections",
      level: "good",
    });
    expect(lines.find((l) => l.key === "miNonAdherent")).toMatchObject({
      value: "1",
      level: "not applicable",
      fair: null,
      good: null,
      higherIsBetter: false,
    });
    expect(lines.find((l) => l.key === "percentOpenQuestions")).toMatchObject({ source: "MITI 3.1.1", level: "fair" });
  });

  it("zero questions: R:Q and % open questions read as words, never Infinity or NaN", () => {
    const i = transcript("simple_reflection", "complex_reflection", "emphasizing_autonomy");
    expect(i.reflectionToQuestion).toBeNull();
    expect(i.percentOpenQuestions).toBeNull();
    const text = JSON.stringify(describeIndicators(i));
    expect(text).not.toMatch(/Infinity|NaN/);
    expect(describeIndicators(i)[0].value).toBe("no questions asked; 2 reflections");
    expect(describeIndicators(i)[0].level).toBe("good"); // reflections without questions beat any ratio
    expect(describeIndicators(i)[4].value).toBe("no questions asked");
  });

  it("zero reflections: %CR reads as words and R:Q is 0", () => {
    const i = transcript("closed_question", "closed_question", "persuade", "giving_information");
    expect(i.percentComplexReflections).toBeNull();
    expect(i.reflectionToQuestion).toBe(0);
    const lines = describeIndicators(i);
    expect(lines[1]).toMatchObject({ value: "no reflections", level: "not applicable" });
    expect(lines[0].level).toBe("below fair");
    expect(lines[3]).toMatchObject({ value: "1", level: "not applicable" });
    expect(JSON.stringify(lines)).not.toMatch(/Infinity|NaN/);
  });

  it("only the indicators MITI sets fair and good levels for have levels: the others are more, or fewer, is better", () => {
    const lines = describeIndicators(transcript("open_question", "simple_reflection", "affirm", "confront"));
    expect(lines.map((l) => [l.key, l.hasLevels])).toEqual([
      ["reflectionToQuestion", true],
      ["percentComplexReflections", true],
      ["miAdherent", false],
      ["miNonAdherent", false],
      ["percentOpenQuestions", true],
    ]);
    // An indicator with levels can still go unjudged, and keeps its levels.
    expect(describeIndicators(transcript())[0]).toMatchObject({ level: "not applicable", hasLevels: true });
  });

  it("fair and good are levels or null, never words; which way is better is its own field", () => {
    for (const lines of [describeIndicators(transcript()), describeIndicators(transcript("affirm", "confront"))]) {
      expect(lines.map((l) => [l.key, l.fair, l.good, l.higherIsBetter])).toEqual([
        ["reflectionToQuestion", "1 : 1", "2 : 1", true],
        ["percentComplexReflections", "40%", "50%", true],
        ["miAdherent", null, null, true],
        ["miNonAdherent", null, null, false],
        ["percentOpenQuestions", "50%", "70%", true],
      ]);
      // MITI_LEVELS is the one rule: a line has fair and good levels exactly when it is there.
      for (const l of lines) expect(l.fair !== null).toBe(l.key in MITI_LEVELS);
    }
  });

  it("an empty conversation has nothing to divide", () => {
    const lines = describeIndicators(transcript());
    expect(lines[0]).toMatchObject({ value: "no questions asked and no reflections", level: "not applicable" });
    expect(JSON.stringify(lines)).not.toMatch(/Infinity|NaN/);
  });

  it("persuade with permission counts in neither adherent nor non-adherent", () => {
    expect(transcript("persuade_with_permission")).toMatchObject({ miAdherent: 0, miNonAdherent: 0 });
    expect(transcript("seeking_collaboration", "affirm", "emphasizing_autonomy", "confront", "persuade")).toMatchObject(
      { miAdherent: 3, miNonAdherent: 2 },
    );
  });
});
