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
import type { Goto, Scenario } from "./schema";

// Hand-written scenarios need a few thousand states at most; the cap keeps 500-node files fast.
const BRANCH_SEARCH_CAP = 10_000;

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
  /** For the report: the goto as written, its data path in the node, and its choice (none for a write). */
  goto: Goto;
  path: PropertyKey[];
  choiceId?: string;
}
/** A node by number: its id, and its gotos (none for an ending). */
interface CompiledNode {
  id: string;
  gotos: CompiledGoto[] | null;
}

/** Index of the goto entry taken with these variables (after the choice's effects), or -1. */
function takenEntry(entries: CompiledEntry[], vars: number[]): number {
  let i = 0;
  for (const { condition } of entries) {
    if (condition === null) return i;
    if (condition !== "never" && compare(vars[condition.variable] ?? 0, condition.op, condition.value)) return i;
    i++;
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
  const startValues = Object.values(scenario.variables ?? {});
  const declared = names.length;
  const variableIndex = new Map(names.map((name, i) => [name, i]));
  const variableOf = (name: string) =>
    variableIndex.get(name) ?? variableIndex.set(name, names.push(name) - 1).get(name)!;

  let entryCount = 0;
  const nodes = Object.entries(scenario.nodes).map(([id, node]): CompiledNode => {
    if (node.ending) return { id, gotos: null };
    const gotos = nodeGotos(node).map(({ goto, path, choiceIndex }): CompiledGoto => {
      const choice = choiceIndex === undefined ? undefined : node.choices?.[choiceIndex];
      const entries: CompiledEntry[] = (typeof goto === "string" ? [{ node: goto, if: undefined }] : goto).map((e) => {
        if (e.if === undefined) return { condition: null, target: nodeOf(e.node) };
        const c = parseCondition(e.if);
        return { condition: c ? { ...c, variable: variableOf(c.variable) } : "never", target: nodeOf(e.node) };
      });
      const compiled = {
        effects: Object.entries(choice?.effects ?? {}).map(([name, delta]): [number, number] => [
          variableOf(name),
          delta,
        ]),
        entries,
        first: entryCount,
        goto,
        path,
        choiceId: choice?.id,
      };
      entryCount += entries.length;
      return compiled;
    });
    return { id, gotos };
  });
  const nodeCount = nodes.length; // nodes of the scenario; indexes from here on name unknown nodes

  const key = (node: number, vars: number[]) => {
    let k = `${node}|`;
    for (let v = 0; v < declared; v++) k += v === 0 ? vars[v] : `,${vars[v]}`;
    return k;
  };
  const taken = new Uint8Array(entryCount);
  const visitedNodes: CompiledNode[] = [];
  const visited = new Uint8Array(nodeCount);
  const seen = new Set<string>();
  const start = nodeOf(scenario.start);
  const initial = names.map((_, v) => startValues[v] ?? 0); // undeclared variables read as 0
  const queue: Array<[number, number[]]> = [[start, initial]];
  seen.add(key(start, initial));
  // Breadth first: the loop also reaches the states pushed while it runs.
  for (const [node, vars] of queue) {
    if (seen.size > BRANCH_SEARCH_CAP) return null;
    const current = nodes[node]; // none for an unknown node
    if (!current?.gotos) continue;
    if (!visited[node]) {
      visited[node] = 1;
      visitedNodes.push(current);
    }
    for (const { effects, entries, first } of current.gotos) {
      const next = vars.slice();
      for (const [variable, delta] of effects) next[variable] = (next[variable] ?? 0) + delta;
      const entry = takenEntry(entries, next);
      const target = entries[entry]?.target;
      if (target === undefined) continue; // no entry's condition holds
      taken[first + entry] = 1;
      const k = key(target, next);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push([target, next]);
      }
    }
  }

  const reached = new Set(queue.map(([node]) => ids[node]));
  const dead: DeadBranch[] = [];
  for (const { id, gotos } of visitedNodes) {
    for (const { goto, path, choiceId, first } of gotos ?? []) {
      if (typeof goto === "string") continue;
      goto.forEach((entry, e) => {
        if (taken[first + e]) return;
        dead.push({
          nodeId: id,
          path: ["nodes", id, ...path, e],
          target: entry.node,
          conditional: entry.if !== undefined,
          targetNeverReached: !reached.has(entry.node),
          choiceId,
        });
      });
    }
  }
  return dead;
}
