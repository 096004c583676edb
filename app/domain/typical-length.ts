/**
 * How long a scenario usually takes, for officers before they start and as a sense of progress
 * while they play: from officers' finished attempts when there are enough, otherwise from the
 * scenario's shape (the fewest and most decisions from the start to an ending). Never the path
 * the officer is on: that would give the branches away.
 */

/** Fewer finished attempts than this, and the scenario's shape is the better guide. */
const MIN_ATTEMPTS = 5;
/** An attempt that took longer than this was left and resumed: its clock time says nothing. */
const PAUSED_AFTER_MS = 60 * 60_000;
/** Reading his line and the options, choosing, and (in practice) the feedback. */
const SECONDS_PER_DECISION = 40;

export interface FinishedAttempt {
  startedAt: string;
  finishedAt: string;
  responses: number;
}

export interface TypicalLength {
  /** whole minutes, at least 1 */
  minutes: number;
  /** the usual range of the officer's responses */
  responses: { fewest: number; most: number };
  basis: "attempts" | "design";
}

/** Nearest-rank quartiles of some numbers; undefined for none. */
function quartiles(values: number[]): { lower: number; median: number; upper: number } | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const [lower, median, upper] = [at(0.25), at(0.5), at(0.75)];
  return lower === undefined || median === undefined || upper === undefined ? undefined : { lower, median, upper };
}

export function typicalLength(
  shape: { shortestPath: number | null; longestPath: number | null },
  finished: FinishedAttempt[],
): TypicalLength | null {
  const timed = finished
    .map((a) => ({ ms: Date.parse(a.finishedAt) - Date.parse(a.startedAt), responses: a.responses }))
    .filter((a) => a.ms > 0 && a.ms <= PAUSED_AFTER_MS);
  if (timed.length >= MIN_ATTEMPTS) {
    const ms = quartiles(timed.map((a) => a.ms));
    const responses = quartiles(timed.map((a) => a.responses));
    if (ms && responses) {
      return {
        minutes: Math.max(1, Math.round(ms.median / 60_000)),
        responses: { fewest: responses.lower, most: responses.upper },
        basis: "attempts",
      };
    }
  }
  if (shape.shortestPath === null) return null;
  const most = Math.max(shape.shortestPath, shape.longestPath ?? shape.shortestPath);
  const middle = (shape.shortestPath + most) / 2;
  return {
    minutes: Math.max(1, Math.round((middle * SECONDS_PER_DECISION) / 60)),
    responses: { fewest: shape.shortestPath, most },
    basis: "design",
  };
}

/** "about 4 minutes: usually 6 to 9 of your responses" */
export function describeLength(t: TypicalLength): string {
  const { fewest, most } = t.responses;
  const range = fewest === most ? `${fewest}` : `${fewest} to ${most}`;
  return `About ${t.minutes} minute${t.minutes === 1 ? "" : "s"}: usually ${range} of your responses`;
}
