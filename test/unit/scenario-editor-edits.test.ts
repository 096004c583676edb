/**
 * Each kind of form edit on a small scenario with comments: what changes in the YAML (exactly),
 * what stays (comments, field order, quote style, every other line), and what is refused.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkScenario, MAX_FILE_BYTES, MAX_NODES } from "~/domain/scenario";
import { applyEdits, type Edit } from "~/domain/scenario/editor/edits";
import { readScenarioForm } from "~/domain/scenario/editor/read-form";

const small = readFileSync(fileURLToPath(new URL("../fixtures/editor/small.yaml", import.meta.url)), "utf8");

function edit(...edits: Edit[]): string {
  const result = applyEdits(small, edits);
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  expect(result.changed).toBe(true);
  return result.yaml;
}

function refusal(text: string, ...edits: Edit[]) {
  const result = applyEdits(text, edits);
  if (result.ok) throw new Error("expected a refusal");
  expect(result.message).not.toBe("");
  return result;
}

/** `small` with one piece of text replaced, failing loudly if that text is not there exactly once. */
function smallWith(from: string, to: string): string {
  expect(small.split(from)).toHaveLength(2);
  return small.replace(from, to);
}

// The errors only: `small` leaves some options without feedback (a warning), so a test can add it.
const errors = (text: string) =>
  checkScenario(text, { moduleIds: ["test-module"] })
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.code} ${d.message}`);

describe("reading a scenario as a form", () => {
  it("lists nodes in file order with each field as written", () => {
    const read = readScenarioForm(small);
    if (!read.ok) throw new Error("not editable");
    const { form } = read;
    expect(form.nodes.map((n) => n.id)).toEqual(["opening", "middle", "end-engaged", "end-disengaged"]);
    expect(form.variables).toEqual([{ name: "rapport", value: "0" }]);
    expect(form.nodes[0].choices[0]).toEqual({
      id: "reflect",
      say: "You can't see the point.",
      mi: "simple_reflection",
      feedback: "A simple reflection.",
      effects: [{ variable: "rapport", amount: "1" }],
      goto: { branching: false, branches: [{ if: null, node: "middle" }] },
    });
    expect(form.nodes[1].choices[0].goto).toEqual({
      branching: true,
      branches: [
        { if: "rapport >= 1", node: "end-engaged" },
        { if: null, node: "end-disengaged" },
      ],
    });
    expect(form.nodes[3].ending).toEqual({ outcome: "disengaged", label: "He walks off" });
    expect(form.yamlOnly).toEqual([]);
  });

  it("shows a draft with errors, and lists what only the YAML view can change", () => {
    const text = smallWith(
      '        feedback: "A simple reflection."',
      '        feedbak: "A simple reflection."',
    ).replace('    prisoner: "Alright."', "    prisoner: [Alright]");
    const read = readScenarioForm(text);
    if (!read.ok) throw new Error("not editable");
    expect(read.form.yamlOnly).toEqual([
      { path: ["nodes", "opening", "choices", 0, "feedbak"], reason: "'feedbak' is not a field the form knows" },
      {
        path: ["nodes", "end-engaged", "prisoner"],
        reason: "'prisoner' should be text, but it is a list or a group of fields",
      },
    ]);
    expect(read.form.nodes[0].choices[0].feedback).toBeNull();
    // Edits elsewhere leave those parts exactly as they were.
    const result = applyEdits(text, [{ kind: "set-text", path: ["title"], value: "Smaller" }]);
    expect(result.ok && result.yaml).toBe(text.replace('title: "Small"', 'title: "Smaller"'));
  });

  it("refuses files the forms cannot show, saying why", () => {
    for (const text of [
      "id: x\n  bad: indent\n",
      "- a list\n",
      "a: &anchor 1\nb: *anchor\n",
      "nodes:\n  a: {}\n  a: {}\n",
    ]) {
      const read = readScenarioForm(text);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.diagnostics.length).toBeGreaterThan(0);
      refusal(text, { kind: "set-text", path: ["title"], value: "x" });
    }
  });
});

describe("setting fields", () => {
  it("changes a text in place, keeping its quotes and the comments around it", () => {
    expect(edit({ kind: "set-text", path: ["nodes", "opening", "prisoner"], value: 'It\'s "pointless": #1' })).toBe(
      smallWith(`prisoner: "What's the point?"`, `prisoner: "It's \\"pointless\\": #1"`),
    );
  });

  it("quotes a plain value that would otherwise read as something else", () => {
    const out = edit({ kind: "set-text", path: ["module"], value: "yes: no" });
    expect(out).toBe(smallWith("module: test-module", 'module: "yes: no"'));
  });

  it("adds a missing field where the format's order puts it, styled like the file's other values", () => {
    expect(edit({ kind: "set-text", path: ["nodes", "opening", "choices", 2, "feedback"], value: "A warning." })).toBe(
      smallWith(
        "        mi: confront\n        goto: end-disengaged",
        '        mi: confront\n        feedback: "A warning."\n        goto: end-disengaged',
      ),
    );
  });

  it("removes an optional field when it is emptied", () => {
    expect(edit({ kind: "set-text", path: ["nodes", "opening", "choices", 0, "feedback"], value: null })).toBe(
      smallWith('        feedback: "A simple reflection."\n', ""),
    );
  });

  it("sets, adds and removes effects", () => {
    expect(edit({ kind: "set-number", path: ["nodes", "opening", "choices", 0, "effects", "rapport"], value: 2 })).toBe(
      smallWith("effects: { rapport: 1 }", "effects: { rapport: 2 }"),
    );
    expect(
      edit({ kind: "set-number", path: ["nodes", "opening", "choices", 2, "effects", "rapport"], value: -1 }),
    ).toBe(smallWith("        mi: confront\n", "        mi: confront\n        effects: { rapport: -1 }\n"));
    expect(
      edit({ kind: "set-number", path: ["nodes", "opening", "choices", 0, "effects", "rapport"], value: null }),
    ).toBe(smallWith("        effects: { rapport: 1 }\n", ""));
  });

  it("makes a write or an ending group when its first field is set", () => {
    const out = edit(
      { kind: "set-node-kind", node: "middle", to: "ending" },
      { kind: "set-text", path: ["nodes", "middle", "ending", "outcome"], value: "undecided" },
      { kind: "set-text", path: ["nodes", "middle", "ending", "label"], value: "He thinks about it" },
    );
    expect(out).toContain(
      '  middle:\n    prisoner: "My kids, I suppose."\n    talk: change\n    ending: { outcome: undecided, label: "He thinks about it" }\n  end-engaged:',
    );
  });

  it("refuses a field that is not part of a scenario", () => {
    refusal(small, { kind: "set-text", path: ["nodes", "opening", "colour"], value: "red" });
    refusal(small, { kind: "set-text", path: ["nodes", "nowhere", "prisoner"], value: "x" });
    refusal(small, { kind: "set-text", path: ["nodes", "opening", "choices", 9, "say"], value: "x" });
  });

  it("returns the same bytes when a value is set to what it already is", () => {
    const result = applyEdits(small, [
      { kind: "set-text", path: ["nodes", "opening", "talk"], value: "sustain" },
      { kind: "set-number", path: ["variables", "rapport"], value: 0 },
      { kind: "set-goto", node: "opening", owner: 0, branches: [{ if: null, node: "middle" }] },
    ]);
    expect(result).toEqual({ ok: true, yaml: small, changed: false, nodeId: undefined });
  });
});

describe("where an option leads", () => {
  it("changes a plain goto in place, keeping its comment", () => {
    expect(edit({ kind: "set-goto", node: "opening", owner: 0, branches: [{ if: null, node: "end-engaged" }] })).toBe(
      smallWith("goto: middle # leads on", "goto: end-engaged # leads on"),
    );
  });

  it("adds a condition before the last branch, and removing it gives a plain goto back", () => {
    const branched = edit({ kind: "add-branch", node: "opening", owner: 1 });
    expect(branched).toBe(
      smallWith(
        "        mi: open_question\n        goto: middle",
        '        mi: open_question\n        goto:\n          - { if: "rapport >= 1", node: middle }\n          - { node: middle }',
      ),
    );
    const back = applyEdits(branched, [{ kind: "delete-branch", node: "opening", owner: 1, index: 0 }]);
    expect(back.ok && back.yaml).toBe(small);
  });

  it("edits the branches of a branching goto in place", () => {
    expect(
      edit({
        kind: "set-goto",
        node: "middle",
        owner: 0,
        branches: [
          { if: "rapport >= 2", node: "end-engaged" },
          { if: null, node: "end-disengaged" },
        ],
      }),
    ).toBe(smallWith('{ if: "rapport >= 1", node: end-engaged }', '{ if: "rapport >= 2", node: end-engaged }'));
  });

  it("goes to a new node, made before the endings at the end of the file", () => {
    const result = applyEdits(small, [{ kind: "goto-new-node", node: "opening", owner: 2 }]);
    if (!result.ok) throw new Error(result.message);
    expect(result.nodeId).toBe("after-warn");
    expect(result.yaml).toBe(
      smallWith("goto: end-disengaged\n  middle:", "goto: after-warn\n  middle:").replace(
        "  end-engaged:\n",
        "  after-warn: {}\n  end-engaged:\n",
      ),
    );
    // The new node is reported at its fields until it is written.
    expect(errors(result.yaml)).toEqual([
      "schema Node 'after-warn' is missing 'prisoner'.",
      "schema Node 'after-warn' is missing 'talk'.",
    ]);
    // Filling it in gives a node in the file's layout.
    const filled = applyEdits(result.yaml, [
      { kind: "set-text", path: ["nodes", "after-warn", "prisoner"], value: "Here we go." },
      { kind: "set-text", path: ["nodes", "after-warn", "talk"], value: "discord" },
      { kind: "set-node-kind", node: "after-warn", to: "ending" },
      { kind: "set-text", path: ["nodes", "after-warn", "ending", "outcome"], value: "disengaged" },
      { kind: "set-text", path: ["nodes", "after-warn", "ending", "label"], value: "He shuts the door" },
    ]);
    if (!filled.ok) throw new Error(filled.message);
    expect(filled.yaml).toContain(
      '  after-warn:\n    prisoner: "Here we go."\n    talk: discord\n    ending: { outcome: disengaged, label: "He shuts the door" }\n',
    );
    expect(errors(filled.yaml)).toEqual([]);
  });

  it("names a new node after the first words of an option whose id is only its number", () => {
    const result = applyEdits(small, [
      { kind: "add-choice", node: "opening" },
      { kind: "set-text", path: ["nodes", "opening", "choices", 3, "say"], value: "You sound fed up with it all." },
      { kind: "goto-new-node", node: "opening", owner: 3 },
    ]);
    if (!result.ok) throw new Error(result.message);
    expect(result.yaml).toContain("- id: option-4\n");
    expect(result.nodeId).toBe("after-you-sound-fed");
    // Without words, the number it is.
    const bare = applyEdits(small, [
      { kind: "add-choice", node: "opening" },
      { kind: "goto-new-node", node: "opening", owner: 3 },
    ]);
    expect(bare.ok && bare.nodeId).toBe("after-option-4");
  });
});

describe("nodes", () => {
  it("adds a node after another", () => {
    const result = applyEdits(small, [
      { kind: "add-node", after: "opening", newNode: { id: "aside", prisoner: "Hang on.", talk: "neutral" } },
    ]);
    if (!result.ok) throw new Error(result.message);
    expect(result.nodeId).toBe("aside");
    expect(result.yaml).toBe(
      smallWith("  middle:\n", '  aside:\n    prisoner: "Hang on."\n    talk: neutral\n  middle:\n'),
    );
  });

  it("keeps a file's blank lines between nodes, and refuses an id that is taken", () => {
    const spaced = small.replace("\n  middle:", "\n\n  middle:").replace("\n  end-engaged:", "\n\n  end-engaged:");
    const result = applyEdits(spaced, [
      { kind: "add-node", after: "middle", newNode: { id: "aside", talk: "neutral" } },
    ]);
    expect(result.ok && result.yaml).toBe(
      spaced.replace("\n\n  end-engaged:", "\n\n  aside:\n    talk: neutral\n\n  end-engaged:"),
    );
    expect(refusal(small, { kind: "add-node", newNode: { id: "middle" } }).message).toMatch(
      /already a node called 'middle'/,
    );
  });

  it("duplicates a node under a free id, without the comment above the original", () => {
    const once = applyEdits(small, [{ kind: "duplicate-node", node: "end-disengaged" }]);
    if (!once.ok) throw new Error(once.message);
    expect(once.nodeId).toBe("end-disengaged-copy");
    expect(once.yaml).toBe(
      `${small}  end-disengaged-copy:\n    prisoner: "Whatever."\n    talk: discord\n    ending: { outcome: disengaged, label: "He walks off" }\n`,
    );
    const twice = applyEdits(once.yaml, [{ kind: "duplicate-node", node: "end-disengaged" }]);
    expect(twice.ok && twice.nodeId).toBe("end-disengaged-copy-2");
  });

  it("moves a node with the comment above it, even the first node's", () => {
    const out = edit({ kind: "move-node", node: "opening", to: 1 });
    const opening = small.slice(small.indexOf("  # The first thing he says."), small.indexOf("  middle:"));
    const middle = small.slice(small.indexOf("  middle:"), small.indexOf("  end-engaged:"));
    expect(out).toBe(small.replace(opening + middle, middle + opening));
    const back = applyEdits(out, [{ kind: "move-node", node: "opening", to: 0 }]);
    expect(back.ok && back.yaml).toBe(small);
  });

  it("deletes a node; gotos to it are then reported at their fields", () => {
    const out = edit({ kind: "delete-node", node: "middle" });
    expect(out).toBe(small.replace(small.slice(small.indexOf("  middle:"), small.indexOf("  end-engaged:")), ""));
    const check = checkScenario(out, { moduleIds: ["test-module"] });
    expect(check.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.path])).toEqual([
      ["goto-unknown-node", ["nodes", "opening", "choices", 0, "goto"]],
      ["goto-unknown-node", ["nodes", "opening", "choices", 1, "goto"]],
      ["unreachable-node", ["nodes", "end-engaged"]],
    ]);
  });

  it("renames a node: the start and every goto follow, comments stay", () => {
    const result = applyEdits(small, [{ kind: "rename-node", node: "end-disengaged", to: "walks-off" }]);
    if (!result.ok) throw new Error(result.message);
    expect(result.nodeId).toBe("walks-off");
    expect(result.yaml).toBe(small.replaceAll("end-disengaged", "walks-off"));
    const start = applyEdits(small, [{ kind: "rename-node", node: "opening", to: "first" }]);
    expect(start.ok && start.yaml).toBe(
      small.replace("start: opening", "start: first").replace("  opening:", "  first:"),
    );
  });

  it("refuses a rename to an id that is taken or badly written", () => {
    expect(refusal(small, { kind: "rename-node", node: "middle", to: "opening" }).message).toMatch(/already a node/);
    expect(refusal(small, { kind: "rename-node", node: "middle", to: "Middle Bit" }).message).toMatch(/not a valid/);
    expect(refusal(small, { kind: "rename-node", node: "gone", to: "here" }).message).toMatch(/no node called 'gone'/);
  });

  it("changes what happens after his line, replacing the options", () => {
    expect(edit({ kind: "set-node-kind", node: "middle", to: "write" })).toBe(
      small.replace(
        small.slice(small.indexOf("    choices:\n      - id: reflect-kids"), small.indexOf("  end-engaged:")),
        "    write: {}\n",
      ),
    );
  });
});

describe("options", () => {
  it("adds an option at the end, with a free id and the fields given", () => {
    expect(
      edit({
        kind: "add-choice",
        node: "middle",
        choice: { say: "Tell me about them.", mi: "open_question", goto: "end-engaged" },
      }),
    ).toBe(
      smallWith(
        "          - { node: end-disengaged }\n",
        '          - { node: end-disengaged }\n      - id: option-2\n        say: "Tell me about them."\n        mi: open_question\n        goto: end-engaged\n',
      ),
    );
  });

  it("duplicates an option after itself under a free id", () => {
    const out = edit({ kind: "duplicate-choice", node: "opening", index: 1 });
    const ask =
      '      - id: ask\n        say: "What would make a difference?"\n        mi: open_question\n        goto: middle\n';
    expect(out).toBe(smallWith(ask, ask + ask.replace("id: ask", "id: ask-copy")));
  });

  it("moves an option with its comment, and back again to the same bytes", () => {
    const out = edit({ kind: "move-choice", node: "opening", index: 0, to: 2 });
    const reflect = small.slice(small.indexOf("      # The reflection."), small.indexOf("      - id: ask"));
    expect(out).toBe(small.replace(reflect, "").replace("  middle:\n", `${reflect}  middle:\n`));
    const back = applyEdits(out, [{ kind: "move-choice", node: "opening", index: 2, to: 0 }]);
    expect(back.ok && back.yaml).toBe(small);
  });

  it("deletes an option", () => {
    expect(edit({ kind: "delete-choice", node: "opening", index: 1 })).toBe(
      smallWith(
        '      - id: ask\n        say: "What would make a difference?"\n        mi: open_question\n        goto: middle\n',
        "",
      ),
    );
  });

  it("refuses an option that is no longer there", () => {
    expect(refusal(small, { kind: "delete-choice", node: "opening", index: 3 }).path).toEqual([
      "nodes",
      "opening",
      "choices",
    ]);
  });
});

describe("variables", () => {
  it("adds and deletes variables", () => {
    expect(edit({ kind: "add-variable", name: "trust", value: 2 })).toBe(
      smallWith("  rapport: 0\n", "  rapport: 0\n  trust: 2\n"),
    );
    expect(edit({ kind: "delete-variable", name: "rapport" })).toBe(smallWith("variables:\n  rapport: 0\n", ""));
    refusal(small, { kind: "add-variable", name: "rapport", value: 1 });
    refusal(small, { kind: "add-variable", name: "Trust Level", value: 1 });
  });
});

describe("limits", () => {
  const big = (count: number) =>
    `id: big\nnodes:\n${Array.from({ length: count }, (_, i) => `  n${i}:\n    prisoner: "Line ${i}"\n`).join("")}`;

  it("refuses a new node beyond the node limit, with the figure", () => {
    const full = big(MAX_NODES);
    for (const e of [{ kind: "add-node" }, { kind: "duplicate-node", node: "n1" }] as Edit[])
      expect(refusal(full, e).message).toContain(`already has ${MAX_NODES} nodes`);
    const almost = applyEdits(big(MAX_NODES - 1), [{ kind: "add-node" }]);
    expect(almost.ok).toBe(true);
  });

  it("refuses a change that would take the file over the size limit, with the figure", () => {
    const long = "x".repeat(2000);
    const text = `id: big\nnodes:\n${Array.from({ length: 120 }, (_, i) => `  n${i}:\n    prisoner: "${long}"\n`).join("")}`;
    expect(text.length).toBeLessThan(MAX_FILE_BYTES);
    const result = refusal(text, { kind: "set-text", path: ["nodes", "n0", "prisoner"], value: "y".repeat(30_000) });
    expect(result.message).toMatch(/would make the scenario 2\d\d KB; the most it can be is 256 KB/);
  });
});
