/**
 * The conversation as a graph: node -> nodes it can go to, ignoring conditions (any branch of
 * a goto may be taken). Shared by the validator, the stats and the compiler's tests.
 */
import type { Goto, Scenario, ScenarioNode } from "./schema";

export function gotoTargets(goto: Goto): string[] {
  return typeof goto === "string" ? [goto] : goto.map((entry) => entry.node);
}

/** Every goto of a node, with the data path to it (for positions). */
export function nodeGotos(node: ScenarioNode): Array<{ goto: Goto; path: PropertyKey[]; choiceIndex?: number }> {
  const out: Array<{ goto: Goto; path: PropertyKey[]; choiceIndex?: number }> = [];
  node.choices?.forEach((choice, i) => out.push({ goto: choice.goto, path: ["choices", i, "goto"], choiceIndex: i }));
  if (node.write) out.push({ goto: node.write.goto, path: ["write", "goto"] });
  return out;
}

export type Graph = Map<string, string[]>;

/** Successors of each node; gotos to unknown nodes are left out (reported separately). */
export function buildGraph(scenario: Scenario): Graph {
  const graph: Graph = new Map();
  for (const [id, node] of Object.entries(scenario.nodes)) {
    const next = new Set<string>();
    if (!node.ending) {
      for (const { goto } of nodeGotos(node))
        for (const t of gotoTargets(goto)) if (Object.hasOwn(scenario.nodes, t)) next.add(t);
    }
    graph.set(id, [...next]);
  }
  return graph;
}

export function reachableFrom(graph: Graph, starts: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts].filter((s) => graph.has(s));
  for (const s of stack) seen.add(s);
  while (stack.length) {
    const id = stack.pop()!;
    for (const next of graph.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

export function reverseGraph(graph: Graph): Graph {
  const rev: Graph = new Map([...graph.keys()].map((k) => [k, [] as string[]]));
  for (const [from, tos] of graph) for (const to of tos) rev.get(to)!.push(from);
  return rev;
}

/** Nodes from which one of `targets` can be reached (targets included). */
export function canReach(graph: Graph, targets: Iterable<string>, reversed = reverseGraph(graph)): Set<string> {
  return reachableFrom(reversed, targets);
}

export function endingIds(scenario: Scenario, outcome?: string): string[] {
  return Object.entries(scenario.nodes)
    .filter(([, n]) => n.ending && (outcome === undefined || n.ending.outcome === outcome))
    .map(([id]) => id);
}
