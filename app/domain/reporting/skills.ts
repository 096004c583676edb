/**
 * The skills picture: each officer's latest finished assessment attempt, placed against the
 * MITI 4.2.1 fair and good lines for R:Q and %CR. Groups under MIN_GROUP are not shown.
 */
import { indicatorsOf, percentComplexLevel, reflectionToQuestionLevel, type BehaviourCounts } from "../indicators";
import { isSmallGroup, share, type Share } from "./suppression";

export type Band = "below fair" | "fair" | "good" | "not applicable";
export const BANDS: Band[] = ["below fair", "fair", "good", "not applicable"];

const rqBand = (c: BehaviourCounts): Band => reflectionToQuestionLevel(indicatorsOf(c));
const crBand = (c: BehaviourCounts): Band => percentComplexLevel(indicatorsOf(c));

export interface Distribution {
  /** officers with a finished assessment */
  assessed: number;
  suppressed: boolean;
  rq: Record<Band, Share>;
  cr: Record<Band, Share>;
}

/** Bands of each officer's latest assessment (one entry per officer that has one). */
export function distribution(latest: BehaviourCounts[]): Distribution {
  const count = (f: (c: BehaviourCounts) => Band) => {
    const out = {} as Record<Band, Share>;
    for (const b of BANDS) out[b] = share(latest.filter((c) => f(c) === b).length, latest.length);
    return out;
  };
  return { assessed: latest.length, suppressed: isSmallGroup(latest.length), rq: count(rqBand), cr: count(crBand) };
}

/** Mean of 1..5 ratings; null (not shown) when they come from fewer than MIN_GROUP officers. */
export function meanRating(
  ratings: number[],
  officers: number,
): { mean: number | null; ratings: number; officers: number } {
  if (isSmallGroup(officers) || ratings.length === 0) return { mean: null, ratings: ratings.length, officers };
  return { mean: ratings.reduce((a, b) => a + b, 0) / ratings.length, ratings: ratings.length, officers };
}
