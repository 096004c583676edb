/**
 * npm run bench:scenarios
 * Generates a 500-node scenario (the limit) and times parse + validate + compile, i.e.
 * checkScenario (YAML, schema, graph checks, stats) plus compileScenario. Target: under 100 ms.
 */
import { performance } from "node:perf_hooks";
import { LineCounter, parseDocument } from "yaml";
import { checkScenario, compileScenario, MAX_NODES } from "~/domain/scenario";

const WARM_UP = 5;
const RUNS = 20;
const CODES = ["complex_reflection", "open_question", "persuade"];

/**
 * A layered conversation: each node offers 3 choices (one with a branching goto) into the
 * next nodes; the tail ends. Flow style and short texts, so 500 nodes fit in the 256 KB limit.
 */
export function generateScenario(nodeCount = MAX_NODES): string {
  const endings = ["engaged", "undecided", "disengaged"];
  const choiceNodes = nodeCount - endings.length;
  const lines = [
    "id: generated",
    'title: "Generated benchmark scenario"',
    "module: bench",
    'summary: "A large generated conversation for timing the compiler."',
    'persona: { name: "Sam", background: "Invented for the benchmark." }',
    "start: n0",
    "variables: { rapport: 0 }",
    "nodes:",
  ];
  const target = (next: number, k: number) => (next < choiceNodes ? `n${next}` : `end-${endings[k % endings.length]}`);
  for (let i = 0; i < choiceNodes; i++) {
    lines.push(`  n${i}:`, `    prisoner: "Line ${i}: it's not that simple."`, "    talk: sustain", "    choices:");
    CODES.forEach((mi, k) => {
      // persuade never leads to the engaged ending, so the pedagogy warning stays quiet.
      const to = mi === "persuade" ? "end-disengaged" : target(i + 1 + k, k);
      const goto = k === 1 ? `[{ if: "rapport >= ${i % 5}", node: ${to} }, { node: ${target(i + 1, 0)} }]` : to;
      lines.push(
        `      - { id: c${k}, say: "Option ${k} at ${i}.", mi: ${mi}, effects: { rapport: ${mi === "persuade" ? -1 : 1} }, goto: ${goto} }`,
      );
    });
  }
  for (const outcome of endings) {
    lines.push(
      `  end-${outcome}:`,
      '    prisoner: "Right."',
      "    talk: neutral",
      `    ending: { outcome: ${outcome}, label: "It ends ${outcome}" }`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function once(text: string): number {
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

const text = generateScenario();
const check = checkScenario(text, { file: "generated.yaml" });
console.log(
  `generated: ${check.stats?.nodes} nodes, ${check.stats?.choices} choices, ${(text.length / 1024).toFixed(0)} KB, ${check.diagnostics.length} diagnostics`,
);
for (const d of check.diagnostics.slice(0, 5)) console.log(`  ${d.line}:${d.column} ${d.code} ${d.message}`);
for (let i = 0; i < WARM_UP; i++) once(text);
const times = Array.from({ length: RUNS }, () => once(text)).sort((a, b) => a - b);
const median = (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2;
console.log(
  `runs: ${RUNS} (after ${WARM_UP} warm-up), min ${times[0].toFixed(1)} ms, median ${median.toFixed(1)} ms, max ${times[RUNS - 1].toFixed(1)} ms`,
);
// Where the time goes: the yaml package's parser alone, on the same text.
const yamlTimes = Array.from({ length: RUNS }, () => {
  const t0 = performance.now();
  parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true });
  return performance.now() - t0;
}).sort((a, b) => a - b);
console.log(
  `of which the yaml parser alone (parseDocument): median ${((yamlTimes[RUNS / 2 - 1] + yamlTimes[RUNS / 2]) / 2).toFixed(1)} ms`,
);
console.log(`scenarios: 500 nodes parse+validate+compile ${median.toFixed(1)} ms`);
