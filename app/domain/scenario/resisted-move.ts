/**
 * "Not on cue": real men do not move after one good reflection. This finds, in a scenario, a
 * conversation in which a good (MI-consistent) officer move is met by sustain talk or discord
 * before any change talk, and a second good move answers that before change talk appears.
 * It plays the scenario on its real variables (as the branch check does), so the path it
 * returns is one an officer can actually take. No confront or persuade move is on the path:
 * resistance that the officer provoked does not count.
 */
import { MI_CODE_INFO } from "../mi-codes";
import type { MiCode, TalkType } from "../mi-codes";
import { compare, parseCondition } from "./conditions";
import type { Goto, Scenario } from "./schema";

// Hand-written scenarios need a few thousand states at most; the cap keeps 500-node files fast.
const RESISTED_MOVE_SEARCH_CAP = 20_000;

export interface PathStep {
  nodeId: string;
  talk: TalkType;
  /** The move the officer makes at this node (none on the last step; no choice id for a write). */
  move?: { choiceId?: string; mi?: MiCode };
}

export type ResistedMoveResult =
  | {
      kind: "found";
      /** From the start node to the first change-talk node. */
      path: PathStep[];
      /** Index of the sustain-talk or discord node that met the first good move. */
      resistedAt: number;
      /** Index of the first change-talk node (the last step). */
      changeAt: number;
    }
  | { kind: "none" }
  /** The search hit its cap before finding one: it cannot say there is none. */
  | { kind: "gave-up" };

const isGood = (mi: MiCode | undefined) => mi !== undefined && MI_CODE_INFO[mi].isMiConsistentOption;
const isNonAdherent = (mi: MiCode | undefined) => mi !== undefined && MI_CODE_INFO[mi].isMiNonAdherent;
const isResistance = (talk: TalkType) => talk === "sustain" || talk === "discord";

function nextNode(goto: Goto, vars: Record<string, number>): string | undefined {
  if (typeof goto === "string") return goto;
  for (const entry of goto) {
    if (entry.if === undefined) return entry.node;
    const c = parseCondition(entry.if);
    if (c && compare(vars[c.variable] ?? 0, c.op, c.value)) return entry.node;
  }
  return undefined;
}

/**
 * Phases of the search: "before" (no change talk yet, no good move met by resistance yet),
 * "resisted" (a good move was just met by sustain talk or discord: the next move must be good),
 * "after" (the second good move was made; any non-confronting move until change talk).
 */
type Phase = "before" | "resisted" | "after";

interface State {
  nodeId: string;
  talk: TalkType;
  vars: Record<string, number>;
  phase: Phase;
  /** The state this one was reached from, by `move` (none at the start). */
  parent?: State;
  move?: PathStep["move"];
  resistedAt: number;
}

export function findResistedGoodMove(scenario: Scenario): ResistedMoveResult {
  const names = Object.keys(scenario.variables ?? {});
  const key = (s: Pick<State, "nodeId" | "vars" | "phase">) =>
    `${s.nodeId}|${s.phase}|${names.map((n) => s.vars[n]).join(",")}`;
  const start = scenario.nodes[scenario.start];
  if (!start || start.talk === "change") return { kind: "none" };
  const first: State = {
    nodeId: scenario.start,
    talk: start.talk,
    vars: { ...(scenario.variables ?? {}) },
    phase: "before",
    resistedAt: -1,
  };
  const states = [first];
  const seen = new Set([key(first)]);

  // Breadth first: the loop also reaches the states pushed while it runs.
  for (const state of states) {
    if (seen.size > RESISTED_MOVE_SEARCH_CAP) return { kind: "gave-up" };
    const node = scenario.nodes[state.nodeId];
    if (!node || node.ending) continue;
    const moves = [
      ...(node.choices ?? []).map((c) => ({ goto: c.goto, effects: c.effects, move: { choiceId: c.id, mi: c.mi } })),
      ...(node.write ? [{ goto: node.write.goto, effects: undefined, move: {} }] : []),
    ];
    for (const { goto, effects, move } of moves) {
      const mi = "mi" in move ? move.mi : undefined;
      if (isNonAdherent(mi)) continue;
      if (state.phase === "resisted" && !isGood(mi)) continue;
      const vars = { ...state.vars };
      for (const [name, delta] of Object.entries(effects ?? {})) vars[name] = (vars[name] ?? 0) + delta;
      const target = nextNode(goto, vars);
      const targetNode = target === undefined ? undefined : scenario.nodes[target];
      if (target === undefined || !targetNode) continue;

      let phase: Phase;
      if (state.phase === "before") {
        if (targetNode.talk === "change") continue; // he moved on cue: not this path
        phase = isGood(mi) && isResistance(targetNode.talk) ? "resisted" : "before";
      } else {
        if (targetNode.talk === "change") {
          const path = [...pathTo(state, move), { nodeId: target, talk: targetNode.talk }];
          return { kind: "found", path, resistedAt: state.resistedAt, changeAt: path.length - 1 };
        }
        phase = "after";
      }
      const next: State = {
        nodeId: target,
        talk: targetNode.talk,
        vars,
        phase,
        parent: state,
        move,
        resistedAt: phase === "resisted" && state.phase === "before" ? pathLength(state) : state.resistedAt,
      };
      const k = key(next);
      if (seen.has(k)) continue;
      seen.add(k);
      states.push(next);
    }
  }
  return { kind: "none" };
}

/** Number of steps from the start to a state, inclusive. */
function pathLength(state: State): number {
  let n = 0;
  for (let s: State | undefined = state; s; s = s.parent) n++;
  return n;
}

/** The steps from the start to a state, each with the move made there (`last` at that state). */
function pathTo(state: State, last: PathStep["move"]): PathStep[] {
  const path: PathStep[] = [];
  let move = last;
  for (let s: State | undefined = state; s; s = s.parent) {
    path.push({ nodeId: s.nodeId, talk: s.talk, move });
    move = s.move;
  }
  return path.reverse();
}
