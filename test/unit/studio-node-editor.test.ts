/**
 * The node form as a browser without JavaScript would use it: the server-rendered markup is read
 * back into what the browser would submit, and the server's parser turns that into edits. An
 * untouched form saves nothing; every control changes what it names; bad input is refused at its
 * field; each finding of the validator is shown at a field the error summary can link to.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkScenario } from "~/domain/scenario";
import { applyEdits } from "~/domain/scenario/editor/edits";
import {
  findingsFor,
  placeDiagnostics,
  SCENARIO_FIELD,
  scenarioFieldNames,
} from "~/domain/scenario/editor/field-diagnostics";
import { NEW_NODE, type ScenarioForm } from "~/domain/scenario/editor/form-model";
import { INTENT } from "~/domain/scenario/editor/intents";
import { readScenarioForm } from "~/domain/scenario/editor/read-form";
import { FindingsSummary, type FieldState } from "~/studio/editor-fields";
import { NodeEditorFields } from "~/studio/node-editor";
import { nodeFormEdits } from "~/studio/node-form.server";
import { controlsOf, formDataOf, idsOf, type Control } from "../support/html-form";

const scenarios = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const fixtures = fileURLToPath(new URL("../fixtures/scenarios/", import.meta.url));
const small = readFileSync(fileURLToPath(new URL("../fixtures/editor/small.yaml", import.meta.url)), "utf8");
const shipped = readdirSync(scenarios)
  .filter((f) => f.endsWith(".yaml") && f !== "modules.yaml")
  .map((f) => [f, readFileSync(scenarios + f, "utf8")] as const);

function formOf(text: string): ScenarioForm {
  const read = readScenarioForm(text);
  if (!read.ok) throw new Error("not editable");
  return read.form;
}

function render(form: ScenarioForm, nodeId: string, state: FieldState = { findings: {} }): string {
  const node = form.nodes.find((n) => n.id === nodeId)!;
  return renderToStaticMarkup(createElement("form", null, createElement(NodeEditorFields, { form, node, state })));
}

function submit(text: string, nodeId: string, changes: Record<string, string> = {}) {
  const form = formOf(text);
  const data = formDataOf(controlsOf(render(form, nodeId)), changes);
  return nodeFormEdits(form, data);
}

function saved(text: string, nodeId: string, changes: Record<string, string> = {}) {
  const parsed = submit(text, nodeId, changes);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const result = applyEdits(text, parsed.edits);
  if (!result.ok) throw new Error(result.message);
  return { ...result, edits: parsed.edits };
}

describe("an untouched node form", () => {
  it.each(shipped)("saves nothing, for every node of %s", (_name, text) => {
    for (const node of formOf(text).nodes) {
      const result = saved(text, node.id);
      expect(result.edits).toEqual([]);
      expect(result.yaml).toBe(text);
    }
  });

  it("saves nothing for a draft with errors either (unknown codes and broken links are kept as they are)", () => {
    const text = small
      .replace("mi: confront", "mi: reflect")
      .replace("talk: change\n    choices", "talk: chnage\n    choices")
      .replace("goto: end-disengaged\n  middle", "goto: end-disengaged-x\n  middle");
    for (const node of formOf(text).nodes) expect(saved(text, node.id).yaml).toBe(text);
  });
});

describe("each control of the node form", () => {
  // A new value for each kind of control, valid for what it names.
  const newValue = (c: Control): string | null => {
    if (c.kind === "select" || c.kind === "radio")
      return c.options.find((o) => o && o !== c.value && o !== NEW_NODE) ?? null;
    if (c.name.endsWith(".id")) return `${c.value}-b`;
    if (/\.effects\.|\.value$/.test(c.name)) return String(Number(c.value || 0) + 1);
    return `${c.value} (changed)`;
  };

  it.each([
    ["opening", small],
    ["middle", small],
    ["end-engaged", small],
    // A written-reply node of a shipped scenario.
    ...shipped
      .map(([, text]) => [formOf(text).nodes.find((n) => n.kinds[0] === "write")?.id, text] as const)
      .filter((pair): pair is [string, string] => pair[0] !== undefined)
      .slice(0, 1),
  ])("changes the YAML when changed (node %s)", (nodeId, text) => {
    const controls = controlsOf(render(formOf(text), nodeId)).filter((c) => c.name !== "node");
    expect(controls.length).toBeGreaterThan(3);
    for (const c of controls) {
      const value = newValue(c);
      if (value === null) continue;
      const result = saved(text, nodeId, { [c.name]: value });
      expect(result.changed, c.name).toBe(true);
    }
  });

  it("renames a node with every goto to it, along with other changes in the same save", () => {
    const result = saved(small, "middle", {
      "nodes.middle.id": "kids",
      "nodes.middle.prisoner": "My kids,\r\n  I suppose.",
    });
    expect(result.edits.at(-1)).toEqual({ kind: "rename-node", node: "middle", to: "kids" });
    expect(result.nodeId).toBe("kids");
    expect(result.yaml).toBe(
      small
        .replaceAll("goto: middle", "goto: kids")
        .replace('  middle:\n    prisoner: "My kids, I suppose."', '  kids:\n    prisoner: "My kids, I suppose."'),
    );
  });

  it("goes to a new node when 'A new node' is chosen", () => {
    const result = saved(small, "opening", { "nodes.opening.choices.2.goto.0.node": NEW_NODE });
    expect(result.nodeId).toBe("after-warn");
    expect(result.yaml).toContain("goto: after-warn\n");
    expect(result.yaml).toContain("  after-warn: {}\n  end-engaged:");
  });

  it("keeps what was typed when a button is used: the button's change and the typing both land", () => {
    const result = saved(small, "opening", {
      "nodes.opening.prisoner": "What's the point of any of it?",
      [INTENT]: "move-choice:2:1",
    });
    expect(result.edits).toEqual([
      { kind: "set-text", path: ["nodes", "opening", "prisoner"], value: "What's the point of any of it?" },
      { kind: "move-choice", node: "opening", index: 2, to: 1 },
    ]);
    const form = formOf(result.yaml);
    expect(form.nodes[0].choices.map((c) => c.id)).toEqual(["reflect", "warn", "ask"]);
  });

  it("edits a condition as a variable, a comparison and a number", () => {
    const result = saved(small, "middle", {
      "nodes.middle.choices.0.goto.0.if.op": "<",
      "nodes.middle.choices.0.goto.0.if.value": "3",
    });
    expect(result.yaml).toBe(small.replace('if: "rapport >= 1"', 'if: "rapport < 3"'));
  });

  it("offers each button as an intent the server understands", () => {
    const html = render(formOf(small), "middle");
    const intents = [...html.matchAll(/name="intent" value="([^"]*)"/g)].map((m) => m[1]);
    expect(intents).toEqual([
      "save",
      "delete-branch:0:0",
      "delete-branch:0:1",
      "add-branch:0",
      "duplicate-choice:0",
      "delete-choice:0",
      "add-choice",
      "save",
      "duplicate-node",
    ]);
    for (const intent of intents) expect(saved(small, "middle", { [INTENT]: intent }).edits).toBeDefined();
  });
});

describe("the MI code's help on each option", () => {
  const rules = [
    "If unsure between simple and complex reflection, it is simple.",
    "If unsure between persuading and giving information, it is giving information.",
    "A question that carries a judgement is confronting.",
    "“Well done” or “I’m proud of you” is not an affirmation.",
  ];

  it("gives scenarios/README's coding rules once, folded above the options, not beside every option's code", () => {
    const html = render(formOf(small), "opening");
    const hint = (i: number) => new RegExp(`id="field-nodes\\.opening\\.choices\\.${i}\\.mi-hint"[^>]*>([^<]*)<`);
    for (const i of [0, 1, 2])
      expect(hint(i).exec(html)?.[1]).toBe(
        "The MITI 4.2.1 code of what the officer says. See “How to choose the MI code” above the options.",
      );
    const folded =
      /<details class="govuk-details"><summary[^>]*><span[^>]*>How to choose the MI code<\/span><\/summary>(.*?)<\/details>/s.exec(
        html,
      )?.[1];
    for (const rule of rules) {
      expect(folded).toContain(`<li>${rule}</li>`);
      expect(html.split(rule)).toHaveLength(2);
    }
    expect(html.indexOf("How to choose the MI code</span>")).toBeLessThan(
      html.indexOf('name="nodes.opening.choices.0.say"'),
    );
  });
});

describe("bad input on the node form", () => {
  const refused = (changes: Record<string, string>, nodeId = "opening") => {
    const result = submit(small, nodeId, changes);
    if (result.ok) throw new Error("expected a refusal");
    return result.errors;
  };

  it("is refused with a message at the field, and nothing is saved", () => {
    expect(refused({ "nodes.opening.prisoner": "" })).toEqual({ "nodes.opening.prisoner": "Enter what he says" });
    expect(refused({ "nodes.opening.choices.0.say": "x".repeat(1001) })).toEqual({
      "nodes.opening.choices.0.say": "What the officer says in option 1 must be 1000 characters or fewer",
    });
    expect(refused({ "nodes.opening.choices.0.say": "Hidden\u202etext" })).toEqual({
      "nodes.opening.choices.0.say": "What the officer says in option 1 must not contain hidden or control characters",
    });
    expect(refused({ "nodes.opening.choices.1.mi": "reflect" })).toEqual({
      "nodes.opening.choices.1.mi": "Choose the MI code of option 2 from the list",
    });
    expect(refused({ "nodes.opening.choices.0.goto.0.node": "nowhere" })).toEqual({
      "nodes.opening.choices.0.goto.0.node": "Choose where it leads from the list",
    });
    expect(refused({ "nodes.opening.id": "The Opening" })).toEqual({
      "nodes.opening.id": "Node id must be lower-case letters, digits and single hyphens (at most 80), like opens-up",
    });
    expect(refused({ "nodes.opening.choices.0.effects.rapport": "lots" })).toEqual({
      "nodes.opening.choices.0.effects.rapport":
        "Change to rapport in option 1 must be a whole number, such as 1 or -2",
    });
    expect(refused({ "nodes.opening.talk": "angry" })).toEqual({
      "nodes.opening.talk": "Choose the talk type from the list",
    });
  });

  it("refuses a stale or forged form as a whole", () => {
    expect(refused({ node: "gone" })).toEqual({ form: expect.stringContaining("out of date") });
    expect(refused({ [INTENT]: "drop-table" })).toEqual({ form: expect.stringContaining("out of date") });
  });

  it("refuses a forged button naming an option, branch or written reply the node does not have, and changes nothing", () => {
    const refusal = (nodeId: string, intent: string) => {
      const parsed = submit(small, nodeId, { [INTENT]: intent });
      if (!parsed.ok) throw new Error("the form itself is fine");
      return applyEdits(small, parsed.edits);
    };
    const missingOption = {
      ok: false,
      path: ["nodes", "opening", "choices"],
      message: expect.stringMatching(/no option/),
    };
    for (const intent of ["delete-choice:3", "duplicate-choice:9999", "move-choice:9999:0", "add-branch:7"])
      expect(refusal("opening", intent)).toEqual(missingOption);
    expect(refusal("end-engaged", "delete-choice:0")).toMatchObject({
      ok: false,
      path: ["nodes", "end-engaged", "choices"],
    });
    // A node with options has no written reply: no goto is made up for one.
    for (const [nodeId, intent] of [
      ["opening", "add-branch:write"],
      ["end-engaged", "add-branch:write"],
      ["middle", "delete-branch:write:0"],
    ])
      expect(refusal(nodeId, intent)).toMatchObject({ ok: false, message: expect.stringMatching(/written reply/) });
    // A plain goto has no branch to remove; a branched one has no branch 3.
    expect(refusal("opening", "delete-branch:0:0")).toMatchObject({
      ok: false,
      message: "That branch no longer exists.",
    });
    expect(refusal("middle", "delete-branch:0:2")).toMatchObject({
      ok: false,
      message: "That branch no longer exists.",
    });
    // Moving past the end moves to the end.
    const moved = refusal("opening", "move-choice:0:9999");
    if (!moved.ok) throw new Error(moved.message);
    expect(formOf(moved.yaml).nodes[0].choices.map((c) => c.id)).toEqual(["ask", "warn", "reflect"]);
  });

  it("never fails on any button value, and a refused one changes nothing", () => {
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc
        .tuple(
          fc.constantFrom("delete-choice", "duplicate-choice", "move-choice", "add-branch", "delete-branch"),
          fc.array(fc.oneof(fc.nat(10_000), fc.constant("write"), fc.string({ maxLength: 4 })), { maxLength: 3 }),
        )
        .map(([kind, parts]) => [kind, ...parts].join(":")),
    );
    fc.assert(
      fc.property(fc.constantFrom("opening", "middle", "end-engaged"), value, (nodeId, intent) => {
        const parsed = submit(small, nodeId, { [INTENT]: intent });
        if (!parsed.ok) {
          expect(parsed.errors).toEqual({ form: expect.stringContaining("out of date") });
          return;
        }
        const result = applyEdits(small, parsed.edits);
        if (result.ok) expect(checkScenario(result.yaml).diagnostics.some((d) => d.code === "schema")).toBe(false);
        else expect(result.message).toMatch(/any more|no longer exists|Reload/);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a rename to a node id that is taken, at the id field", () => {
    const parsed = submit(small, "middle", { "nodes.middle.id": "opening" });
    if (!parsed.ok) throw new Error("the form itself is fine");
    const result = applyEdits(small, parsed.edits);
    expect(result).toMatchObject({
      ok: false,
      path: ["nodes", "middle", "id"],
      message: expect.stringMatching(/already a node/),
    });
  });
});

// Where each kind of finding is shown: the field the trainer has to change.
const EXPECTED_FIELD: Record<string, RegExp> = {
  schema: /./,
  "empty-text": /\.(prisoner|say|feedback|label|prompt)$|^(title|summary|persona\.name|persona\.background)$/,
  "id-mismatch": /^id$/,
  "unknown-module": /^module$/,
  "start-missing": /^start$/,
  "goto-unknown-node": /\.goto\.\d+\.node$/,
  "unreachable-node": /^nodes\.[a-z0-9-]+$/,
  "dead-end": /\.kind$/,
  trap: /^nodes\.[a-z0-9-]+$/,
  "no-ending": /^nodes$/,
  "ending-with-choices": /\.(choices|write)$/,
  "choices-and-write": /\.write$/,
  "undeclared-variable": /\.effects\.[a-z_]+$|\.if$/,
  "bad-condition": /\.goto\.\d+(\.if)?$/,
  "goto-no-fallback": /\.goto\.\d+$/,
  "duplicate-choice": /\.choices\.\d+\.id$/,
  "duplicate-choice-text": /\.choices\.\d+\.say$/,
  "no-mi-consistent-option": /\.choices$/,
  "confront-path-to-engaged": /\.choices\.\d+\.mi$/,
  "too-many-choices": /\.choices$/,
  "branch-never-taken": /\.goto\.\d+$/,
  "shared-reply": /^nodes\.[a-z0-9-]+$/,
};

describe("findings at their fields", () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith(".yaml") && !f.startsWith("modules-"));

  it.each(files)("%s: each finding sits at the field to change, and the summary links to it", (name) => {
    const text = readFileSync(fixtures + name, "utf8");
    const read = readScenarioForm(text);
    const diagnostics = checkScenario(text, { file: name, moduleIds: ["test-module"] }).diagnostics;
    if (!read.ok) {
      // Not YAML, an alias, two nodes with one id, too big: these stay in the YAML view.
      expect(["yaml-syntax", "yaml-alias", "duplicate-node", "file-too-large", "too-many-nodes"]).toContain(
        diagnostics[0].code,
      );
      return;
    }
    const placed = placeDiagnostics(read.form, diagnostics);
    expect(placed).toHaveLength(diagnostics.length);
    for (const finding of placed) {
      expect(finding.field, finding.diagnostic.code).toMatch(EXPECTED_FIELD[finding.diagnostic.code]);
      if (finding.nodeId === null) {
        expect([SCENARIO_FIELD, ...scenarioFieldNames(read.form)]).toContain(finding.field);
        continue;
      }
      const state: FieldState = { findings: findingsFor(placed, finding.nodeId) };
      const html = render(read.form, finding.nodeId, state);
      expect(idsOf(html), finding.field).toContain(`field-${finding.field}`);
      expect(html).toContain(escape(finding.diagnostic.message));
      const summary = renderToStaticMarkup(createElement(FindingsSummary, { state, focus: false }));
      expect(summary).toContain(`href="#field-${finding.field}"`);
    }
  });

  it("explains a teaching warning in plain words, with what to do, beside the field", () => {
    const text = readFileSync(fixtures + "confront-path-to-engaged.yaml", "utf8");
    const form = formOf(text);
    const placed = placeDiagnostics(form, checkScenario(text, { moduleIds: ["test-module"] }).diagnostics);
    const warning = placed.find((p) => p.diagnostic.code === "confront-path-to-engaged")!;
    const html = render(form, warning.nodeId!, { findings: findingsFor(placed, warning.nodeId) });
    expect(html).toContain("the righting reflex");
    expect(html).toContain("What to do:</strong> Send this option to a path where he ends undecided at best");
    expect(html).toMatch(
      new RegExp(`id="field-${warning.field.replace(/\./g, "\\.")}-warning" class="govuk-warning-text`),
    );
  });
});

describe("the browser bundle", () => {
  // What the browser gets from a route: every module it imports except *.server ones (Remix leaves
  // those out), whole: a module's imports stay even when only its loader or action used them.
  const root = fileURLToPath(new URL("../../app/", import.meta.url));
  const resolve = (spec: string, from: string) => {
    const base = spec.startsWith("~/") ? root + spec.slice(2) : new URL(spec, `file://${from}`).pathname;
    return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((c) => existsSync(c));
  };
  function offendingImports(file: string, seen = new Set<string>()): string[] {
    if (seen.has(file)) return [];
    seen.add(file);
    const out: string[] = [];
    for (const m of readFileSync(file, "utf8").matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)";/gms)) {
      const [, typeOnly, spec] = m;
      if (typeOnly || spec.endsWith(".server")) continue;
      if (spec === "yaml" || spec === "zod") out.push(`${file.slice(root.length)} imports ${spec}`);
      const next = spec.startsWith("~/") || spec.startsWith(".") ? resolve(spec, file) : undefined;
      if (next) out.push(...offendingImports(next, seen));
    }
    return out;
  }

  it.each([
    "studio/node-editor.tsx",
    "studio/details-editor.tsx",
    "routes/studio.$scenarioId.nodes._index.tsx",
    "routes/studio.$scenarioId.nodes.$nodeId._index.tsx",
    "routes/studio.$scenarioId.nodes.$nodeId.delete.tsx",
    "routes/studio.$scenarioId.details.tsx",
    "routes/studio.$scenarioId.history.tsx",
    "routes/studio.$scenarioId.play.tsx",
    "routes/studio.new.tsx",
  ])("gets no YAML parser and no zod from %s", (file) => {
    expect(offendingImports(root + file)).toEqual([]);
  });
});

function escape(s: string) {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}
