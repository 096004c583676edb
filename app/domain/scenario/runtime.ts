/**
 * Running a conversation with pure functions: no actors, nothing running between requests.
 * The server restores the stored snapshot, applies one event, persists the result. transition()
 * and initialTransition() skip custom actions, but assign is built in, so effects still land
 * in the snapshot's context (tested).
 */
import { initialTransition, transition, type SnapshotFrom } from "xstate";
import { choiceEvent, type EndingOutput, type NodeMeta, type ScenarioMachine } from "./compile";

export type ScenarioSnapshot = SnapshotFrom<ScenarioMachine>;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What persistConversation stores: small, stable, and enough for resolveState. */
export interface PersistedConversation {
  value: string;
  context: { vars: Record<string, number> };
  status: "active" | "done";
  output?: EndingOutput;
}

export function startConversation(machine: ScenarioMachine): ScenarioSnapshot {
  return initialTransition(machine)[0];
}

function defaultVars(machine: ScenarioMachine): Record<string, number> {
  const context = machine.config.context as { vars?: Record<string, number> } | undefined;
  return { ...(context?.vars ?? {}) };
}

function hasNode(machine: ScenarioMachine, nodeId: string): boolean {
  return Object.prototype.hasOwnProperty.call(machine.root.states, nodeId);
}

function nodeMeta(machine: ScenarioMachine, nodeId: string): NodeMeta | undefined {
  return machine.root.states[nodeId]?.meta as NodeMeta | undefined;
}

/** Variables: known names only, whole numbers only; missing ones take the scenario's start value. */
function cleanVars(machine: ScenarioMachine, vars: unknown): Record<string, number> {
  const result = defaultVars(machine);
  if (vars === undefined) return result;
  if (!vars || typeof vars !== "object") throw new Error("Stored conversation has malformed variables.");
  for (const [name, value] of Object.entries(vars)) {
    if (!Object.hasOwn(result, name)) throw new Error(`Unknown variable '${name}'.`);
    if (!Number.isInteger(value)) throw new Error(`Variable '${name}' must be a whole number.`);
    result[name] = value as number;
  }
  return result;
}

function resolveAt(machine: ScenarioMachine, nodeId: string, vars: Record<string, number>): ScenarioSnapshot {
  if (!hasNode(machine, nodeId)) throw new Error(`Scenario '${machine.id}' has no node '${nodeId}'.`);
  const ending = nodeMeta(machine, nodeId)?.ending;
  return machine.resolveState({ value: nodeId, context: { vars }, ...(ending ? { output: ending } : {}) });
}

/** Start anywhere with variables set by hand: the studio's play-test from a node. */
export function startConversationAt(
  machine: ScenarioMachine,
  nodeId: string,
  variables: Record<string, number> = {},
): ScenarioSnapshot {
  return resolveAt(machine, nodeId, cleanVars(machine, variables));
}

/**
 * Turn stored JSON back into a snapshot. Throws if it does not fit this machine (e.g. the
 * scenario was edited and the node is gone): store the scenario's content hash next to it.
 */
export function restoreConversation(machine: ScenarioMachine, persisted: unknown): ScenarioSnapshot {
  if (!persisted || typeof persisted !== "object") throw new Error("Stored conversation is not an object.");
  const { value, context } = persisted as { value?: unknown; context?: { vars?: unknown } };
  if (typeof value !== "string") throw new Error("Stored conversation has no current node.");
  return resolveAt(machine, value, cleanVars(machine, context?.vars));
}

export function persistConversation(snapshot: ScenarioSnapshot): JsonValue {
  const persisted: PersistedConversation = {
    value: currentNodeId(snapshot),
    context: { vars: { ...snapshot.context.vars } },
    status: snapshot.status === "done" ? "done" : "active",
  };
  if (snapshot.output) persisted.output = { ...snapshot.output };
  return persisted as unknown as JsonValue;
}

export function currentNodeId(snapshot: ScenarioSnapshot): string {
  // Every state is top level, so the value is the node id itself.
  return snapshot.value;
}

export function canChoose(machine: ScenarioMachine, snapshot: ScenarioSnapshot, choiceId: string): boolean {
  void machine; // kept in the signature: callers always have both, and future checks may need it
  return snapshot.status === "active" && snapshot.can({ type: choiceEvent(choiceId) });
}

export function choose(machine: ScenarioMachine, snapshot: ScenarioSnapshot, choiceId: string): ScenarioSnapshot {
  if (!canChoose(machine, snapshot, choiceId)) {
    throw new Error(`Choice '${choiceId}' is not available at node '${currentNodeId(snapshot)}'.`);
  }
  return transition(machine, snapshot, { type: choiceEvent(choiceId) })[0];
}

/** The choice ids offered at the current node (in the order the scenario lists them). */
export function availableChoices(snapshot: ScenarioSnapshot): string[] {
  if (snapshot.status !== "active") return [];
  const state = snapshot.machine.root.states[currentNodeId(snapshot)];
  return Object.keys(state?.config.on ?? {})
    .filter((type) => type.startsWith("choice."))
    .map((type) => type.slice("choice.".length));
}

export function canWrite(snapshot: ScenarioSnapshot): boolean {
  return snapshot.status === "active" && snapshot.can({ type: "write", text: "reply" });
}

export function writeReply(machine: ScenarioMachine, snapshot: ScenarioSnapshot, text: string): ScenarioSnapshot {
  if (!canWrite(snapshot)) throw new Error(`Node '${currentNodeId(snapshot)}' does not take a written reply.`);
  if (!text.trim()) throw new Error("A written reply cannot be empty.");
  return transition(machine, snapshot, { type: "write", text })[0];
}

export function isEnded(snapshot: ScenarioSnapshot): boolean {
  return snapshot.status === "done";
}

export function endingOf(snapshot: ScenarioSnapshot): EndingOutput | null {
  if (snapshot.status !== "done") return null;
  // A snapshot restored from storage carries no output: read the ending from the node.
  const output = snapshot.output as EndingOutput | undefined;
  if (output) return output;
  return nodeMeta(snapshot.machine as ScenarioMachine, currentNodeId(snapshot))?.ending ?? null;
}

export function variablesOf(snapshot: ScenarioSnapshot): Record<string, number> {
  return { ...snapshot.context.vars };
}
