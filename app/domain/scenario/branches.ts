/**
 * Branches that can never be taken. The graph checks ignore conditions, so a branch such as
 * `{ node: guarded }` after `if: "rapport >= 3"` looks fine even when every way into that node
 * has already raised rapport to 3. Here we play the scenario on its real variables (every
 * reachable node + variable values, breadth first, with a cap) and report goto entries that no
 * play-through ever takes. When the cap is hit (variables growing round a loop) we say nothing:
 * an incomplete search cannot prove a branch dead.
 */
import { compare, parseCondition, type Operator } from "./conditions";
import { nodeGotos } from "./graph";
import type { Scenario } from "./schema";

// Hand-written scenarios need a few thousand states at most; the cap keeps 500-node files fast.
export const BRANCH_SEARCH_CAP = 10_000;

export interface DeadBranch {
  nodeId: string;
  /** Data path of the goto entry, from the scenario root. */
  path: PropertyKey[];
  target: string;
  conditional: boolean;
  /** True when no play-through ever reaches the target node at all. */
  targetNeverReached: boolean;
  /** The choice id, or undefined for a write. */
  choiceId?: string;
}

/** A goto entry with its condition parsed once: `variable` indexes the variables array. */
interface CompiledEntry {
  condition: { variable: number; op: Operator; value: number } | "never" | null;
  target: number;
}
interface CompiledGoto {
  effects: Array<[variable: number, delta: number]>;
  entries: CompiledEntry[];
  /** Where this goto's entries start in the flat "taken" table. */
  first: number;
}

/** Index of the goto entry taken with these variables (after the choice's effects). */
function takenEntry(entries: CompiledEntry[], vars: number[]): number {
  for (let i = 0; i < entries.length; i++) {
    const { condition } = entries[i];
    if (condition === null) return i;
    if (condition !== "never" && compare(vars[condition.variable], condition.op, condition.value)) return i;
  }
  return -1;
}

export function findDeadBranches(scenario: Scenario): DeadBranch[] | null {
  const hasBranches = Object.values(scenario.nodes).some(
    (n) => !n.ending && nodeGotos(n).some((g) => typeof g.goto !== "string"),
  );
  if (!hasBranches) return [];

  // Nodes and variables by number, so a play-through state is a node index and an array of values.
  // Gotos to unknown nodes and undeclared variables get numbers too (read as 0, left out of the state
  // key), so the search behaves exactly as on the names.
  const ids = Object.keys(scenario.nodes);
  const nodeIndex = new Map(ids.map((id, i) => [id, i]));
  const nodeOf = (id: string) => nodeIndex.get(id) ?? nodeIndex.set(id, ids.push(id) - 1).get(id)!;
  const names = Object.keys(scenario.variables ?? {});
  const declared = names.length;
  const variableIndex = new Map(names.map((name, i) => [name, i]));
  const variableOf = (name: string) =>
    variableIndex.get(name) ?? variableIndex.set(name, names.push(name) - 1).get(name)!;

  let entryCount = 0;
  const gotos: CompiledGoto[][] = ids.map((id) => {
    const node = scenario.nodes[id];
    if (node.ending) return [];
    return nodeGotos(node).map(({ goto, choiceIndex }) => {
      const effects = choiceIndex === undefined ? undefined : node.choices![choiceIndex].effects;
      const entries: CompiledEntry[] = (typeof goto === "string" ? [{ node: goto, if: undefined }] : goto).map((e) => {
        if (e.if === undefined) return { condition: null, target: nodeOf(e.node) };
        const c = parseCondition(e.if);
        return { condition: c ? { ...c, variable: variableOf(c.variable) } : "never", target: nodeOf(e.node) };
      });
      const compiled = {
        effects: Object.entries(effects ?? {}).map(([name, delta]): [number, number] => [variableOf(name), delta]),
        entries,
        first: entryCount,
      };
      entryCount += entries.length;
      return compiled;
    });
  });
  const nodeCount = gotos.length; // nodes of the scenario; indexes from here on name unknown nodes

  const key = (node: number, vars: number[]) => {
    let k = `${node}|`;
    for (let v = 0; v < declared; v++) k += v === 0 ? vars[v] : `,${vars[v]}`;
    return k;
  };
  const taken = new Uint8Array(entryCount);
  const visitedNodes: number[] = [];
  const visited = new Uint8Array(nodeCount);
  const seen = new Set<string>();
  const start = nodeOf(scenario.start);
  const initial = names.map((name, v) => (v < declared ? scenario.variables![name] : 0));
  const queue: Array<[number, number[]]> = [[start, initial]];
  seen.add(key(start, initial));
  for (let i = 0; i < queue.length; i++) {
    if (seen.size > BRANCH_SEARCH_CAP) return null;
    const [node, vars] = queue[i];
    if (node >= nodeCount || scenario.nodes[ids[node]].ending) continue;
    if (!visited[node]) {
      visited[node] = 1;
      visitedNodes.push(node);
    }
    for (const { effects, entries, first } of gotos[node]) {
      const next = vars.slice();
      for (const [variable, delta] of effects) next[variable] += delta;
      const entry = takenEntry(entries, next);
      if (entry < 0) continue;
      taken[first + entry] = 1;
      const target = entries[entry].target;
      const k = key(target, next);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push([target, next]);
      }
    }
  }

  const reached = new Set(queue.map(([node]) => ids[node]));
  const dead: DeadBranch[] = [];
  for (const node of visitedNodes) {
    const id = ids[node];
    const scenarioNode = scenario.nodes[id];
    nodeGotos(scenarioNode).forEach(({ goto, path, choiceIndex }, g) => {
      if (typeof goto === "string") return;
      const { first } = gotos[node][g];
      goto.forEach((entry, e) => {
        if (taken[first + e]) return;
        dead.push({
          nodeId: id,
          path: ["nodes", id, ...path, e],
          target: entry.node,
          conditional: entry.if !== undefined,
          targetNeverReached: !reached.has(entry.node),
          choiceId: choiceIndex === undefined ? undefined : scenarioNode.choices![choiceIndex].id,
        });
      });
    });
  }
  return dead;
}
