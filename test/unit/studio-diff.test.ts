import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MI_CODE_INFO, TALK_TYPE_INFO } from "~/domain/mi-codes";
import { checkScenario } from "~/domain/scenario";
import { optionName } from "~/domain/scenario/plain-words";
import { diffScenarios } from "~/studio/diff";

const v1Text = readFileSync("test/fixtures/scenarios/valid.yaml", "utf8");
const v1 = checkScenario(v1Text).scenario!;

describe("diff of two versions", () => {
  it("finds nothing between a version and itself, or a reformatted copy", () => {
    expect(diffScenarios(v1, v1).same).toBe(true);
    const reformatted = checkScenario(`# a comment\n${v1Text.replace(/\n\n/g, "\n")}`).scenario!;
    expect(diffScenarios(v1, reformatted)).toMatchObject({
      same: true,
      fields: [],
      nodesAdded: [],
      nodesRemoved: [],
      nodesChanged: [],
    });
  });

  it("lists fields, nodes added, removed and changed, and choice changes", () => {
    const v2 = structuredClone(v1);
    v2.title = "A new title";
    const [firstId] = Object.keys(v2.nodes);
    const removed = Object.keys(v2.nodes).find((id) => id !== firstId && id !== v2.start && !v2.nodes[id].ending)!;
    delete v2.nodes[removed];
    v2.nodes["brand-new"] = { prisoner: "New line", talk: "neutral", ending: { outcome: "undecided", label: "New" } };
    const start = v2.nodes[v2.start];
    start.prisoner = "Changed line";
    const firstChoice = start.choices![0];
    firstChoice.say = "Something else";
    const dropped = start.choices!.length - 1;
    const droppedChoice = start.choices!.pop()!;
    start.choices!.push({ id: "option-4", say: "Hello", mi: "affirm", goto: "brand-new" });

    const diff = diffScenarios(v1, v2);
    expect(diff.same).toBe(false);
    expect(diff.fields).toEqual([
      { field: "The title officers see", path: ["title"], before: v1.title, after: "A new title" },
    ]);
    expect(diff.nodesAdded).toEqual(["brand-new"]);
    expect(diff.nodesRemoved).toEqual([removed]);
    const startChange = diff.nodesChanged.find((n) => n.id === v2.start)!;
    expect(startChange.changes).toEqual([
      {
        field: "The prisoner's line",
        path: ["nodes", v2.start, "prisoner"],
        before: v1.nodes[v1.start].prisoner,
        after: "Changed line",
      },
    ]);
    // Options are named as trainers know them, by number and words, not by id ("option-4" from "Add an option").
    expect(startChange.choicesAdded).toEqual([`Option ${dropped + 1}: 'Hello'`]);
    expect(startChange.choicesRemoved).toEqual([optionName(dropped, droppedChoice.say)]);
    expect(startChange.choicesRemoved[0]).toMatch(new RegExp(`^Option ${dropped + 1}: '`));
    expect(startChange.choicesChanged).toEqual([
      {
        id: firstChoice.id,
        name: "Option 1: 'Something else'",
        changes: [
          {
            field: "What the officer says",
            path: ["nodes", v2.start, "choices", 0, "say"],
            before: v1.nodes[v1.start].choices![0].say,
            after: "Something else",
          },
        ],
      },
    ]);
  });

  it("shows codes, where an option leads and what it changes in the forms' words, not as YAML values", () => {
    const v2 = structuredClone(v1);
    v2.variables = { rapport: 0, trust: 1 };
    const start = v2.nodes[v2.start];
    const choice = start.choices![0];
    const before = v1.nodes[v1.start].choices![0];
    choice.mi = before.mi === "confront" ? "affirm" : "confront";
    choice.effects = { rapport: -1, trust: 2 };
    choice.goto = [{ if: "rapport >= 1", node: "somewhere" }, { node: "elsewhere" }];
    start.talk = start.talk === "discord" ? "neutral" : "discord";

    const diff = diffScenarios(v1, v2);
    expect(diff.fields).toContainEqual({
      field: "The variables",
      path: ["variables"],
      before: expect.any(String),
      after: "rapport starts at 0, trust starts at 1",
    });
    const node = diff.nodesChanged.find((n) => n.id === v2.start)!;
    expect(node.changes).toEqual([
      {
        field: "The kind of talk",
        path: ["nodes", v2.start, "talk"],
        before: TALK_TYPE_INFO[v1.nodes[v1.start].talk].label,
        after: TALK_TYPE_INFO[start.talk].label,
      },
    ]);
    const at = ["nodes", v2.start, "choices", 0];
    expect(node.choicesChanged[0].changes).toEqual([
      {
        field: "The MI code",
        path: [...at, "mi"],
        before: MI_CODE_INFO[before.mi].label,
        after: MI_CODE_INFO[choice.mi].label,
      },
      {
        field: "What this option changes",
        path: [...at, "effects"],
        before: expect.any(String),
        after: "rapport −1, trust +2",
      },
      {
        field: "Where it leads",
        path: [...at, "goto"],
        before: expect.any(String),
        after: "if rapport is at least 1: somewhere; otherwise: elsewhere",
      },
    ]);
  });

  it("does not count a reorder of choices as a change (officers see them shuffled)", () => {
    const v2 = structuredClone(v1);
    v2.nodes[v2.start].choices!.reverse();
    expect(diffScenarios(v1, v2).same).toBe(true);
  });

  it("treats everything as new for a first version", () => {
    const diff = diffScenarios(null, v1);
    expect(diff.nodesAdded).toEqual(Object.keys(v1.nodes));
    expect(diff.fields.map((f) => f.field)).toContain("The title officers see");
  });
});
