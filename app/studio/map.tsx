// Draws a laid-out scenario map as SVG, with a list of the same nodes and links beside it for
// screen-reader users. No layout happens here: the server sends positions.
import { OUTCOME_INFO, TALK_TYPE_INFO } from "~/domain/mi-codes";
import { describeTaken, NODE_PROBLEM_LABELS, type MapEdge, type MapNode, type ScenarioMap } from "./map-model";

/** Choosing a node on the map opens its form. */
export const nodeFormLink = (scenarioId: string, nodeId: string) =>
  `/studio/${encodeURIComponent(scenarioId)}/nodes/${encodeURIComponent(nodeId)}`;

function nodeSummary(n: MapNode): string {
  const parts = [`${n.isStart ? "Start node" : "Node"} ${n.id}`, TALK_TYPE_INFO[n.talk].label];
  if (n.outcome) parts.push(`ending: ${OUTCOME_INFO[n.outcome].label}`);
  else parts.push(n.kind === "write" ? "written reply" : "choices");
  for (const p of n.problems) parts.push(NODE_PROBLEM_LABELS[p]);
  if (n.line) parts.push(`line ${n.line}`);
  return parts.join(", ");
}

function path(points: { x: number; y: number }[]) {
  return points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
}

// On the drawing, a count is shown only when it can be (5 or more); the list beside the map says
// "fewer than 5 times" for the rest, so the drawing is not covered in the same words.
function edgeText(e: MapEdge) {
  return e.taken === null || describeTaken(e.taken).startsWith("fewer")
    ? e.label
    : `${e.label} (${describeTaken(e.taken)})`;
}

function NodeShape({ n, current }: { n: MapNode; current: boolean }) {
  const left = n.x - n.width / 2;
  const top = n.y - n.height / 2;
  const problem = n.problems.length > 0;
  const classes = [
    "app-map__node",
    `app-map__node--${n.talk}`,
    n.isStart ? "app-map__node--start" : "",
    problem ? "app-map__node--problem" : "",
    current ? "app-map__node--current" : "",
  ].join(" ");
  // Shape cue as well as colour: endings are rounded pills, written-reply nodes have a folded corner line.
  const radius = n.kind === "ending" ? n.height / 2 : 4;
  const cue = n.outcome
    ? `Ending: ${OUTCOME_INFO[n.outcome].label}`
    : `${TALK_TYPE_INFO[n.talk].label}${n.kind === "write" ? " · writes" : ""}`;
  return (
    <g className={classes}>
      <rect x={left} y={top} width={n.width} height={n.height} rx={radius} ry={radius} />
      {n.kind === "write" ? (
        <line className="app-map__fold" x1={left + n.width - 14} y1={top} x2={left + n.width} y2={top + 14} />
      ) : null}
      <text x={n.x} y={top + 22} textAnchor="middle" className="app-map__id">
        {n.isStart ? "▶ " : ""}
        {n.id.length > 24 ? `${n.id.slice(0, 23)}…` : n.id}
      </text>
      <text x={n.x} y={top + 40} textAnchor="middle" className="app-map__cue">
        {cue}
      </text>
      {problem ? (
        <text x={n.x} y={top + 56} textAnchor="middle" className="app-map__problem">
          ⚠ {n.problems.map((p) => (p === "broken-goto" ? "broken goto" : p)).join(", ")}
        </text>
      ) : null}
    </g>
  );
}

/** A link chosen in the form beside the map but not saved yet: `to` is a node id, or null for a new node. */
export interface PendingMapLink {
  to: string | null;
}

// Boxes for pending targets not on the map, in a band below it.
const GHOST_WIDTH = 200;
const GHOST_HEIGHT = 44;
const GHOST_GAP = 16;
const GHOST_BAND = 110;

/**
 * Where the pending links are drawn: to a node on the map, or to a dashed box in a band below it
 * (a node not among those around this one, or a new node). Null when nothing is pending.
 */
function pendingLayout(map: ScenarioMap, current: string | undefined, pending: PendingMapLink[]) {
  const from = map.nodes.find((n) => n.id === current);
  if (!from || pending.length === 0) return null;
  const ghosts: { key: string; id: string | null; x: number; y: number; height: number }[] = [];
  const targets = new Map<string, MapNode>();
  const ends = pending.map((link, i) => {
    const onMap = link.to === null ? undefined : map.nodes.find((n) => n.id === link.to);
    if (onMap) return targets.set(onMap.id, onMap).get(onMap.id)!;
    const key = link.to ?? `new-${i}`;
    let ghost = ghosts.find((g) => g.key === key);
    if (!ghost) {
      ghost = { key, id: link.to, x: 0, y: map.height + GHOST_BAND / 2, height: GHOST_HEIGHT };
      ghosts.push(ghost);
    }
    return ghost;
  });
  const row = ghosts.length * (GHOST_WIDTH + GHOST_GAP);
  const width = Math.max(map.width, row + GHOST_GAP);
  ghosts.forEach((g, i) => (g.x = (width - row) / 2 + i * (GHOST_WIDTH + GHOST_GAP) + GHOST_WIDTH / 2));
  return {
    from,
    ends,
    ghosts,
    targets: [...targets.values()],
    width,
    height: map.height + (ghosts.length ? GHOST_BAND : 0),
  };
}

