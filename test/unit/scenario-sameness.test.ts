/**
 * The checks that make prisoners sound like different, real men: replies shared by different
 * kinds of officer move, phrases shared between men, and a good move met by resistance before
 * change talk. Small scenarios written here show each rule's edges.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  checkScenario,
  findResistedGoodMove,
  findSharedReplies,
  phraseReport,
  phrasesOf,
  type Choice,
  type Scenario,
  type ScenarioNode,
} from "~/domain/scenario";
import type { MiCode, TalkType } from "~/domain/mi-codes";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/scenarios/${name}.yaml`, import.meta.url)), "utf8");

type Move = [id: string, mi: MiCode, goto: Choice["goto"], effects?: Record<string, number>];
const say = (talk: TalkType, ...moves: Move[]): ScenarioNode => ({
  prisoner: `A ${talk} line.`,
  talk,
  choices: moves.map(([id, mi, goto, effects]) => ({ id, say: `Option ${id}.`, mi, goto, effects })),
});
const end = (talk: TalkType): ScenarioNode => ({
  prisoner: "The end.",
  talk,
  ending: { outcome: talk === "change" ? "engaged" : "undecided", label: "End" },
});
const scenario = (nodes: Record<string, ScenarioNode>, variables?: Record<string, number>): Scenario => ({
  id: "test",
  title: "Test",
  module: "test-module",
  summary: "A test.",
  persona: { name: "Dean", background: "Invented." },
  start: "opening",
  variables,
  nodes,
});

describe("shared replies", () => {
  it("finds the node the shared-reply fixture warns about, with every move into it", () => {
    const result = checkScenario(fixture("shared-reply"));
    const shared = findSharedReplies(result.scenario!, 3);
    expect(shared.map((s) => [s.nodeId, s.codes])).toEqual([
      ["middle", ["simple_reflection", "open_question", "emphasizing_autonomy", "closed_question"]],
    ]);
    expect(shared[0].moves).toHaveLength(4);
    expect(result.diagnostics[0].message).toBe(
      "Node 'middle' answers 4 different kinds of move: simple reflection ('reflect' in 'opening'); open question ('ask' in 'opening'); emphasising autonomy ('your-call' in 'fair-enough'); closed question ('again' in 'fair-enough'). One line rarely fits them all: check it answers each, or give some of them a reply of their own.",
    );
  });

  it("counts kinds of move, not moves: three reflections into one node are fine", () => {
    const s = scenario({
      opening: say(
        "sustain",
        ["a", "simple_reflection", "next"],
        ["b", "simple_reflection", "next"],
        ["c", "simple_reflection", "next"],
        ["d", "open_question", "next"],
      ),
      next: end("neutral"),
    });
    expect(findSharedReplies(s, 3)).toEqual([]);
    expect(findSharedReplies(s).map((r) => [r.nodeId, r.codes.length, r.moves.length])).toEqual([["next", 2, 4]]);
  });

  it("counts every branch of a conditional goto, once per choice", () => {
    const s = scenario(
      {
        opening: say(
          "sustain",
          [
            "a",
            "affirm",
            [{ if: "rapport >= 1", node: "next" }, { if: "rapport >= 0", node: "next" }, { node: "other" }],
          ],
          ["b", "open_question", "next"],
          ["c", "closed_question", "other"],
        ),
        next: say("neutral", ["d", "giving_information", "other"]),
        other: end("neutral"),
      },
      { rapport: 0 },
    );
    expect(findSharedReplies(s).map((r) => [r.nodeId, r.moves.map((m) => m.choiceId)])).toEqual([
      ["next", ["a", "b"]],
      ["other", ["a", "c", "d"]],
    ]);
    expect(findSharedReplies(s, 3).map((r) => r.nodeId)).toEqual(["other"]);
  });
});

describe("phrases", () => {
  it("reads three-word phrases within a clause, ignoring case, punctuation and curly quotes", () => {
    expect([...phrasesOf("Too right, boss. I\u2019m NOT going - not me!")]).toEqual(["i'm not going"]);
    expect([...phrasesOf("Put an app in; they'll lose it")]).toEqual(["put an app", "an app in", "they'll lose it"]);
    expect(phrasesOf("Go on.").size).toBe(0);
  });

  it("counts a phrase once per man, and reports recurring phrases and the most alike pairs", () => {
    const report = phraseReport([
      { key: "a", label: "A", lines: ["Put an app in, then.", "Put an app in, I said. Go on then."] },
      { key: "b", label: "B", lines: ["I'll put an app in. Go on then."] },
      { key: "c", label: "C", lines: ["Go on then, boss."] },
    ]);
    expect(report.recurring).toEqual([
      { phrase: "go on then", personas: ["a", "b", "c"] },
      { phrase: "an app in", personas: ["a", "b"] },
      { phrase: "put an app", personas: ["a", "b"] },
    ]);
    expect(report.pairs).toEqual([
      { a: "a", b: "b", shared: ["an app in", "go on then", "put an app"] },
      { a: "a", b: "c", shared: ["go on then"] },
      { a: "b", b: "c", shared: ["go on then"] },
    ]);
  });
});

describe("a good move met by sustain talk or discord before change talk", () => {
  it("finds one, with the path from the start to the change talk", () => {
    const s = scenario({
      opening: say("sustain", ["reflect", "simple_reflection", "doubt"], ["warn", "confront", "door"]),
      doubt: say("sustain", ["both-sides", "complex_reflection", "moves"], ["push", "persuade", "door"]),
      moves: end("change"),
      door: end("discord"),
    });
    const result = findResistedGoodMove(s);
    expect(result).toEqual({
      kind: "found",
      path: [
        { nodeId: "opening", talk: "sustain", move: { choiceId: "reflect", mi: "simple_reflection" } },
        { nodeId: "doubt", talk: "sustain", move: { choiceId: "both-sides", mi: "complex_reflection" } },
        { nodeId: "moves", talk: "change" },
      ],
      resistedAt: 1,
      changeAt: 2,
    });
  });

  it("finds none when every good move brings change talk at once (change on cue)", () => {
    const s = scenario({
      opening: say("sustain", ["reflect", "simple_reflection", "moves"], ["warn", "confront", "doubt"]),
      doubt: say("sustain", ["both-sides", "complex_reflection", "moves"]),
      moves: end("change"),
    });
    expect(findResistedGoodMove(s)).toEqual({ kind: "none" });
  });

  it("does not count resistance the officer provoked, or a second move that is not MI-consistent", () => {
    const s = scenario({
      opening: say("sustain", ["warn", "confront", "doubt"], ["ask", "open_question", "wary"]),
      doubt: say("sustain", ["both-sides", "complex_reflection", "moves"]),
      wary: say("discord", ["push", "persuade", "moves"], ["facts", "giving_information", "moves"]),
      moves: end("change"),
    });
    expect(findResistedGoodMove(s)).toEqual({ kind: "none" });
  });

  it("does not count resistance after change talk has already appeared", () => {
    const s = scenario({
      opening: say("sustain", ["reflect", "simple_reflection", "keen"]),
      keen: say("change", ["ask", "open_question", "doubt"]),
      doubt: say("sustain", ["both-sides", "complex_reflection", "moves"]),
      moves: end("change"),
    });
    expect(findResistedGoodMove(s)).toEqual({ kind: "none" });
  });

  it("plays the real variables: a branch no officer can take does not count", () => {
    const nodes = {
      opening: say("sustain", ["reflect", "simple_reflection", "middle", { rapport: 1 }]),
      middle: say("neutral", ["ask", "open_question", [{ if: "rapport >= 2", node: "doubt" }, { node: "moves" }]]),
      doubt: say("sustain", ["both-sides", "complex_reflection", "moves"]),
      moves: end("change"),
    };
    expect(findResistedGoodMove(scenario(nodes, { rapport: 0 }))).toEqual({ kind: "none" });
    const found = findResistedGoodMove(scenario(nodes, { rapport: 1 }));
    expect(found.kind === "found" && found.path.map((p) => p.nodeId)).toEqual(["opening", "middle", "doubt", "moves"]);
    expect(found.kind === "found" && found.resistedAt).toBe(2);
  });

  it("lets neutral moves and written replies come before and after, as long as the answer to resistance is good", () => {
    const s = scenario({
      opening: { prisoner: "Hm.", talk: "neutral", write: { prompt: "Reply.", goto: "facts" } },
      facts: say("neutral", ["ask", "open_question", "doubt"]),
      doubt: say("discord", ["info", "giving_information", "moves"], ["autonomy", "emphasizing_autonomy", "listen"]),
      listen: say("neutral", ["info-2", "giving_information", "moves"]),
      moves: end("change"),
    });
    const found = findResistedGoodMove(s);
    expect(found.kind === "found" && found.path.map((p) => p.move?.choiceId ?? p.nodeId)).toEqual([
      "opening",
      "ask",
      "autonomy",
      "info-2",
      "moves",
    ]);
  });
});
