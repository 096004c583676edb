/**
 * The draft's history says what each save in the forms changed, in the forms' words, from the
 * short list of edits kept with the revision (never the text, which the revision itself holds).
 */
import { describe, expect, it } from "vitest";
import type { Edit } from "~/domain/scenario/editor/edits";
import { formSaveHow, howInWords } from "~/studio/revision-words.server";

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
    expect(howInWords("wizard")).toBe("Created with the wizard");
    expect(howInWords("restore:3")).toBe("Revision 3 restored");
  });
});
