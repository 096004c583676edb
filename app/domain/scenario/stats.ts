/**
 * Numbers a trainer wants about a scenario: size, endings, words, how many decisions the
 * shortest and longest conversations take, and the mix of MI codes on offer.
 */
import { MI_CODES, OUTCOMES, type MiCode, type Outcome } from "../mi-codes";
import { buildGraph, canReach, endingIds, type Graph } from "./graph";
import type { Scenario } from "./schema";

export interface ScenarioStats {
  nodes: number;
  choiceNodes: number;
  writeNodes: number;
  choices: number;
  endings: { total: number } & Record<Outcome, number>;
  /** Words the officer reads: prisoner lines and choice texts. */
  words: number;
  /** Decisions (choice or write nodes passed) on the shortest path from start to an ending. */
  shortestPath: number | null;
  /** Decisions on the longest path without repeating a node. */
  longestPath: number | null;
  /** False when the scenario has loops and the search for the longest path hit its budget. */
  longestPathExact: boolean;
  miCodes: Record<MiCode, number>;
}

/** Enough for any hand-written scenario; keeps looping 500-node graphs fast. */
const LONGEST_PATH_BUDGET = 50_000;

const countWords = (text: string) => (text.match(/\S+/g) ?? []).length;

export function scenarioStats(scenario: Scenario): ScenarioStats {
  const miCodes = Object.fromEntries(MI_CODES.map((c) => [c, 0])) as Record<MiCode, number>;
  const endings = { total: 0, ...Object.fromEntries(OUTCOMES.map((o) => [o, 0])) } as ScenarioStats["endings"];
  let choiceNodes = 0;
  let writeNodes = 0;
  let choices = 0;
  let words = 0;
  for (const node of Object.values(scenario.nodes)) {
    words += countWords(node.prisoner);
    if (node.ending) {
      endings.total++;
      endings[node.ending.outcome]++;
      continue;
    }
    if (node.write) writeNodes++;
    if (node.choices?.length) choiceNodes++;
    for (const choice of node.choices ?? []) {
      choices++;
      miCodes[choice.mi]++;
      words += countWords(choice.say);
    }
  }
  const graph = buildGraph(scenario);
  const ends = new Set(endingIds(scenario));
  const hasStart = graph.has(scenario.start);
  const longest = hasStart ? longestPath(graph, scenario.start, ends) : { length: null, exact: true };
  return {
    nodes: graph.size,
    choiceNodes,
    writeNodes,
    choices,
    endings,
    words,
    shortestPath: hasStart ? shortestPath(graph, scenario.start, ends) : null,
    longestPath: longest.length,
    longestPathExact: longest.exact,
    miCodes,
  };
}

function shortestPath(graph: Graph, start: string, ends: Set<string>): number | null {
  const seen = new Set([start]);
  const queue: Array<[id: string, distance: number]> = [[start, 0]];
  // Breadth first: the loop also reaches the nodes pushed while it runs.
  for (const [id, distance] of queue) {
    if (ends.has(id)) return distance;
    for (const next of graph.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([next, distance + 1]);
      }
    }
  }
  return null;
}

function longestPath(graph: Graph, start: string, ends: Set<string>): { length: number | null; exact: boolean } {
  const useful = canReach(graph, ends); // only nodes that can still end count
  if (!useful.has(start)) return { length: null, exact: true };
  const memo = new Map<string, number>();
  const onStack = new Set<string>();
  let cyclic = false;
  // Acyclic (the usual case): exact longest path by memoised depth-first search, linear time.
  const visit = (id: string): number => {
    if (ends.has(id)) return 0;
    const known = memo.get(id);
    if (known !== undefined) return known;
    onStack.add(id);
    let best = -Infinity;
    for (const next of graph.get(id) ?? []) {
      if (!useful.has(next)) continue;
      if (onStack.has(next)) {
        cyclic = true;
        continue;
      }
      best = Math.max(best, 1 + visit(next));
    }
    onStack.delete(id);
    memo.set(id, best);
    return best;
  };
  const acyclicResult = visit(start);
  if (!cyclic) return { length: acyclicResult, exact: true };

  // With loops, longest simple path is NP-hard: search simple paths within a budget.
  let steps = 0;
  let best = 0;
  const onPath = new Set<string>();
  const dfs = (id: string, depth: number) => {
    if (++steps > LONGEST_PATH_BUDGET) return;
    if (ends.has(id)) {
      best = Math.max(best, depth);
      return;
    }
    onPath.add(id);
    for (const next of graph.get(id) ?? []) if (useful.has(next) && !onPath.has(next)) dfs(next, depth + 1);
    onPath.delete(id);
  };
  dfs(start, 0);
  return { length: best, exact: steps <= LONGEST_PATH_BUDGET };
}
