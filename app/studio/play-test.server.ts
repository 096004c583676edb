/**
 * Play-testing a draft: the whole state lives in the URL (node, variables, and the step just
 * taken), so nothing is stored and no attempt is recorded. Each page load replays one step.
 */
import {
  availableChoices,
  canWrite,
  choose,
  compileScenario,
  currentNodeId,
  endingOf,
  startConversationAt,
  variablesOf,
  writeReply,
  type Scenario,
  type ScenarioSnapshot,
} from "~/domain/scenario";
import { varParam } from "./play-params";

export interface PlayStep {
  /** What the officer just did, with its feedback; null at the first node. */
  last: { said: string; feedback: string | null; kind: "choice" | "write" } | null;
  nodeId: string;
  prisoner: string;
  talk: string;
  vars: Record<string, number>;
  choices: { id: string; say: string }[];
  writePrompt: string | null;
  ending: { outcome: string; label: string } | null;
}

export type PlayResult = { ok: true; step: PlayStep } | { ok: false; message: string };

/** Variables from the query string; missing ones keep the scenario's start values. */
export function readVars(
  scenario: Scenario,
  params: URLSearchParams,
): { ok: true; vars: Record<string, number> } | { ok: false; message: string } {
  const vars: Record<string, number> = { ...(scenario.variables ?? {}) };
  for (const name of Object.keys(vars)) {
    const raw = params.get(varParam(name));
    if (raw === null || raw.trim() === "") continue;
    if (!/^-?\d{1,6}$/.test(raw.trim()))
      return { ok: false, message: `${name} must be a whole number between -999999 and 999999` };
    vars[name] = Number(raw.trim());
  }
  return { ok: true, vars };
}

function describe(scenario: Scenario, snapshot: ScenarioSnapshot, last: PlayStep["last"]): PlayStep {
  const nodeId = currentNodeId(snapshot);
  const node = scenario.nodes[nodeId];
  const offered = new Set(availableChoices(snapshot));
  const ending = endingOf(snapshot);
  return {
    last,
    nodeId,
    prisoner: node.prisoner,
    talk: node.talk,
    vars: variablesOf(snapshot),
    choices: (node.choices ?? []).filter((c) => offered.has(c.id)).map((c) => ({ id: c.id, say: c.say })),
    writePrompt: canWrite(snapshot) ? (node.write?.prompt ?? null) : null,
    ending: ending && { outcome: ending.outcome, label: ending.label },
  };
}

export function playStep(scenario: Scenario, params: URLSearchParams): PlayResult {
  const nodeId = params.get("node") ?? scenario.start;
  if (!Object.hasOwn(scenario.nodes, nodeId))
    return { ok: false, message: `There is no node called ${nodeId} in this scenario` };
  const vars = readVars(scenario, params);
  if (!vars.ok) return vars;
  const machine = compileScenario(scenario);
  let snapshot = startConversationAt(machine, nodeId, vars.vars);
  const node = scenario.nodes[nodeId];
  const choiceId = params.get("choice");
  const reply = params.get("reply");
  if (choiceId !== null) {
    const choice = node.choices?.find((c) => c.id === choiceId);
    if (!choice) return { ok: false, message: `Node ${nodeId} has no choice called ${choiceId}` };
    snapshot = choose(machine, snapshot, choiceId);
    return {
      ok: true,
      step: describe(scenario, snapshot, { said: choice.say, feedback: choice.feedback ?? null, kind: "choice" }),
    };
  }
  if (reply !== null) {
    if (!canWrite(snapshot)) return { ok: false, message: `Node ${nodeId} does not take a written reply` };
    const text = reply.trim().slice(0, 2000);
    if (!text) return { ok: false, message: "Enter a reply" };
    snapshot = writeReply(machine, snapshot, text);
    return {
      ok: true,
      step: describe(scenario, snapshot, { said: text, feedback: node.write?.feedback ?? null, kind: "write" }),
    };
  }
  return { ok: true, step: describe(scenario, snapshot, null) };
}
