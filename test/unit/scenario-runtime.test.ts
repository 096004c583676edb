/**
 * The compiled machine and the pure runtime helpers the server uses per request.
 */
import { describe, expect, it } from "vitest";
import {
  availableChoices,
  canChoose,
  canWrite,
  checkScenario,
  choose,
  compileScenario,
  currentNodeId,
  endingOf,
  isEnded,
  nodePositions,
  persistConversation,
  restoreConversation,
  startConversation,
  startConversationAt,
  variablesOf,
  writeReply,
  type Scenario,
} from "~/domain/scenario";

const YAML = `
id: runtime
title: "Runtime"
module: test-module
summary: "Effects, branches and a write node."
persona: { name: "Dean", background: "Invented." }
start: opening
variables: { rapport: 0, trust: 2 }
nodes:
  opening:
    prisoner: "It's a waste of time."
    talk: sustain
    choices:
      - id: reflect
        say: "You don't see the point."
        mi: simple_reflection
        feedback: "A simple reflection."
        effects: { rapport: 1 }
        goto:
          - { if: "rapport >= 1", node: practise }
          - { node: end-undecided }
      - id: ask
        say: "What would make it worth it?"
        mi: open_question
        feedback: "An open question."
        goto:
          - { if: "rapport >= 1", node: practise }
          - { node: end-undecided }
      - id: warn
        say: "Refuse and you'll never get parole."
        mi: confront
        feedback: "A warning: he digs in."
        effects: { rapport: -2, trust: -1 }
        goto: end-disengaged
  practise:
    prisoner: "Everyone on the wing would know."
    talk: sustain
    write:
      prompt: "Write what you would say next."
      goto: end-engaged
  end-engaged:
    prisoner: "Alright."
    talk: change
    ending: { outcome: engaged, label: "He agrees to meet the team" }
  end-undecided:
    prisoner: "Maybe."
    talk: neutral
    ending: { outcome: undecided, label: "He'll think about it" }
  end-disengaged:
    prisoner: "I'm done."
    talk: discord
    ending: { outcome: disengaged, label: "He shuts his door" }
`;

function load(): Scenario {
  // Warnings allowed: from the start, `reflect` always clears its condition and `ask` never
  // does (branch-never-taken); the play-test from a node with variables set exercises both.
  const result = checkScenario(YAML);
  expect(result.ok).toBe(true);
  expect(result.diagnostics.map((d) => d.code)).toEqual(["branch-never-taken", "branch-never-taken"]);
  return result.scenario!;
}

