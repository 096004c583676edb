/**
 * The skills picture: each officer's latest finished assessment attempt, placed against the
 * MITI 4.2.1 fair and good lines for R:Q and %CR. Groups under MIN_GROUP are not shown.
 */
import { indicatorsOf, percentComplexLevel, reflectionToQuestionLevel, type BehaviourCounts } from "../indicators";
import { besideSmallGroups, isSmallGroup, share, type Hidden, type Share } from "./suppression";

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

/**
 * Bands of each officer's latest assessment (one entry per officer that has one); besideSmall hides
 * them to protect a small group of the same whole (besideSmallGroups).
 */
export function distribution(latest: BehaviourCounts[], besideSmall = false): Distribution {
  const count = (f: (c: BehaviourCounts) => Band) => {
    const out = {} as Record<Band, Share>;
    for (const b of BANDS) out[b] = share(latest.filter((c) => f(c) === b).length, latest.length, besideSmall);
    return out;
  };
  return { assessed: latest.length, suppressed: isSmallGroup(latest.length), rq: count(rqBand), cr: count(crBand) };
}

export interface MeanRating {
  /** null: no ratings, or not shown (hidden says why) */
  mean: number | null;
  ratings: number;
  officers: number;
  hidden: Hidden | null;
}

/** Mean of 1..5 ratings; not shown when they come from fewer than MIN_GROUP officers, or beside such a group. */
export function meanRating(ratings: number[], officers: number, besideSmall = false): MeanRating {
  const hidden: Hidden | null =
    ratings.length === 0 ? null : isSmallGroup(officers) ? "small" : besideSmall ? "besideSmall" : null;
  const mean = ratings.length === 0 || hidden ? null : ratings.reduce((a, b) => a + b, 0) / ratings.length;
  return { mean, ratings: ratings.length, officers, hidden };
}

/** Each group's distribution and mean rating, hidden beside a lone small group of the same whole. */
export function groupSkills(groups: { latest: BehaviourCounts[]; ratings: number[]; ratedOfficers: number }[]) {
  const bandsBeside = besideSmallGroups(groups.map((g) => g.latest.length));
  const ratingsBeside = besideSmallGroups(groups.map((g) => g.ratedOfficers));
  return groups.map((g, i) => ({
    ...distribution(g.latest, bandsBeside[i]),
    rating: meanRating(g.ratings, g.ratedOfficers, ratingsBeside[i]),
  }));
}
