/**
 * Scenario -> XState v5 machine. One state per node (state key = node id: slugs have no ".",
 * which XState would read as a path), one `choice.<id>` event per choice, a `write` event on
 * write nodes, a parameterised guard per condition, a parameterised assign per effect, and a
 * final state with output per ending.
 */
import { assign, setup } from "xstate";
import type { Outcome } from "../mi-codes";
import { compare, parseCondition, type Operator } from "./conditions";
import type { Goto, Scenario } from "./schema";

export type ScenarioEvent = { type: `choice.${string}` } | { type: "write"; text: string };
export interface ScenarioContext {
  vars: Record<string, number>;
}
export interface EndingOutput {
  nodeId: string;
  outcome: Outcome;
  label: string;
}
/** Stored in each state's meta, so the studio and runtime can read a node without the YAML. */
export interface NodeMeta {
  kind: "choices" | "write" | "ending";
  ending?: EndingOutput;
}

export interface ConditionParams {
  variable: string;
  op: Operator;
  value: number;
  /** The choice's own effect on `variable`: conditions are checked after the choice's effects. */
  delta: number;
}
export interface EffectParams {
  effects: Record<string, number>;
}

const GUARD_NAMES = ["condition"] as const;
const ACTION_NAMES = ["applyEffects"] as const;

export const choiceEvent = (choiceId: string) => `choice.${choiceId}` as const;

function scenarioSetup() {
  return setup({
    types: {
      context: {} as ScenarioContext,
      events: {} as ScenarioEvent,
      output: {} as EndingOutput,
    },
    guards: {
      condition: ({ context }, params: ConditionParams) =>
        compare((context.vars[params.variable] ?? 0) + params.delta, params.op, params.value),
    },
    actions: {
      // assign is a built-in action, so transition()/initialTransition() apply it to the
      // snapshot's context even though they execute no custom actions.
      applyEffects: assign(({ context }, params: EffectParams) => {
        const vars = { ...context.vars };
        for (const [name, delta] of Object.entries(params.effects)) vars[name] = (vars[name] ?? 0) + delta;
        return { vars };
      }),
    },
  });
}

// Typed from a real call: ReturnType of the generic createMachine itself resolves to `any`.
export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;

/** A transition as plain data; checked by checkNames before XState sees it. */
interface Transition {
  target: string;
  guard?: { type: string; params: ConditionParams };
  actions: Array<{ type: string; params: EffectParams }>;
}

function transitions(goto: Goto, effects: Record<string, number> | undefined): Transition[] {
  const actions = effects && Object.keys(effects).length ? [{ type: "applyEffects", params: { effects } }] : [];
  const entries = typeof goto === "string" ? [{ node: goto, if: undefined }] : goto;
  return entries.map((entry) => {
    const t: Transition = { target: entry.node, actions };
    if (entry.if !== undefined) {
      const condition = parseCondition(entry.if);
      if (!condition) throw new Error(`Cannot compile condition '${entry.if}'.`);
      t.guard = { type: "condition", params: { ...condition, delta: effects?.[condition.variable] ?? 0 } };
    }
    return t;
  });
}

/** Compile a scenario that passed checkScenario with no errors. */
export function compileScenario(scenario: Scenario) {
  const states: Record<string, Record<string, unknown>> = {};
  for (const [id, node] of Object.entries(scenario.nodes)) {
    if (node.ending) {
      const output: EndingOutput = { nodeId: id, outcome: node.ending.outcome, label: node.ending.label };
      states[id] = { type: "final", output, meta: { kind: "ending", ending: output } satisfies NodeMeta };
      continue;
    }
    const on: Record<string, Transition[]> = {};
    for (const choice of node.choices ?? []) on[choiceEvent(choice.id)] = transitions(choice.goto, choice.effects);
    if (node.write) on.write = transitions(node.write.goto, undefined);
    states[id] = { on, meta: { kind: node.write ? "write" : "choices" } satisfies NodeMeta };
  }
  checkNames(states);
  return createScenarioMachine(scenario, states);
}

function createScenarioMachine(scenario: Scenario, states: Record<string, Record<string, unknown>>) {
  return scenarioSetup().createMachine({
    id: scenario.id,
    initial: scenario.start,
    context: { vars: { ...(scenario.variables ?? {}) } },
    // The final state's output arrives as the done event's output; pass it through.
    output: ({ event }) => (event as unknown as { output: EndingOutput }).output,
    states: states as never,
  });
}

/** XState silently ignores unknown guard and action names, so check them here. */
function checkNames(states: Record<string, Record<string, unknown>>): void {
  for (const [id, state] of Object.entries(states)) {
    for (const list of Object.values((state.on ?? {}) as Record<string, Transition[]>)) {
      for (const t of list) {
        const guard = t.guard?.type;
        if (guard !== undefined && !(GUARD_NAMES as readonly string[]).includes(guard))
          throw new Error(`Node '${id}': unknown guard '${guard}'.`);
        for (const action of t.actions) {
          if (!(ACTION_NAMES as readonly string[]).includes(action.type))
            throw new Error(`Node '${id}': unknown action '${action.type}'.`);
        }
        if (!Object.hasOwn(states, t.target)) throw new Error(`Node '${id}': unknown target '${t.target}'.`);
      }
    }
  }
}
