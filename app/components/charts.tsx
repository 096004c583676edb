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

/**
 * The line chart's sizes in CSS pixels: it is drawn at the page's own scale, so its text is the same size on a
 * phone as on a laptop. The side margins are the SVG's CSS padding (app-chart__svg--lines), which holds the
 * value axis on the left and half a month's name on the right.
 */
const LINE = { height: 280, top: 16, bottom: 36, font: 14 };
/** Months named along the bottom at most: on a phone, and from the screen width where the chart is 700 px wide. */
const MONTHS_NAMED = { narrow: 4, wide: 12 };
/** The width the lines are drawn to inside their own viewBox, which is stretched to the plot's width. */
const PLOT_UNITS = 1000;

/** Every how many labels to name one so that at most `most` are named. */
const spacing = (count: number, most: number) => Math.max(1, Math.ceil((count - 1) / Math.max(1, most - 1)));

/**
 * The labels to name on a wide screen, and those of them to name on a phone: evenly spaced, counting back from the
 * last (the latest month), a phone's spacing a whole multiple of the wide one's so its labels are among them.
 */
function namedLabels(count: number): { wide: Set<number>; narrow: Set<number> } {
  const wide = spacing(count, MONTHS_NAMED.wide);
  const narrow = wide * Math.ceil(spacing(count, MONTHS_NAMED.narrow) / wide);
  const every = (step: number) =>
    new Set(Array.from({ length: count }, (_, i) => i).filter((i) => (count - 1 - i) % step === 0));
  return { wide: every(wide), narrow: every(narrow) };
}

/**
 * Lines over months. No viewBox on the chart: points are placed at percentages of its width and pixels of its
 * height, so its text is the size it says at every width. The lines themselves are drawn in an inner SVG whose
 * viewBox stretches to the plot, with strokes that do not stretch with it.
 */
export function LineChart({ title, description, labels, series, yMax, yFormat = String, marker }: LineChartProps) {
  const id = useId();
  const ticks = wholeTicks(yMax);
  const max = ticks.at(-1)!;
  const innerH = LINE.height - LINE.top - LINE.bottom;
  const share = (i: number) => (labels.length <= 1 ? 0.5 : i / (labels.length - 1));
  const at = (i: number) => `${(share(i) * 100).toFixed(2)}%`;
  const plotY = (v: number) => innerH - (Math.min(v, max) / max) * innerH;
  const y = (v: number) => LINE.top + plotY(v);
  const { wide, narrow } = namedLabels(labels.length);
  // The marker's words go on the side of its line with more room.
  const markerLeft = marker ? share(marker.index) > 0.5 : false;
  return (
    <figure className="app-chart">
      <svg
        width="100%"
        height={LINE.height}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className="app-chart__svg app-chart__svg--lines"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={0} x2="100%" y1={y(t)} y2={y(t)} stroke="#b1b4b6" strokeWidth={1} />
            <text x={-6} y={y(t) + 5} textAnchor="end" fontSize={LINE.font} fill="#0b0c0c" className="app-chart__tick">
              {yFormat(t)}
            </text>
          </g>
        ))}
        {labels.map((l, i) =>
          wide.has(i) ? (
            <text
              key={i}
              x={at(i)}
              y={LINE.height - LINE.bottom + 22}
              textAnchor="middle"
              fontSize={LINE.font}
              fill="#0b0c0c"
              className={narrow.has(i) ? undefined : "app-chart__label--wide"}
            >
              {l}
            </text>
          ) : null,
        )}
        {marker ? (
          <g>
            <line
              x1={at(marker.index)}
              x2={at(marker.index)}
              y1={LINE.top}
              y2={LINE.top + innerH}
              stroke="#0b0c0c"
              strokeWidth={1}
              strokeDasharray="4 4"
            />
            <text
              x={at(marker.index)}
              dx={markerLeft ? -6 : 6}
              y={LINE.top + 14}
              textAnchor={markerLeft ? "end" : "start"}
              fontSize={LINE.font}
              fill="#0b0c0c"
            >
              {marker.text}
            </text>
          </g>
        ) : null}
        <svg
          x={0}
          y={LINE.top}
          width="100%"
          height={innerH}
          viewBox={`0 0 ${PLOT_UNITS} ${innerH}`}
          preserveAspectRatio="none"
          overflow="visible"
        >
          {series.map((s, si) => (
            <g key={s.name}>
              {runsOf(s.values).map((run, ri) => (
                <polyline
                  key={ri}
                  points={run.map(([i, v]) => `${(share(i) * PLOT_UNITS).toFixed(1)},${plotY(v).toFixed(1)}`).join(" ")}
                  fill="none"
                  stroke={CHART_COLOURS[si % CHART_COLOURS.length]}
                  strokeWidth={3}
                  strokeDasharray={DASHES[si % DASHES.length] || undefined}
                  vectorEffect="non-scaling-stroke"
                />
              ))}
            </g>
          ))}
        </svg>
        {series.map((s, si) => (
          <g key={s.name}>
            {s.values.map((v, i) =>
              v === null ? null : (
                <svg key={i} x={at(i)} y={y(v)} overflow="visible">
                  <Marker shape={si} colour={CHART_COLOURS[si % CHART_COLOURS.length]} />
                </svg>
              ),
            )}
          </g>
        ))}
        <line x1={0} x2="100%" y1={LINE.top + innerH} y2={LINE.top + innerH} stroke="#0b0c0c" strokeWidth={1} />
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
                <g transform="translate(20 7)">
                  <Marker shape={si} colour={CHART_COLOURS[si % CHART_COLOURS.length]} />
                </g>
              </svg>{" "}
              {s.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** The unbroken stretches of a series, as [index, value] pairs: a month with no figure breaks the line. */
function runsOf(values: (number | null)[]): [number, number][][] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  values.forEach((v, i) => {
    if (v !== null) run.push([i, v]);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length) runs.push(run);
  return runs;
}

/** A point's mark, centred on (0, 0): circle, square or triangle by series, so series differ by more than colour. */
function Marker({ shape, colour }: { shape: number; colour: string }) {
  switch (shape % 3) {
    case 0:
      return <circle r={4} fill={colour} />;
    case 1:
      return <rect x={-4} y={-4} width={8} height={8} fill={colour} />;
    default:
      return <polygon points="0,-5 5,4 -5,4" fill={colour} />;
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
