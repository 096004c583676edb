// The scenario map as plain data: what the layout produces and the SVG component draws. Shared
// by the server (which builds it) and the page (which only renders it).
import type { Outcome, TalkType } from "~/domain/mi-codes";
import { isSmallGroup, SUPPRESSED_TEXT } from "~/domain/reporting/suppression";

export type NodeProblem = "unreachable" | "trap" | "broken-goto";

export interface MapNode {
  id: string;
  x: number; // centre
  y: number;
  width: number;
  height: number;
  talk: TalkType;
  kind: "choices" | "write" | "ending";
  outcome: Outcome | null;
  isStart: boolean;
  problems: NodeProblem[];
  /** 1-based line of the node's id in the YAML, for the editor link. */
  line: number | null;
  prisoner: string;
}

export interface MapEdge {
  from: string;
  to: string;
  /** The option as trainers know it ("Option 2: 'You sound…'") or "written reply", plus the condition when the goto branches. */
  label: string;
  choiceId: string | null;
  broken: boolean;
  points: { x: number; y: number }[];
  labelX: number | null;
  labelY: number | null;
  /** Times taken in finished assessment attempts; null when no figures were asked for. */
  taken: number | null;
}

export interface MissingNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ScenarioMap {
  /** false when the scenario is too large or too tangled to lay out in good time: listed, not drawn */
  drawn: boolean;
  width: number;
  height: number;
  nodes: MapNode[];
  edges: MapEdge[];
  /** Targets of broken gotos, drawn as red ghosts so the mistake is visible where it happens. */
  missing: MissingNode[];
}

/** Counts under the small-number limit are not shown, so a small group of officers cannot be singled out. */
export function describeTaken(taken: number): string {
  return isSmallGroup(taken) ? `${SUPPRESSED_TEXT} times` : `${taken} times`;
}

export const NODE_PROBLEM_LABELS: Record<NodeProblem, string> = {
  unreachable: "Unreachable",
  trap: "Trap: no ending can be reached",
  "broken-goto": "Goes to a node that does not exist",
};
