/**
 * The draft's history says what each save in the forms or as YAML changed, in the forms' words, from
 * the short list of edits kept with the revision (never the text, which the revision itself holds).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Edit } from "~/domain/scenario/editor/edits";
import { formSaveHow, howInWords, yamlSaveHow } from "~/studio/revision-words.server";

const saved = (edits: Edit[]) => howInWords(formSaveHow(edits));

describe("a save's words in the draft's history", () => {
  it("names the fields a node's save changed, grouped by option, without their text", () => {
    const edits: Edit[] = [
      { kind: "set-text", path: ["nodes", "opening", "prisoner"], value: "What do you want?" },
      { kind: "set-text", path: ["nodes", "opening", "choices", 1, "mi"], value: "simple_reflection" },
      { kind: "set-text", path: ["nodes", "opening", "choices", 1, "feedback"], value: "You named it." },
      { kind: "set-goto", node: "opening", owner: "write", branches: [{ if: null, node: "end" }] },
    ];
    expect(formSaveHow(edits)).not.toContain("What do you want?");
    expect(saved(edits)).toBe(
      "Saved in the forms. Node opening: the prisoner's line; option 2 (the MI code, the feedback); the written reply (where it leads).",
    );
  });

  it("names the details, nodes and variables added, renamed and deleted", () => {
    expect(
      saved([
        { kind: "set-text", path: ["title"], value: "A letter" },
        { kind: "set-text", path: ["persona", "background"], value: "…" },
        { kind: "set-number", path: ["variables", "rapport"], value: 1 },
        { kind: "add-node", newNode: { id: "after-the-letter" } },
        { kind: "rename-node", node: "start", to: "the-letter" },
        { kind: "delete-node", node: "old" },
        { kind: "add-variable", name: "trust", value: 0 },
      ]),
    ).toBe(
      "Saved in the forms. Details: the title officers see; his background; the variable rapport. Node after-the-letter added. Node start renamed the-letter. Node old deleted. Variable trust added.",
    );
  });

  it("names options added, copied, moved and deleted, and new nodes made from where an option leads", () => {
    expect(
      saved([
        { kind: "add-choice", node: "n" },
        { kind: "duplicate-choice", node: "n", index: 0 },
        { kind: "delete-choice", node: "n", index: 2 },
        { kind: "goto-new-node", node: "n", owner: 0 },
      ]),
    ).toBe(
      "Saved in the forms. Node n: an option added; option 1 copied; option 3 deleted; option 1 (where it leads, to a new node).",
    );
  });

  it("cuts a long list, saying how many more", () => {
    const edits: Edit[] = Array.from({ length: 35 }, (_, i) => ({ kind: "delete-node", node: `n${i}` }));
    expect(saved(edits)).toMatch(/Node n29 deleted\. 5 more changes\.$/);
  });

  it("reads the other ways a revision is made, and a form's save from before the edits were kept", () => {
    expect(howInWords("form")).toBe("Saved in the forms");
    expect(howInWords("form:not json")).toBe("Saved in the forms");
    expect(howInWords("yaml")).toBe("Saved as YAML");
    expect(howInWords("yaml:not json")).toBe("Saved as YAML");
    expect(howInWords("wizard")).toBe("Created with the wizard");
    expect(howInWords("restore:3")).toBe("Revision 3 restored");
  });
});

const draft = readFileSync("test/fixtures/scenarios/valid.yaml", "utf8");
const savedAsYaml = (yaml: string) => howInWords(yamlSaveHow(draft, yaml));
const newNode = (id: string) =>
  `  ${id}:\n    prisoner: "Fine."\n    talk: neutral\n    ending: { outcome: undecided, label: "Ok" }\n`;

describe("a save as YAML in the draft's history", () => {
  it("names what it changed as the forms would, without the text", () => {
    const yaml = `${draft
      .replace(`"It's a waste of time."`, `"What do you want?"`)
      .replace("mi: closed_question", "mi: open_question")
      .replace(`"A closed question."`, `"An open question."`)}${newNode("after-talking")}`;
    expect(yamlSaveHow(draft, yaml)).not.toContain("What do you want?");
    expect(savedAsYaml(yaml)).toBe(
      "Saved as YAML. Node opening: the prisoner's line; option 2 (the MI code, the feedback). Node after-talking added.",
    );
  });

  it("says when only layout or comments changed", () => {
    const yaml = `# Checked with the team\n${draft.replace("variables: { rapport: 0 }", "variables:\n  rapport: 0")}`;
    expect(savedAsYaml(yaml)).toBe("Saved as YAML: only layout or comments changed");
  });

  it("names nodes renamed, moved and deleted, options added, moved and deleted, and the details", () => {
    const yaml = draft
      // Renamed, and every way to it with it: the forms' rename, not a node deleted and another added.
      .replaceAll(/\bmiddle\b/g, "talking")
      .replace(/ {2}end-engaged:\n.*\n.*\n.*\n/, "")
      .replace(
        /( {2}end-disengaged:\n.*\n.*\n.*\n)/,
        (node) =>
          `${node}  end-engaged:\n    prisoner: "Alright. I'll hear them out."\n    talk: change\n    ending: { outcome: engaged, label: "He agrees to meet the team" }\n`,
      )
      .replace(/ {6}- id: leaflet\n(.*\n){4}/, "")
      .replace(
        "      - id: affirm",
        '      - id: ask\n        say: "What brings you here?"\n        mi: open_question\n        goto: talking\n      - id: affirm',
      )
      .replace("variables: { rapport: 0 }", "variables: { rapport: 1, trust: 0 }")
      .replace(
        '  background: "Invented for a test."',
        '  background: "Invented for a test."\n  voice: "Short answers."',
      );
    expect(savedAsYaml(yaml)).toBe(
      "Saved as YAML. Details: the variable rapport; how he talks. Node opening: option 1 added; option 2 deleted. " +
        "Variable trust added. Node middle renamed talking. Node end-engaged moved.",
    );
    const reordered = draft.replace(
      /( {6}- id: reflect\n(?:.*\n){6})( {6}- id: warn\n(?:.*\n){4})/,
      (_, reflect: string, warn: string) => `${warn}${reflect}`,
    );
    expect(savedAsYaml(reordered)).toBe("Saved as YAML. Node middle: option 1 moved.");
  });

  it("cuts a long list, saying how many more", () => {
    const yaml = draft + Array.from({ length: 35 }, (_, i) => newNode(`n${i}`)).join("");
    expect(savedAsYaml(yaml)).toMatch(/Node n29 added\. 5 more changes\.$/);
  });

  it("says only that it was saved as YAML when either text is not a scenario the forms can read", () => {
    expect(howInWords(yamlSaveHow(draft, "title: [unclosed"))).toBe("Saved as YAML");
    expect(howInWords(yamlSaveHow("nodes: 3\n", draft))).toBe("Saved as YAML");
  });
});
