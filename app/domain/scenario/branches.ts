/**
 * Branches that can never be taken. The graph checks ignore conditions, so a branch such as
 * `{ node: guarded }` after `if: "rapport >= 3"` looks fine even when every way into that node
 * has already raised rapport to 3. Here we play the scenario on its real variables (every
 * reachable node + variable values, breadth first, with a cap) and report goto entries that no
 * play-through ever takes. When the cap is hit (variables growing round a loop) we say nothing:
 * an incomplete search cannot prove a branch dead.
 */
import { compare, parseCondition } from "./conditions";
import { nodeGotos } from "./graph";
import type { Goto, Scenario } from "./schema";

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

/** Index of the goto entry taken with these variables (after the choice's effects). */
function takenEntry(goto: Goto, vars: Record<string, number>): number {
  if (typeof goto === "string") return 0;
  for (let i = 0; i < goto.length; i++) {
    const entry = goto[i];
    if (entry.if === undefined) return i;
    const c = parseCondition(entry.if);
    if (c && compare(vars[c.variable] ?? 0, c.op, c.value)) return i;
  }
  return -1;
}

export function findDeadBranches(scenario: Scenario): DeadBranch[] | null {
  const hasBranches = Object.values(scenario.nodes).some(
    (n) => !n.ending && nodeGotos(n).some((g) => typeof g.goto !== "string"),
  );
  if (!hasBranches) return [];
  const names = Object.keys(scenario.variables ?? {});
  const key = (id: string, vars: Record<string, number>) => `${id}|${names.map((n) => vars[n]).join(",")}`;
  const taken = new Set<string>(); // "nodeId|gotoIndex|entryIndex"
  const visitedNodes = new Set<string>();
  const seen = new Set<string>();
  const queue: Array<[string, Record<string, number>]> = [[scenario.start, { ...(scenario.variables ?? {}) }]];
  seen.add(key(scenario.start, queue[0][1]));
  for (let i = 0; i < queue.length; i++) {
    if (seen.size > BRANCH_SEARCH_CAP) return null;
    const [id, vars] = queue[i];
    const node = scenario.nodes[id];
    if (!node || node.ending) continue;
    visitedNodes.add(id);
    nodeGotos(node).forEach(({ goto, choiceIndex }, g) => {
      const effects = choiceIndex === undefined ? undefined : node.choices![choiceIndex].effects;
      const next = { ...vars };
      for (const [name, delta] of Object.entries(effects ?? {})) next[name] = (next[name] ?? 0) + delta;
      const entry = takenEntry(goto, next);
      if (entry < 0) return;
      taken.add(`${id}|${g}|${entry}`);
      const target = typeof goto === "string" ? goto : goto[entry].node;
      const k = key(target, next);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push([target, next]);
      }
    });
  }

  const reached = new Set(queue.map(([id]) => id));
  const dead: DeadBranch[] = [];
  for (const id of visitedNodes) {
    const node = scenario.nodes[id];
    nodeGotos(node).forEach(({ goto, path, choiceIndex }, g) => {
      if (typeof goto === "string") return;
      goto.forEach((entry, e) => {
        if (taken.has(`${id}|${g}|${e}`)) return;
        dead.push({
          nodeId: id,
          path: ["nodes", id, ...path, e],
          target: entry.node,
          conditional: entry.if !== undefined,
          targetNeverReached: !reached.has(entry.node),
          choiceId: choiceIndex === undefined ? undefined : node.choices![choiceIndex].id,
        });
      });
    });
  }
  return dead;
}
