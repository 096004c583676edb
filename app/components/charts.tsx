// Server-rendered SVG charts. No chart code runs in the browser. Each chart is an image with a
// title and a description that points to the table beside it, which holds the same figures for
// screen readers; series differ by dash pattern and marker as well as colour.
import { useId } from "react";
import { wholeTicks } from "~/domain/reporting/axis";
import { SUPPRESSED_TEXT } from "~/domain/reporting/suppression";

const CHART_COLOURS = ["#1d70b8", "#00703c", "#d4351c", "#6f72af", "#f47738", "#505a5f"];
const DASHES = ["", "8 4", "2 3", "12 3 3 3"];

export interface LineSeries {
  name: string;
  /** one value per label; null where there is no figure */
  values: (number | null)[];
}

interface LineChartProps {
  title: string;
  description: string;
  labels: string[];
  series: LineSeries[];
  /** the largest value to show: the axis runs on to the next whole step */
  yMax: number;
  yFormat?: (v: number) => string;
  /** a vertical marker, such as the target date */
  marker?: { index: number; text: string };
}

const W = 720;
const H = 320;
const PAD = { left: 56, right: 16, top: 16, bottom: 48 };

export function LineChart({ title, description, labels, series, yMax, yFormat = String, marker }: LineChartProps) {
  const id = useId();
  const ticks = wholeTicks(yMax);
  const max = ticks.at(-1)!;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (labels.length <= 1 ? innerW / 2 : (i * innerW) / (labels.length - 1));
  const y = (v: number) => PAD.top + innerH - (Math.min(v, max) / max) * innerH;
  const every = Math.max(1, Math.ceil(labels.length / 12));
  return (
    <figure className="app-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="app-chart__svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#b1b4b6" strokeWidth={1} />
            <text
              x={PAD.left - 6}
              y={y(t) + 4}
              textAnchor="end"
              fontSize={12}
              fill="#0b0c0c"
              className="app-chart__tick"
            >
              {yFormat(t)}
            </text>
          </g>
        ))}
        {labels.map((l, i) =>
          i % every === 0 || i === labels.length - 1 ? (
            <text key={i} x={x(i)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize={12} fill="#0b0c0c">
              {l}
            </text>
          ) : null,
        )}
        {marker ? (
          <g>
            <line
              x1={x(marker.index)}
              x2={x(marker.index)}
              y1={PAD.top}
              y2={PAD.top + innerH}
              stroke="#0b0c0c"
              strokeWidth={1}
              strokeDasharray="4 4"
            />
            <text x={x(marker.index) - 4} y={PAD.top + 12} textAnchor="end" fontSize={12} fill="#0b0c0c">
              {marker.text}
            </text>
          </g>
        ) : null}
        {series.map((s, si) => {
          const points = s.values.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
          const runs: string[] = [];
          let run: string[] = [];
          for (const p of points) {
            if (p) run.push(`${p[0].toFixed(1)},${p[1].toFixed(1)}`);
            else if (run.length) {
              runs.push(run.join(" "));
              run = [];
            }
          }
          if (run.length) runs.push(run.join(" "));
          const colour = CHART_COLOURS[si % CHART_COLOURS.length];
          return (
            <g key={s.name}>
              {runs.map((r, ri) => (
                <polyline
                  key={ri}
                  points={r}
                  fill="none"
                  stroke={colour}
                  strokeWidth={3}
                  strokeDasharray={DASHES[si % DASHES.length] || undefined}
                />
              ))}
              {points.map((p, i) => (p ? <Marker key={i} shape={si} x={p[0]} y={p[1]} colour={colour} /> : null))}
            </g>
          );
        })}
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={PAD.top + innerH}
          y2={PAD.top + innerH}
          stroke="#0b0c0c"
          strokeWidth={1}
        />
      </svg>
      <figcaption>
        <ul className="app-chart__legend govuk-list">
          {series.map((s, si) => (
            <li key={s.name}>
              <svg width={40} height={14} aria-hidden="true" focusable="false">
                <line
                  x1={2}
                  x2={38}
                  y1={7}
                  y2={7}
                  stroke={CHART_COLOURS[si % CHART_COLOURS.length]}
                  strokeWidth={3}
                  strokeDasharray={DASHES[si % DASHES.length] || undefined}
                />
                <Marker shape={si} x={20} y={7} colour={CHART_COLOURS[si % CHART_COLOURS.length]} />
              </svg>{" "}
              {s.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

function Marker({ shape, x, y, colour }: { shape: number; x: number; y: number; colour: string }) {
  switch (shape % 3) {
    case 0:
      return <circle cx={x} cy={y} r={4} fill={colour} />;
    case 1:
      return <rect x={x - 4} y={y - 4} width={8} height={8} fill={colour} />;
    default:
      return <polygon points={`${x},${y - 5} ${x + 5},${y + 4} ${x - 5},${y + 4}`} fill={colour} />;
  }
}

export interface BarRow {
  label: string;
  /** percent 0..100 per bar, or null when the group is too small to show */
  values: (number | null)[];
  note?: string;
}

/** Bars' sizes in CSS pixels: the bar chart is drawn at the page's own scale, so its text is the same size on a phone as on a laptop. */
const BAR = { label: 24, bar: 22, gap: 4, groupGap: 16, axis: 24 };
/** A bar at least this long holds its figure inside it (white on the bar's colour); a shorter one has it after it. */
const FIGURE_INSIDE_FROM = 60;

/**
 * Horizontal grouped bars of percentages, one group per row (a wing, a module): the row's name on a line of its
 * own above its bars, which run across the chart's whole width. No viewBox: widths are percentages of the
 * chart and heights are pixels, so nothing shrinks on a phone.
 */
export function BarChart({
  title,
  description,
  names,
  rows,
}: {
  title: string;
  description: string;
  names: string[];
  rows: BarRow[];
}) {
  const id = useId();
  const groupH = BAR.label + names.length * (BAR.bar + BAR.gap) + BAR.groupGap;
  const height = rows.length * groupH + BAR.axis;
  const at = (percent: number) => `${percent}%`;
  return (
    <figure className="app-chart">
      <svg
        width="100%"
        height={height}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className="app-chart__svg app-chart__svg--bars"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {[0, 25, 50, 75, 100].map((t) => (
          <g key={t}>
            <line x1={at(t)} x2={at(t)} y1={0} y2={height - BAR.axis} stroke="#b1b4b6" />
            <text
              x={at(t)}
              y={height - 6}
              textAnchor={t === 0 ? "start" : t === 100 ? "end" : "middle"}
              fontSize={14}
              fill="#0b0c0c"
            >
              {t}%
            </text>
          </g>
        ))}
        {rows.map((r, ri) => {
          const top = ri * groupH;
          const barTop = (vi: number) => top + BAR.label + vi * (BAR.bar + BAR.gap);
          return (
            <g key={r.label}>
              <text x={0} y={top + 17} fontSize={16} fontWeight="bold" fill="#0b0c0c">
                {r.label}
              </text>
              {r.values.every((v) => v === null) ? (
                <text x={0} y={barTop(0) + 16} fontSize={14} fill="#0b0c0c">
                  {r.note ?? SUPPRESSED_TEXT}
                </text>
              ) : (
                r.values.map((v, vi) => {
                  if (v === null) return null;
                  const inside = v >= FIGURE_INSIDE_FROM;
                  return (
                    <g key={vi}>
                      <rect
                        x={0}
                        y={barTop(vi)}
                        width={at(v)}
                        height={BAR.bar}
                        fill={CHART_COLOURS[vi % CHART_COLOURS.length]}
                      />
                      <text
                        x={at(v)}
                        dx={inside ? -6 : 6}
                        y={barTop(vi) + 16}
                        textAnchor={inside ? "end" : "start"}
                        fontSize={14}
                        fill={inside ? "#ffffff" : "#0b0c0c"}
                      >
                        {`${Math.round(v)}% ${names[vi].toLowerCase()}`}
                      </text>
                    </g>
                  );
                })
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="app-chart__legend govuk-list">
          {names.map((n, i) => (
            <li key={n}>
              <svg width={14} height={14} aria-hidden="true" focusable="false">
                <rect width={14} height={14} fill={CHART_COLOURS[i % CHART_COLOURS.length]} />
              </svg>{" "}
              {n}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
