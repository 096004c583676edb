/**
 * Calibration: two coaches observe the same conversation independently, and Engage shows how far
 * they agree, as MITI coders are calibrated. Counts: the intraclass correlation ICC(2,1) of Shrout &
 * Fleiss (1979), a two-way random-effects model, absolute agreement, single rater (McGraw & Wong's
 * ICC(A,1)): coaches are a sample of all coaches, and a coach who tallies everything one higher
 * does not agree. Ratings: exact and adjacent (within one point) agreement, as MITI global ratings
 * are compared.
 */
import { OBSERVED_BEHAVIOURS, type ObservedBehaviour, type ObservedCounts } from "./behaviours";
import { GLOBAL_RATINGS, type GlobalRating, type GlobalRatings } from "./globals";

/**
 * ICC(2,1) of `ratings`: one row per target, one column per rater, every cell filled. Null when it
 * is undefined: fewer than 2 targets or 2 raters, or no variation at all (every value the same).
 */
export function iccAgreement(ratings: number[][]): number | null {
  const n = ratings.length;
  const k = ratings[0]?.length ?? 0;
  if (n < 2 || k < 2 || ratings.some((row) => row.length !== k)) return null;
  const all = ratings.flat();
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const rowMeans = ratings.map((row) => row.reduce((a, b) => a + b, 0) / k);
  const colMeans = Array.from({ length: k }, (_, j) => ratings.reduce((a, row) => a + row[j]!, 0) / n);
  const ssTotal = all.reduce((a, x) => a + (x - mean) ** 2, 0);
  const ssRows = k * rowMeans.reduce((a, m) => a + (m - mean) ** 2, 0);
  const ssCols = n * colMeans.reduce((a, m) => a + (m - mean) ** 2, 0);
  const ssError = ssTotal - ssRows - ssCols;
  const msRows = ssRows / (n - 1);
  const msCols = ssCols / (k - 1);
  const msError = ssError / ((n - 1) * (k - 1));
  const denominator = msRows + (k - 1) * msError + (k * (msCols - msError)) / n;
  if (Math.abs(denominator) < 1e-12) return null;
  return (msRows - msError) / denominator;
}

export type IccBand = "poor" | "fair" | "good" | "excellent";

/** Cicchetti (1994): below 0.40 poor, 0.40 to 0.59 fair, 0.60 to 0.74 good, 0.75 and above excellent. */
export function iccBand(icc: number): IccBand {
  if (icc >= 0.75) return "excellent";
  if (icc >= 0.6) return "good";
  if (icc >= 0.4) return "fair";
  return "poor";
}

export interface RatingAgreement {
  total: number;
  /** the same rating */
  exact: number;
  /** within one point (exact included) */
  adjacent: number;
}

export function ratingAgreement(pairs: [number, number][]): RatingAgreement {
  return {
    total: pairs.length,
    exact: pairs.filter(([a, b]) => a === b).length,
    adjacent: pairs.filter(([a, b]) => Math.abs(a - b) <= 1).length,
  };
}

export interface CalibrationSheet {
  counts: ObservedCounts;
  ratings: GlobalRatings;
}

export interface PairAgreement {
  /** ICC(2,1) over the 10 behaviour counts of this conversation; null when undefined */
  countsIcc: number | null;
  counts: { behaviour: ObservedBehaviour; first: number; second: number }[];
  ratings: RatingAgreement & { each: { rating: GlobalRating; first: number; second: number }[] };
}

/** How far two coaches' sheets of one conversation agree. */
export function pairAgreement(first: CalibrationSheet, second: CalibrationSheet): PairAgreement {
  const each = GLOBAL_RATINGS.map((rating) => ({
    rating,
    first: first.ratings[rating],
    second: second.ratings[rating],
  }));
  return {
    countsIcc: iccAgreement(OBSERVED_BEHAVIOURS.map((b) => [first.counts[b], second.counts[b]])),
    counts: OBSERVED_BEHAVIOURS.map((behaviour) => ({
      behaviour,
      first: first.counts[behaviour],
      second: second.counts[behaviour],
    })),
    ratings: { ...ratingAgreement(each.map((r) => [r.first, r.second])), each },
  };
}

/**
 * Agreement over several conversations two coaches both observed: for each behaviour, ICC(2,1)
 * across the conversations (null where undefined); for the ratings, exact and adjacent agreement.
 */
export function seriesAgreement(pairs: [CalibrationSheet, CalibrationSheet][]): {
  conversations: number;
  behaviours: { behaviour: ObservedBehaviour; icc: number | null }[];
  ratings: RatingAgreement;
} {
  return {
    conversations: pairs.length,
    behaviours: OBSERVED_BEHAVIOURS.map((behaviour) => ({
      behaviour,
      icc: iccAgreement(pairs.map(([a, b]) => [a.counts[behaviour], b.counts[behaviour]])),
    })),
    ratings: ratingAgreement(
      pairs.flatMap(([a, b]) => GLOBAL_RATINGS.map((r): [number, number] => [a.ratings[r], b.ratings[r]])),
    ),
  };
}
