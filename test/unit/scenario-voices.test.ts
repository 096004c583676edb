/**
 * Library-wide checks from issue 17: the prisoners sound like different men, and none of them changes
 * on cue. Every scenario needs a conversation in which a good move meets sustain talk or discord
 * before change talk, and no two men may share more than MAX_SHARED_PHRASES three-word phrases.
 * A small fixture library breaks both rules, so the checks are shown to fail; the shipped library
 * must pass them.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findResistedGoodMove, MAX_SHARED_PHRASES, personaLines, phraseReport, type Scenario } from "~/domain/scenario";
import { loadScenarioLibrary } from "~/curriculum/scenario-library.server";

const libraryAt = (relative: string) => loadScenarioLibrary(fileURLToPath(new URL(relative, import.meta.url)));

/** What a library breaks, in words. */
function voiceProblems(scenarios: Scenario[]): string[] {
  const problems: string[] = [];
  for (const scenario of scenarios) {
    const result = findResistedGoodMove(scenario);
    if (result.kind !== "found")
      problems.push(
        `${scenario.id}: no good move is met by sustain talk or discord before change talk (${result.kind})`,
      );
  }
  for (const pair of phraseReport(scenarios.map(personaLines)).pairs) {
    if (pair.shared.length <= MAX_SHARED_PHRASES) continue;
    problems.push(`${pair.a} and ${pair.b} share ${pair.shared.length} phrases: ${pair.shared.join(", ")}`);
  }
  return problems;
}

const scenariosOf = (library: ReturnType<typeof loadScenarioLibrary>) =>
  library.scenarios.flatMap((s) => (s.result.scenario ? [s.result.scenario] : []));

describe("the library-wide voice checks", () => {
  it("fail a library where two men share stock phrases and one changes on cue", () => {
    const fixtures = libraryAt("../fixtures/library/");
    expect(fixtures.diagnostics).toEqual([]);
    expect(voiceProblems(scenariosOf(fixtures))).toEqual([
      "on-cue: no good move is met by sustain talk or discord before change talk (none)",
      "stock-a and stock-b share 10 phrases: i'm not going, just like the, like the rest, lot never listen, rest of them, right i'm not, the rest of, too right i'm, you lot never, you're just like",
    ]);
  });

  it("hold every shipped scenario to both rules", () => {
    const shipped = scenariosOf(libraryAt("../../scenarios/"));
    expect(shipped.length).toBeGreaterThanOrEqual(20);
    expect(voiceProblems(shipped)).toEqual([]);
  });
});
