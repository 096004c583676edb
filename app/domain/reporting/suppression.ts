/**
 * Small-number suppression: a share of fewer than MIN_GROUP officers could point at one person,
 * so it is shown as "fewer than 5" and never as a percentage or a count.
 */
export const MIN_GROUP = 5;

/** A group too small to show figures for: the one test every report, chart and export uses. */
export const isSmallGroup = (size: number) => size < MIN_GROUP;

/** Why a share is not shown: its group is small, or it stands beside a small group (besideSmallGroups). */
export type Hidden = "small" | "besideSmall";

export type Share =
  { shown: true; count: number; total: number; percent: number } | { shown: false; total: number; hidden: Hidden };

export function share(count: number, total: number, besideSmall = false): Share {
  if (isSmallGroup(total)) return { shown: false, total, hidden: "small" };
  if (besideSmall) return { shown: false, total, hidden: "besideSmall" };
  return { shown: true, count, total, percent: (100 * count) / total };
}

/**
 * Groups that make up a whole (a prison's wings) whose figures are hidden to protect small ones
 * (complementary suppression). The whole's figures are shown, so the hidden groups' together are
 * the whole's minus the shown ones': the smallest shown groups are hidden too until at least two
 * hidden groups have anyone in them and they hold MIN_GROUP or more between them. Returns, for
 * each size, whether that group is hidden for this reason.
 */
export function besideSmallGroups(sizes: number[]): boolean[] {
  const small = sizes.map(isSmallGroup);
  const beside = sizes.map(() => false);
  const hidden = () => sizes.filter((n, i) => n > 0 && (small[i] || beside[i]));
  const exposed = () => {
    const h = hidden();
    return h.length > 0 && (h.length < 2 || h.reduce((a, b) => a + b, 0) < MIN_GROUP);
  };
  while (exposed()) {
    const shown = sizes.flatMap((size, at) => (small[at] || beside[at] ? [] : [{ at, size }]));
    if (shown.length === 0) break;
    const next = shown.reduce((a, b) => (b.size < a.size ? b : a));
    beside[next.at] = true;
  }
  return beside;
}

export const SUPPRESSED_TEXT = `fewer than ${MIN_GROUP}`;
export const BESIDE_SMALL_TEXT = "not shown";
/** The sentence a page with hidden groups shows, once, under its explanation of SUPPRESSED_TEXT. */
export const BESIDE_SMALL_REASON = `Where one wing has fewer than ${MIN_GROUP}, the next smallest wing's figures are “${BESIDE_SMALL_TEXT}” too: with the whole prison's, they would give the small wing's away.`;

/** "40% (2 of 5)", "fewer than 5" or "not shown". */
export function describeShare(s: Share): string {
  if (s.shown) return `${Math.round(s.percent)}% (${s.count} of ${s.total})`;
  return s.hidden === "small" ? SUPPRESSED_TEXT : BESIDE_SMALL_TEXT;
}

/** A count of officers, or "fewer than 5" when the group it comes from is too small to show. */
export function describeCount(count: number, groupSize: number): string {
  return isSmallGroup(groupSize) ? SUPPRESSED_TEXT : String(count);
}
