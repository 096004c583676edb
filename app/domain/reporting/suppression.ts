/**
 * Small-number suppression: a share of fewer than MIN_GROUP officers could point at one person,
 * so it is shown as "fewer than 5" and never as a percentage or a count.
 */
export const MIN_GROUP = 5;

/** A group too small to show figures for: the one test every report, chart and export uses. */
export const isSmallGroup = (size: number) => size < MIN_GROUP;

export type Share = { shown: true; count: number; total: number; percent: number } | { shown: false; total: number };

export function share(count: number, total: number): Share {
  if (isSmallGroup(total)) return { shown: false, total };
  return { shown: true, count, total, percent: (100 * count) / total };
}

export const SUPPRESSED_TEXT = `fewer than ${MIN_GROUP}`;

/** "40% (2 of 5)" or "fewer than 5". */
export function describeShare(s: Share): string {
  return s.shown ? `${Math.round(s.percent)}% (${s.count} of ${s.total})` : SUPPRESSED_TEXT;
}

/** A count of officers, or "fewer than 5" when the group it comes from is too small to show. */
export function describeCount(count: number, groupSize: number): string {
  return isSmallGroup(groupSize) ? SUPPRESSED_TEXT : String(count);
}
