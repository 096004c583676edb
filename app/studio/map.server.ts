/**
 * Lays a scenario out as a map with dagre, on the server (no graph code in the browser). Marks
 * the start, endings by outcome, gotos to nodes that do not exist, nodes no path reaches, and
 * traps (nodes from which no ending can be reached), from the graph itself rather than the
 * diagnostics, so the map is right even when the validator stops early on other errors.
 */
import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel } from "@dagrejs/dagre";
import { buildGraph, reachableFrom, type Scenario } from "~/domain/scenario";
import { canReach, nodeGotos } from "~/domain/scenario/graph";
import { conditionInWords } from "~/domain/scenario/conditions";
import { optionName } from "~/domain/scenario/plain-words";
import type { MapEdge, MapNode, MissingNode, NodeProblem, ScenarioMap } from "./map-model";

const NODE_WIDTH = 200;
const NODE_HEIGHT = 64;
const CHAR_WIDTH = 7; // edge labels at 12px

// dagre.layout places every node; its types leave the position optional for before the layout.
const centreOf = (box: NodeLabel) => ({ x: box.x ?? 0, y: box.y ?? 0 });

export interface MapOptions {
  /** Line of each node id in the YAML (nodePositions). */
  lines?: Record<string, { line: number }>;
  /** "nodeId/choiceId" -> times taken, for a published version's choice figures. */
  taken?: Map<string, number>;
  /** Draw only these nodes (and the links among them); problems are still judged on the whole graph. */
  only?: ReadonlySet<string>;
  /** Label each link with its option (default); the small map beside a form leaves them off (quicker, narrower). */
  edgeLabels?: boolean;
}

/** A node, the nodes that lead to it and the nodes it leads to: the map beside a node's form. */
function neighbourhood(scenario: Scenario, nodeId: string): Set<string> {
  const around = new Set([nodeId]);
  for (const [from, tos] of buildGraph(scenario)) {
    if (from === nodeId) for (const t of tos) around.add(t);
    if (tos.includes(nodeId)) around.add(from);
  }
  return around;
}

interface PlannedEdge {
  from: string;
  to: string;
  label: string;
  choiceId: string | null;
  broken: boolean;
}

const missingKey = (id: string) => `missing:${id}`;

/**
 * dagre's time grows with the layers each link crosses (a long link is a chain of hidden points):
 * a 100-node chain whose every node also links to one ending took 2.4 s, a 491-node one 5 minutes,
 * blocking every request meanwhile. Past this much work the map is listed, not drawn.
 */
const MAX_LAYOUT_WORK = 2000;