describe("compiled scenario machine", () => {
  const machine = compileScenario(load());

  it("starts at the start node with the declared variables", () => {
    const s = startConversation(machine);
    expect(currentNodeId(s)).toBe("opening");
    expect(variablesOf(s)).toEqual({ rapport: 0, trust: 2 });
    expect(availableChoices(s)).toEqual(["reflect", "ask", "warn"]);
    expect(isEnded(s)).toBe(false);
    expect(endingOf(s)).toBeNull();
  });

  it("applies assign effects in pure transitions, and checks conditions after the choice's effects", () => {
    const s = choose(machine, startConversation(machine), "reflect");
    expect(variablesOf(s)).toEqual({ rapport: 1, trust: 2 });
    expect(currentNodeId(s)).toBe("practise"); // rapport was 0, +1 from this choice -> >= 1
  });

  it("takes the fallback branch when no condition holds", () => {
    const s = choose(machine, startConversation(machine), "ask");
    expect(currentNodeId(s)).toBe("end-undecided");
    expect(endingOf(s)).toEqual({ nodeId: "end-undecided", outcome: "undecided", label: "He'll think about it" });
  });

  it("takes the conditional branch when variables set earlier allow it", () => {
    const s = choose(machine, startConversationAt(machine, "opening", { rapport: 3 }), "ask");
    expect(currentNodeId(s)).toBe("practise");
    expect(variablesOf(s)).toEqual({ rapport: 3, trust: 2 });
  });

  it("applies negative effects to several variables", () => {
    const s = choose(machine, startConversation(machine), "warn");
    expect(variablesOf(s)).toEqual({ rapport: -2, trust: 1 });
    expect(endingOf(s)?.outcome).toBe("disengaged");
  });

  it("takes a written reply on a write node, and only there", () => {
    const start = startConversation(machine);
    expect(canWrite(start)).toBe(false);
    expect(() => writeReply(machine, start, "hello")).toThrow(/does not take a written reply/);
    const practise = choose(machine, start, "reflect");
    expect(canWrite(practise)).toBe(true);
    expect(canChoose(machine, practise, "reflect")).toBe(false);
    expect(() => writeReply(machine, practise, "   ")).toThrow(/cannot be empty/);
    const end = writeReply(machine, practise, "You're worried about what the wing would think.");
    expect(isEnded(end)).toBe(true);
    expect(endingOf(end)).toEqual({ nodeId: "end-engaged", outcome: "engaged", label: "He agrees to meet the team" });
  });

  it("refuses choices that are not offered, and anything after an ending", () => {
    const start = startConversation(machine);
    expect(canChoose(machine, start, "nope")).toBe(false);
    expect(() => choose(machine, start, "nope")).toThrow(/not available/);
    const end = choose(machine, start, "warn");
    expect(canChoose(machine, end, "reflect")).toBe(false);
    expect(availableChoices(end)).toEqual([]);
  });

  it("persists to JSON and restores to an identical conversation", () => {
    const mid = choose(machine, startConversation(machine), "reflect");
    const stored = JSON.parse(JSON.stringify(persistConversation(mid)));
    expect(stored).toEqual({ value: "practise", context: { vars: { rapport: 1, trust: 2 } }, status: "active" });
    const restored = restoreConversation(machine, stored);
    expect(currentNodeId(restored)).toBe("practise");
    const a = writeReply(machine, mid, "x");
    const b = writeReply(machine, restored, "x");
    expect(persistConversation(b)).toEqual(persistConversation(a));
  });

  it("restores an ended conversation with its ending", () => {
    const end = choose(machine, startConversation(machine), "warn");
    const restored = restoreConversation(machine, JSON.parse(JSON.stringify(persistConversation(end))));
    expect(isEnded(restored)).toBe(true);
    expect(endingOf(restored)?.nodeId).toBe("end-disengaged");
  });

  it("refuses stored conversations that do not fit the machine", () => {
    expect(() => restoreConversation(machine, null)).toThrow();
    expect(() => restoreConversation(machine, { value: "gone", context: { vars: {} } })).toThrow(/no node 'gone'/);
    expect(() => restoreConversation(machine, { value: "opening", context: { vars: { mood: 1 } } })).toThrow(
      /Unknown variable/,
    );
    expect(() => restoreConversation(machine, { value: "opening", context: { vars: { rapport: 0.5 } } })).toThrow(
      /whole number/,
    );
  });

  it("starts anywhere for play-testing, endings included", () => {
    const s = startConversationAt(machine, "end-engaged");
    expect(isEnded(s)).toBe(true);
    expect(endingOf(s)?.label).toBe("He agrees to meet the team");
    expect(() => startConversationAt(machine, "nowhere")).toThrow();
  });

  it("defines one state per node, with choice events and final endings", () => {
    const states = machine.root.states;
    expect(Object.keys(states).sort()).toEqual([
      "end-disengaged",
      "end-engaged",
      "end-undecided",
      "opening",
      "practise",
    ]);
    expect(states["end-engaged"].type).toBe("final");
    expect(Object.keys(states.opening.config.on ?? {})).toEqual(["choice.reflect", "choice.ask", "choice.warn"]);
  });
});

describe("nodePositions", () => {
  it("gives the line and column of each node id", () => {
    const positions = nodePositions(YAML);
    const lines = YAML.split("\n");
    expect(lines[positions.opening.line - 1]).toBe("  opening:");
    expect(positions.opening.column).toBe(3);
    expect(Object.keys(positions)).toHaveLength(5);
  });

  it("works on a broken file and returns nothing for non-scenarios", () => {
    expect(nodePositions("nodes:\n  a:\n    prisoner: [\n")).toHaveProperty("a");
    expect(nodePositions("just text")).toEqual({});
  });
});
