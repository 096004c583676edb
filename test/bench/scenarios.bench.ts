/**
 * npm run bench:scenarios
 * Generates a 500-node scenario (the limit) and times parse + validate + compile, i.e.
 * checkScenario (YAML, schema, graph checks, stats) plus compileScenario. In the same run, Ink's
 * own compiler (inkjs) compiles a story of the same shape (the same knots, choices, variable and
 * conditional diverts, similar text), runs interleaved with Engage's so load falls on both alike.
 * Target: ratio engage/ink at most 0.33. Then times saving one node's form on the same file (form
 * -> edits -> YAML -> validate -> the map around the node). Target: under twice parse + validate +
 * compile, measured in the same runs; and, for comparison, the same save through the whole YAML
 * document (the path renames and new or moved nodes take). Prints figures; asserts nothing.
 */
import { performance } from "node:perf_hooks";
import { Compiler } from "inkjs/full";
import { LineCounter, parseDocument } from "yaml";
import { checkScenario, compileScenario, scenarioSchema, scenarioStats, type Scenario } from "~/domain/scenario";
import { parseYamlSource } from "~/domain/scenario/parse";
import { validateScenario } from "~/domain/scenario/validate";
import { generateConversation, toInk, toScenarioYaml } from "./generated-conversation";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { applyEditsToDocument } from "~/domain/scenario/editor/edits";
import { findNode } from "~/domain/scenario/editor/form-model";
import { formOfDocument, parseForEditing, readScenarioForm } from "~/domain/scenario/editor/read-form";
import { mapAround } from "~/studio/map.server";
import { NodeEditorFields } from "~/studio/node-editor";
import { nodeFormEdits } from "~/studio/node-form.server";
import { formEditedText } from "~/studio/editor.server";
import { checkParsed } from "~/domain/scenario/check";
import { controlsOf, formDataOf } from "../support/html-form";

const WARM_UP = 5;
const RUNS = 20;

function engageOnce(text: string): number {
  const t0 = performance.now();
  const result = checkScenario(text, { file: "generated.yaml" });
  if (!result.ok || !result.scenario)
    throw new Error(
      `Generated scenario has errors: ${result.diagnostics
        .slice(0, 3)
        .map((d) => `${d.line}: ${d.code} ${d.message}`)
        .join("; ")}`,
    );
  compileScenario(result.scenario);
  return performance.now() - t0;
}

function inkOnce(ink: string): number {
  const t0 = performance.now();
  const compiler = new Compiler(ink);
  compiler.Compile();
  const elapsed = performance.now() - t0;
  const problems = [...compiler.errors, ...compiler.warnings];
  if (problems.length) throw new Error(`Generated Ink story has errors: ${problems.slice(0, 3).join("; ")}`);
  return elapsed;
}

const median = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.ceil((sorted.length - 1) / 2)]) / 2;
};
const summary = (times: number[]) =>
  `min ${Math.min(...times).toFixed(1)} ms, median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`;

const conversation = generateConversation();
const text = toScenarioYaml(conversation);
const ink = toInk(conversation);
const check = checkScenario(text, { file: "generated.yaml" });
console.log(
  `generated: ${check.stats?.nodes} nodes, ${check.stats?.choices} choices, ${(text.length / 1024).toFixed(0)} KB, ${check.diagnostics.length} diagnostics`,
);
for (const d of check.diagnostics.slice(0, 5)) console.log(`  ${d.line}:${d.column} ${d.code} ${d.message}`);
const story = new Compiler(ink).Compile();
console.log(
  `ink: ${conversation.nodes.length + conversation.endings.length} knots, ${(ink.length / 1024).toFixed(0)} KB, first line "${story.Continue()?.trim()}", ${story.currentChoices.length} choices`,
);

for (let i = 0; i < WARM_UP; i++) {
  engageOnce(text);
  inkOnce(ink);
}
const engageTimes: number[] = [];
const inkTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  engageTimes.push(engageOnce(text));
  inkTimes.push(inkOnce(ink));
}
console.log(`engage: ${RUNS} runs (after ${WARM_UP} warm-up), ${summary(engageTimes)}`);
console.log(`ink:    ${RUNS} runs (after ${WARM_UP} warm-up), ${summary(inkTimes)}`);
// Where Engage's time goes, phase by phase (each timed on its own), and, for scale, the yaml
// package's full parser on the same text.
const timed = (run: () => unknown) =>
  median(
    Array.from({ length: RUNS }, () => {
      const t0 = performance.now();
      run();
      return performance.now() - t0;
    }),
  );
