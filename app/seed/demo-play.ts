/**
 * An invented officer's way through a real scenario version, for the demo's training history:
 * the conversation runs on the scenario's own machine (the runtime the practice pages use), so
 * every step is a move the scenario offers, every ending is one it reaches, and the behaviour
 * counts come from the choices taken, exactly as a finished attempt's do.
 */
import type { Choice, Scenario, ScenarioMachine, ScenarioSnapshot } from "~/domain/scenario";
import {
  availableChoices,
  canChoose,
  canWrite,
  choose,
  currentNodeId,
  endingOf,
  startConversation,
  writeReply,
} from "~/domain/scenario";
import { countBehaviours, NO_BEHAVIOURS, type BehaviourCounts } from "~/domain/indicators";
import { MI_CODE_INFO, type MiCode, type Outcome } from "~/domain/mi-codes";
import { writtenReplyFor, type DemoReply } from "./demo-replies";

export interface PlayedStep {
  nodeId: string;
  choiceId: string | null;
  miCode: MiCode | null;
  replyNodeId: string;
  replyTalk: string;
  freeText: string | null;
  /** the rating a trainer would give this written reply (Helpful Responses scale), if written */
  fairRating: number | null;
}

export interface PlayedAttempt {
  steps: PlayedStep[];
  snapshot: ScenarioSnapshot;
  ending: { nodeId: string; outcome: Outcome } | null;
  /** the behaviour counts a finished attempt keeps (zero while unfinished) */
  counts: BehaviourCounts;
}

/**
 * How likely an officer of a given skill (0 to 1) is to pick a move of each kind: skilled
 * officers reflect, and reflect with added meaning; newer ones ask closed questions and slip
 * into the righting reflex (persuading, confronting) when a man pushes back.
 */
function moveWeight(code: MiCode, skill: number): number {
  const info = MI_CODE_INFO[code];
  if (info.isMiNonAdherent) return 0.02 + 0.9 * (1 - skill) ** 3;
  if (info.isComplex) return 0.3 + 3.5 * skill;
  if (info.isReflection) return 0.8 + 0.6 * skill;
  if (code === "open_question") return 0.6 + 0.6 * skill;
  if (code === "closed_question") return 0.9 * (1 - skill) + 0.05;
  if (info.isMiAdherent) return 0.4 + 1.2 * skill;
  return 0.4 + 0.3 * skill; // information, advice with permission
}

/**
 * Plays a scenario from its start. `stopAfter` leaves the conversation unfinished after that many
 * steps (an attempt still in progress, or one the officer walked away from).
 */
export function playScenario(
  version: { scenario: Scenario; machine: ScenarioMachine },
  skill: number,
  rand: () => number,
  stopAfter = Infinity,
): PlayedAttempt {
  const { scenario, machine } = version;
  let snapshot = startConversation(machine);
  const steps: PlayedStep[] = [];
  while (snapshot.status === "active" && steps.length < stopAfter) {
    const nodeId = currentNodeId(snapshot);
    const node = scenario.nodes[nodeId];
    if (!node) throw new Error(`Scenario '${scenario.id}' has no node '${nodeId}'.`);
    let step: Omit<PlayedStep, "replyNodeId" | "replyTalk">;
    if (canWrite(snapshot)) {
      const reply: DemoReply = writtenReplyFor(scenario.id, nodeId, skill, rand);
      snapshot = writeReply(machine, snapshot, reply.text);
      step = { nodeId, choiceId: null, miCode: null, freeText: reply.text, fairRating: reply.rating };
    } else {
      // Pick first, then ask the machine: most moves have no condition, so few are refused.
      const choices = availableChoices(snapshot).map((id) => node.choices!.find((c) => c.id === id)!);
      let picked;
      while (!picked || !(alwaysOffered(picked) || canChoose(machine, snapshot, picked.id))) {
        if (picked) choices.splice(choices.indexOf(picked), 1);
        if (choices.length === 0) throw new Error(`Scenario '${scenario.id}' offers no move at '${nodeId}'.`);
        picked = pickWeighted(
          choices,
          choices.map((c) => moveWeight(c.mi, skill)),
          rand,
        );
      }
      snapshot = choose(machine, snapshot, picked.id);
      step = { nodeId, choiceId: picked.id, miCode: picked.mi, freeText: null, fairRating: null };
    }
    const replyNodeId = currentNodeId(snapshot);
    const replyNode = scenario.nodes[replyNodeId];
    if (!replyNode) throw new Error(`Scenario '${scenario.id}' has no node '${replyNodeId}'.`);
    steps.push({ ...step, replyNodeId, replyTalk: replyNode.talk });
  }
  const ending = endingOf(snapshot);
  return {
    steps,
    snapshot,
    ending: ending ? { nodeId: ending.nodeId, outcome: ending.outcome } : null,
    // As the practice loop stores them: counted when the conversation ends, zero until then.
    counts: ending ? countBehaviours(steps.flatMap((s) => (s.miCode ? [s.miCode] : []))) : NO_BEHAVIOURS,
  };
}

/** A move whose way on has no condition (or a fallback) is always open: no need to ask the machine. */
const alwaysOffered = (c: Choice) => typeof c.goto === "string" || c.goto.some((g) => g.if === undefined);

function pickWeighted<T>(items: T[], weights: number[], rand: () => number): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (const [i, item] of items.entries()) {
    r -= weights[i] ?? 0;
    if (r < 0) return item;
  }
  const last = items.at(-1);
  if (last === undefined) throw new Error("Nothing to pick from.");
  return last;
}