function PendingLinks({ layout }: { layout: NonNullable<ReturnType<typeof pendingLayout>> }) {
  const { from } = layout;
  return (
    <g className="app-map__pending" aria-hidden="true">
      {layout.ends.map((to, i) => {
        const below = to.y > from.y;
        const start = { x: from.x, y: from.y + (below ? from.height / 2 : -from.height / 2) };
        const end = { x: to.x, y: to.y + (below ? -to.height / 2 : to.height / 2) };
        return <path key={i} d={path([start, end])} markerEnd="url(#app-map-arrow-pending)" />;
      })}
      {layout.targets.map((n) => (
        <rect
          key={n.id}
          className="app-map__pending-target"
          x={n.x - n.width / 2 - 6}
          y={n.y - n.height / 2 - 6}
          width={n.width + 12}
          height={n.height + 12}
          rx={8}
        />
      ))}
      {layout.ghosts.map((g) => (
        <g key={g.key} className="app-map__ghost">
          <rect x={g.x - GHOST_WIDTH / 2} y={g.y - g.height / 2} width={GHOST_WIDTH} height={g.height} rx={4} />
          <text x={g.x} y={g.y + 5} textAnchor="middle">
            {g.id === null ? "A new node" : g.id.length > 24 ? `${g.id.slice(0, 23)}…` : g.id}
          </text>
        </g>
      ))}
    </g>
  );
}

function Arrowhead({ id, fill }: { id: string; fill: string }) {
  return (
    <marker id={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0,0 L10,5 L0,10 z" fill={fill} />
    </marker>
  );
}

export function ScenarioMapSvg({
  scenarioId,
  map,
  titleId,
  current,
  fit,
  pending = [],
}: {
  scenarioId: string;
  map: ScenarioMap;
  titleId: string;
  /** The node whose form is open beside the map. */
  current?: string;
  /** Shrink to the width of its column (the small map beside a form) instead of scrolling. */
  fit?: boolean;
  /** Links chosen in the form beside the map and not saved yet, drawn dashed. */
  pending?: PendingMapLink[];
}) {
  const unsaved = pendingLayout(map, current, pending);
  const width = unsaved?.width ?? map.width;
  const height = unsaved?.height ?? map.height;
  return (
    <div className={`app-map${fit ? " app-map--fit" : ""}`} tabIndex={0} role="region" aria-labelledby={titleId}>
      <svg
        className="app-map__svg"
        width={fit ? "100%" : width}
        height={fit ? undefined : height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-labelledby={titleId}
      >
        <defs>
          <Arrowhead id="app-map-arrow" fill="#505a5f" />
          <Arrowhead id="app-map-arrow-broken" fill="#d4351c" />
          {unsaved ? <Arrowhead id="app-map-arrow-pending" fill="#1d70b8" /> : null}
        </defs>
        {map.edges.map((e, i) => (
          <g key={i} className={e.broken ? "app-map__edge app-map__edge--broken" : "app-map__edge"}>
            <path d={path(e.points)} markerEnd={`url(#${e.broken ? "app-map-arrow-broken" : "app-map-arrow"})`} />
            {e.labelX !== null && e.labelY !== null ? (
              <text x={e.labelX} y={e.labelY + 4} textAnchor="middle" className="app-map__edge-label">
                {edgeText(e).length > 42 ? `${edgeText(e).slice(0, 41)}…` : edgeText(e)}
              </text>
            ) : null}
          </g>
        ))}
        {map.missing.map((m) => (
          <g key={m.id} className="app-map__missing">
            <rect x={m.x - m.width / 2} y={m.y - m.height / 2} width={m.width} height={m.height} rx={4} />
            <text x={m.x} y={m.y + 5} textAnchor="middle">
              ⚠ missing: {m.id.length > 20 ? `${m.id.slice(0, 19)}…` : m.id}
            </text>
          </g>
        ))}
        {map.nodes.map((n) => (
          <a
            key={n.id}
            href={nodeFormLink(scenarioId, n.id)}
            aria-label={nodeSummary(n)}
            aria-current={n.id === current ? "page" : undefined}
          >
            <title>{`${nodeSummary(n)}. He says: ${n.prisoner}`}</title>
            <NodeShape n={n} current={n.id === current} />
          </a>
        ))}
        {unsaved ? <PendingLinks layout={unsaved} /> : null}
      </svg>
    </div>
  );
}

/** The same map as a list: each node, what it is, its problems, and where each link goes. */
export function ScenarioMapList({ scenarioId, map }: { scenarioId: string; map: ScenarioMap }) {
  const out = new Map<string, MapEdge[]>();
  for (const e of map.edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  return (
    <ul className="govuk-list app-map-list">
      {map.nodes.map((n) => (
        <li key={n.id} id={`node-${n.id}`}>
          <a className="govuk-link" href={nodeFormLink(scenarioId, n.id)}>
            {n.id}
          </a>{" "}
          {n.isStart ? <strong className="govuk-tag govuk-tag--blue">Start</strong> : null}{" "}
          {TALK_TYPE_INFO[n.talk].label}
          {n.outcome ? `, ending: ${OUTCOME_INFO[n.outcome].label}` : n.kind === "write" ? ", written reply" : ""}
          {n.line ? `, line ${n.line}` : ""}
          {n.problems.map((p) => (
            <strong key={p} className="govuk-tag govuk-tag--red app-map-list__tag">
              {NODE_PROBLEM_LABELS[p]}
            </strong>
          ))}
          {out.get(n.id)?.length ? (
            <ul className="govuk-list govuk-list--bullet">
              {out.get(n.id)!.map((e, i) => (
                <li key={i}>
                  {e.label} →{" "}
                  {e.broken ? <strong className="app-map-list__broken">{e.to} (does not exist)</strong> : e.to}
                  {e.taken !== null ? `: chosen ${describeTaken(e.taken)}` : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
