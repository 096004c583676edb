/**
 * One generated conversation, written out twice: as an Engage scenario (YAML) and as an Ink story,
 * so bench:scenarios compares the two compilers on the same shape. A layered conversation: each node
 * has a prisoner line and 3 choices (an MI code and an effect on one variable each; the second choice
 * branches on a condition) into the next nodes; the tail ends at 3 endings.
 */
import { MAX_NODES } from "~/domain/scenario";

const CODES = ["complex_reflection", "open_question", "persuade"] as const;
const ENDINGS = ["engaged", "undecided", "disengaged"] as const;

interface GeneratedChoice {
  id: string;
  say: string;
  mi: string;
  delta: number;
  /** A node id, or a conditional divert: `node` when `rapport >= atLeast`, else `otherwise`. */
  goto: string | { atLeast: number; node: string; otherwise: string };
}
interface GeneratedNode {
  id: string;
  line: string;
  choices: GeneratedChoice[];
}

export interface GeneratedConversation {
  nodes: GeneratedNode[];
  endings: Array<{ id: string; outcome: string }>;
}

export function generateConversation(nodeCount = MAX_NODES): GeneratedConversation {
  const choiceNodes = nodeCount - ENDINGS.length;
  const target = (next: number, k: number) => (next < choiceNodes ? `n${next}` : `end-${ENDINGS[k % ENDINGS.length]}`);
  const nodes = Array.from({ length: choiceNodes }, (_, i) => ({
    id: `n${i}`,
    line: `Line ${i}: it's not that simple.`,
    choices: CODES.map((mi, k) => {
      // persuade never leads to the engaged ending, so the pedagogy warning stays quiet.
      const to = mi === "persuade" ? "end-disengaged" : target(i + 1 + k, k);
      return {
        id: `c${k}`,
        say: `Option ${k} at ${i}.`,
        mi,
        delta: mi === "persuade" ? -1 : 1,
        goto: k === 1 ? { atLeast: i % 5, node: to, otherwise: target(i + 1, 0) } : to,
      };
    }),
  }));
  return { nodes, endings: ENDINGS.map((outcome) => ({ id: `end-${outcome}`, outcome })) };
}

/** Flow style and short texts, so 500 nodes fit in the 256 KB limit. */
export function toScenarioYaml({ nodes, endings }: GeneratedConversation): string {
  const lines = [
    "id: generated",
    'title: "Generated benchmark scenario"',
    "module: bench",
    'summary: "A large generated conversation for timing the compiler."',
    'persona: { name: "Sam", background: "Invented for the benchmark." }',
    `start: ${nodes[0].id}`,
    "variables: { rapport: 0 }",
    "nodes:",
  ];
  for (const node of nodes) {
    lines.push(`  ${node.id}:`, `    prisoner: "${node.line}"`, "    talk: sustain", "    choices:");
    for (const c of node.choices) {
      const goto =
        typeof c.goto === "string"
          ? c.goto
          : `[{ if: "rapport >= ${c.goto.atLeast}", node: ${c.goto.node} }, { node: ${c.goto.otherwise} }]`;
      lines.push(
        `      - { id: ${c.id}, say: "${c.say}", mi: ${c.mi}, effects: { rapport: ${c.delta} }, goto: ${goto} }`,
      );
    }
  }
  for (const { id, outcome } of endings) {
    lines.push(
      `  ${id}:`,
      '    prisoner: "Right."',
      "    talk: neutral",
      `    ending: { outcome: ${outcome}, label: "It ends ${outcome}" }`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The same conversation in Ink: a knot per node, tags for the MI codes, talk types and outcomes. */
export function toInk({ nodes, endings }: GeneratedConversation): string {
  const knot = (id: string) => id.replace(/-/g, "_"); // Ink names have no hyphens
  const lines = ["VAR rapport = 0", `-> ${knot(nodes[0].id)}`, ""];
  for (const node of nodes) {
    lines.push(`=== ${knot(node.id)} ===`, `Sam: ${node.line} # talk: sustain`);
    for (const c of node.choices) {
      const divert =
        typeof c.goto === "string"
          ? `-> ${knot(c.goto)}`
          : `{ rapport >= ${c.goto.atLeast}: -> ${knot(c.goto.node)} | -> ${knot(c.goto.otherwise)} }`;
      lines.push(
        `* [${c.say} # mi: ${c.mi}]`,
        `  ~ rapport ${c.delta < 0 ? "-=" : "+="} ${Math.abs(c.delta)}`,
        `  ${divert}`,
      );
    }
    lines.push("");
  }
  for (const { id, outcome } of endings) {
    lines.push(
      `=== ${knot(id)} ===`,
      "Sam: Right. # talk: neutral",
      `It ends ${outcome} # outcome: ${outcome}`,
      "-> END",
      "",
    );
  }
  return lines.join("\n");
}
