// What officers read about their practice: plain words first, what an assessment missed, how long
// a scenario takes; and look-ups that a name like "constructor" in an address cannot fool.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { assessmentResult } from "~/domain/assessment-result";
import { DEFAULT_THRESHOLDS, type AttemptRecord } from "~/domain/competency";
import { countBehaviours, describeIndicators, indicatorsOf } from "~/domain/indicators";
import type { MiCode } from "~/domain/mi-codes";
import { checkScenario } from "~/domain/scenario";
import { describeLength, typicalLength } from "~/domain/typical-length";
import { noticeOf } from "~/practice/route-helpers.server";
import { playStep } from "~/studio/play-test.server";
import { parseForm } from "~/utils/forms";

const lines = (codes: MiCode[]) => describeIndicators(indicatorsOf(countBehaviours(codes)));
const line = (codes: MiCode[], key: string) => lines(codes).find((l) => l.key === key)!;

describe("indicators in plain words, technical terms second", () => {
  it("says how often you reflected for each question before the ratio", () => {
    const rq = line(
      ["open_question", "simple_reflection", "complex_reflection", "complex_reflection", "simple_reflection"],
      "reflectionToQuestion",
    );
    expect(rq.plain).toBe(
      "You reflected back 4 times for every question you asked (fair is once for each question, good is twice or more)",
    );
    expect(rq).toMatchObject({ name: "Reflection-to-question ratio", value: "4 : 1 (4 reflections, 1 question)" });
    expect(line(["closed_question", "closed_question", "simple_reflection"], "reflectionToQuestion").plain).toMatch(
      /^You asked 2 questions for every time you reflected back/,
    );
  });

  it("never says 'No level': it says why there is no figure", () => {
    for (const l of lines([])) {
      if (l.level === "not applicable") expect(l.why).toMatch(/^(Not judged: there were no|No fair or good level)/);
      expect(`${l.plain} ${l.value}`).not.toMatch(/Infinity|NaN|No level/);
    }
    expect(line([], "percentComplexReflections").plain).toBe(
      "You did not reflect back, so none of your reflections could add meaning",
    );
  });
});

function assessment(codes: MiCode[], outcome: AttemptRecord["outcome"] = "engaged"): AttemptRecord {
  return {
    scenarioId: "s",
    mode: "assessment",
    status: "finished",
    startedAt: "2026-11-01T09:00:00Z",
    finishedAt: "2026-11-01T09:06:00Z",
    outcome,
    counts: countBehaviours(codes),
  };
}

describe("an assessment's result", () => {
  it("passes at the module's thresholds", () => {
    expect(
      assessmentResult(assessment(["open_question", "complex_reflection", "simple_reflection"]), DEFAULT_THRESHOLDS),
    ).toEqual({ passed: true, missed: [] });
  });

  it("names each threshold missed, what happened, and something to try", () => {
    const result = assessmentResult(
      assessment(["closed_question", "closed_question", "simple_reflection", "confront"], "disengaged"),
      DEFAULT_THRESHOLDS,
    )!;
    expect(result.passed).toBe(false);
    expect(result.missed.map((m) => m.key)).toEqual([
      "disengaged",
      "reflectionToQuestion",
      "percentComplexReflections",
      "miNonAdherent",
    ]);
    const rq = result.missed[1];
    expect(rq.short).toBe("fewer than 1 reflection for each question");
    expect(rq.what).toBe(
      "You asked 2 questions for every time you reflected back. The module asks you to reflect back at least once for each question (reflection-to-question ratio 1 : 1).",
    );
    expect(rq.tryThis).toMatch(/say back what you heard/);
    expect(result.missed[3].what).toMatch(
      /^You confronted him or persuaded him without permission once\. The module allows none/,
    );
  });

  it("does not judge practice", () => {
    expect(assessmentResult({ ...assessment([]), mode: "practice" }, DEFAULT_THRESHOLDS)).toBeNull();
  });
});

describe("how long a scenario usually takes", () => {
  const shape = { shortestPath: 4, longestPath: 8 };
  const finished = (minutes: number, responses: number, i = 0) => ({
    startedAt: new Date(Date.UTC(2026, 10, 1 + i, 9)).toISOString(),
    finishedAt: new Date(Date.UTC(2026, 10, 1 + i, 9) + minutes * 60_000).toISOString(),
    responses,
  });

  it("comes from the scenario's shape until enough officers have finished it", () => {
    const t = typicalLength(shape, [finished(3, 5)])!;
    expect(t).toEqual({ minutes: 4, responses: { fewest: 4, most: 8 }, basis: "design" });
    expect(describeLength(t)).toBe("About 4 minutes: usually 4 to 8 of your responses");
  });

  it("then from finished attempts, leaving out those paused and resumed later", () => {
    const t = typicalLength(shape, [
      finished(5, 6, 0),
      finished(6, 6, 1),
      finished(7, 7, 2),
      finished(6, 7, 3),
      finished(8, 8, 4),
      finished(60 * 24, 6, 5),
    ])!;
    expect(t).toEqual({ minutes: 6, responses: { fewest: 6, most: 7 }, basis: "attempts" });
  });
});

describe("names from the address are looked up as own properties only", () => {
  it("a notice code like constructor or __proto__ shows no banner", () => {
    for (const code of ["constructor", "__proto__", "toString", "hasOwnProperty"])
      expect(noticeOf(new Request(`http://localhost/attempts/x?notice=${code}`))).toBeNull();
    expect(noticeOf(new Request("http://localhost/attempts/x?notice=stale"))).toMatch(/out of date/);
  });

  it("the play-test refuses node=__proto__ or node=constructor with a message, not a 500", () => {
    const { scenario } = checkScenario(fs.readFileSync("test/fixtures/scenarios/valid.yaml", "utf8"));
    for (const node of ["__proto__", "constructor", "toString"])
      expect(playStep(scenario!, new URLSearchParams({ node }))).toEqual({
        ok: false,
        message: `There is no node called ${node} in this scenario`,
      });
  });

  it("a scenario whose goto names 'constructor' has an unknown node", () => {
    const yaml = fs
      .readFileSync("test/fixtures/scenarios/valid.yaml", "utf8")
      .replace("goto: middle", "goto: constructor");
    const check = checkScenario(yaml);
    expect(check.ok).toBe(false);
    expect(check.diagnostics.map((d) => d.code)).toContain("goto-unknown-node");
  });

  it("a form field called constructor is read like any other", () => {
    const form = new FormData();
    form.set("constructor", "x");
    const result = parseForm(z.object({ constructor: z.string().min(2, "Too short") }), form);
    expect(result).toMatchObject({ ok: false, errors: { constructor: "Too short" }, values: { constructor: "x" } });
  });
});