/** The layers the links cross, counting layers as steps from the start (a cheap stand-in for dagre's ranks). */
function layoutWork(start: string, planned: PlannedEdge[]): number {
  const next = new Map<string, string[]>();
  for (const e of planned) if (!e.broken) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const rank = new Map([[start, 0]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++)
    for (const to of next.get(queue[i]) ?? [])
      if (!rank.has(to)) {
        rank.set(to, rank.get(queue[i])! + 1);
        queue.push(to);
      }
  return planned.reduce((work, e) => work + Math.max(1, Math.abs((rank.get(e.to) ?? 0) - (rank.get(e.from) ?? 0))), 0);
}

/** The small map beside a node's form: the node and its neighbours, links unlabelled. */
export function mapAround(scenario: Scenario, nodeId: string): ScenarioMap {
  return buildScenarioMap(scenario, { only: neighbourhood(scenario, nodeId), edgeLabels: false });
}

export function buildScenarioMap(scenario: Scenario, options: MapOptions = {}): ScenarioMap {
  const shown = (id: string) => !options.only || options.only.has(id);
  const ids = Object.keys(scenario.nodes).filter(shown);
  const graph = buildGraph(scenario);
  const reachable = Object.hasOwn(scenario.nodes, scenario.start)
    ? reachableFrom(graph, [scenario.start])
    : new Set<string>();
  const endings = Object.keys(scenario.nodes).filter((id) => scenario.nodes[id].ending);
  const canEnd = canReach(graph, endings);

  const planned: PlannedEdge[] = [];
  const brokenFrom = new Set<string>();
  for (const [from, node] of Object.entries(scenario.nodes)) {
    if (node.ending || !shown(from)) continue;
    for (const { goto, choiceIndex } of nodeGotos(node)) {
      const choiceId = choiceIndex === undefined ? null : node.choices![choiceIndex].id;
      const entries = typeof goto === "string" ? [{ node: goto, if: undefined as string | undefined }] : goto;
      for (const entry of entries) {
        const broken = !Object.hasOwn(scenario.nodes, entry.node);
        if (!broken && !shown(entry.node)) continue;
        if (broken) brokenFrom.add(from);
        // Trainers know an option by its number and words; its id is internal (and "option-4" if made by "Add an option").
        const base =
          choiceIndex === undefined
            ? "written reply"
            : optionName(choiceIndex, node.choices![choiceIndex].say, "label", 20);
        planned.push({
          from,
          to: entry.node,
          label: entry.if ? `${base} if ${conditionInWords(entry.if)}` : base,
          choiceId,
          broken,
        });
      }
    }
  }

  const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  // Without labels on the links (the small map beside a form) the boxes can sit closer.
  const tight = options.edgeLabels === false;
  g.setGraph({
    rankdir: "TB",
    nodesep: tight ? 16 : 40,
    ranksep: tight ? 40 : 70,
    edgesep: 20,
    marginx: 20,
    marginy: 30,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) g.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const missingIds = [...new Set(planned.filter((e) => e.broken).map((e) => e.to))];
  for (const id of missingIds) g.setNode(missingKey(id), { width: NODE_WIDTH, height: NODE_HEIGHT / 1.5 });
  planned.forEach((e, i) => {
    const to = e.broken ? missingKey(e.to) : e.to;
    const label: EdgeLabel =
      options.edgeLabels === false
        ? {}
        : { width: Math.min(e.label.length, 40) * CHAR_WIDTH, height: 14, labelpos: "c" };
    g.setEdge(e.from, to, label, `e${i}`);
  });
  const drawn = layoutWork(scenario.start, planned) <= MAX_LAYOUT_WORK;
  if (drawn) dagre.layout(g);

  const nodes: MapNode[] = ids.map((id) => {
    const n = scenario.nodes[id];
    const box = g.node(id);
    const problems: NodeProblem[] = [];
    if (!reachable.has(id)) problems.push("unreachable");
    if (!n.ending && !canEnd.has(id)) problems.push("trap");
    if (brokenFrom.has(id)) problems.push("broken-goto");
    return {
      id,
      ...centreOf(box),
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      talk: n.talk,
      kind: n.ending ? "ending" : n.write ? "write" : "choices",
      outcome: n.ending?.outcome ?? null,
      isStart: id === scenario.start,
      problems,
      line: options.lines?.[id]?.line ?? null,
      prisoner: n.prisoner,
    };
  });
  const missing: MissingNode[] = missingIds.map((id) => {
    const box = g.node(missingKey(id));
    return { id, ...centreOf(box), width: box.width, height: box.height };
  });
  const edges: MapEdge[] = planned.map((e, i) => {
    const laid = g.edge({ v: e.from, w: e.broken ? missingKey(e.to) : e.to, name: `e${i}` });
    const taken = options.taken && e.choiceId ? (options.taken.get(`${e.from}/${e.choiceId}`) ?? 0) : null;
    const labelled = options.edgeLabels !== false;
    return {
      ...e,
      points: laid.points ?? [],
      labelX: labelled ? (laid.x ?? null) : null,
      labelY: labelled ? (laid.y ?? null) : null,
      taken,
    };
  });
  const size = g.graph();
  return { drawn, width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), nodes, edges, missing };
}