const parsed = parseYamlSource(text, { file: "generated.yaml", nodesKey: "nodes" });
const scenario = check.scenario as Scenario;
const phases = {
  "read YAML": timed(() => parseYamlSource(text, { file: "generated.yaml", nodesKey: "nodes" })),
  schema: timed(() => scenarioSchema.safeParse(parsed.value)),
  checks: timed(() => validateScenario(scenario, parsed.locator!, { file: "generated.yaml" })),
  stats: timed(() => scenarioStats(scenario)),
  compile: timed(() => compileScenario(scenario)),
};
console.log(
  `engage phases (medians): ${Object.entries(phases)
    .map(([phase, ms]) => `${phase} ${ms.toFixed(1)} ms`)
    .join(", ")}`,
);
const yamlPackage = timed(() => parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true }));
console.log(`for scale, the yaml package's parseDocument alone: median ${yamlPackage.toFixed(1)} ms`);
const engage = median(engageTimes);
const inkMedian = median(inkTimes);
console.log(
  `scenarios: 500 nodes ${engage.toFixed(1)} ms; ink ${inkMedian.toFixed(1)} ms; ratio ${(engage / inkMedian).toFixed(2)}`,
);

// Saving one node's form, as the studio does: the submitted form becomes edits (checked against
// the node as it is), the edits change the YAML, and the new text is validated and mapped around
// the node. The submission itself is what the node's page would send.
const EDITED = "n250";
const read = readScenarioForm(text);
if (!read.ok) throw new Error("The generated scenario cannot be shown as forms");
const page = renderToStaticMarkup(
  createElement(
    "form",
    null,
    createElement(NodeEditorFields, { form: read.form, node: findNode(read.form, EDITED)!, state: { findings: {} } }),
  ),
);
const submitted = formDataOf(controlsOf(page), {
  [`nodes.${EDITED}.prisoner`]: "Line 250: it's not that simple, is it?",
});

// As the studio saves it (editor.server.ts): the node's own lines are edited and the new text read once.
function saveOnce(): number {
  const t0 = performance.now();
  const result = formEditedText(text, (form) => nodeFormEdits(form, submitted), EDITED);
  if (result.kind !== "edited" || !result.changed) throw new Error(`the edit did not apply: ${JSON.stringify(result)}`);
  if (!result.parsed) throw new Error("the node's save went through the whole document");
  const after = checkParsed(result.parsed, { file: "generated.yaml" });
  if (!after.ok || !after.scenario) throw new Error("the edited scenario has errors");
  mapAround(after.scenario, EDITED);
  return performance.now() - t0;
}

// The whole-document path, which renames, new, copied, moved and deleted nodes still take.
function wholeSaveOnce(): number {
  const t0 = performance.now();
  const parsed = parseForEditing(text);
  if (!parsed.ok) throw new Error("not editable");
  const edits = nodeFormEdits(formOfDocument(parsed.doc, EDITED), submitted);
  if (!edits.ok) throw new Error(`form refused: ${JSON.stringify(edits.errors)}`);
  const result = applyEditsToDocument(parsed.doc, text, edits.edits);
  if (!result.ok || !result.changed) throw new Error("the edit did not apply");
  const after = checkScenario(result.yaml, { file: "generated.yaml" });
  if (!after.ok || !after.scenario) throw new Error("the edited scenario has errors");
  mapAround(after.scenario, EDITED);
  return performance.now() - t0;
}

for (let i = 0; i < WARM_UP; i++) {
  saveOnce();
  wholeSaveOnce();
}
// Alternate the measures so all see the same load on the machine.
const saves: number[] = [];
const wholeSaves: number[] = [];
const baselines: number[] = [];
for (let i = 0; i < RUNS; i++) {
  saves.push(saveOnce());
  baselines.push(engageOnce(text));
  wholeSaves.push(wholeSaveOnce());
}
const ratio = (times: number[]) => (median(times) / median(baselines)).toFixed(2);
console.log(
  `scenarios: 500 nodes, saving one node's form (form -> YAML -> validate -> map) ${median(saves).toFixed(1)} ms = ${ratio(saves)} x parse+validate+compile (${median(baselines).toFixed(1)} ms, same runs; target under 2 x)`,
);
console.log(
  `scenarios: 500 nodes, the same save through the whole YAML document (renames, new or moved nodes) ${median(wholeSaves).toFixed(1)} ms = ${ratio(wholeSaves)} x parse+validate+compile (same runs)`,
);
