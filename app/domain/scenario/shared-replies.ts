/**
 * Shared replies: one prisoner line reached from officer moves of different kinds. A line that
 * answers a reflection, a question and a warning alike reads as canned, so the validator warns
 * when a node answers three or more different MI codes and the check lists every node that
 * answers two or more, so authors look twice.
 */
import type { MiCode } from "../mi-codes";
import { gotoTargets } from "./graph";
import type { Scenario } from "./schema";

/** Different MI codes leading to one node at which the validator warns. */
export const SHARED_REPLY_WARNING_CODES = 3;

export interface IncomingMove {
  nodeId: string;
  choiceId: string;
  /** Its place in the node's options (0-based). */
  choiceIndex: number;
  mi: MiCode;
}

export interface SharedReply {
  nodeId: string;
  /** Every choice that can lead here (any branch of its goto), in file order. */
  moves: IncomingMove[];
  /** The distinct MI codes of those moves, in order of first appearance. */
  codes: MiCode[];
}

/** Nodes reached from choices of at least `minCodes` different MI codes, in file order. */
export function findSharedReplies(scenario: Scenario, minCodes = 2): SharedReply[] {
  const incoming = new Map<string, IncomingMove[]>();
  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    if (node.ending) continue;
    (node.choices ?? []).forEach((choice, choiceIndex) => {
      for (const target of new Set(gotoTargets(choice.goto))) {
        if (!Object.hasOwn(scenario.nodes, target)) continue;
        const moves = incoming.get(target) ?? [];
        moves.push({ nodeId, choiceId: choice.id, choiceIndex, mi: choice.mi });
        incoming.set(target, moves);
      }
    });
  }
  const out: SharedReply[] = [];
  for (const nodeId of Object.keys(scenario.nodes)) {
    const moves = incoming.get(nodeId) ?? [];
    const codes = [...new Set(moves.map((m) => m.mi))];
    if (codes.length >= minCodes) out.push({ nodeId, moves, codes });
  }
  return out;
}
