// Calendar months in UTC, as "YYYY-MM", for trends and monthly figures.

export function monthOf(d: Date): string {
  return d.toISOString().slice(0, 7);
}

/** The `count` months ending with the month of `now`, oldest first. */
export function lastMonths(now: Date, count: number): string[] {
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--)
    out.push(monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))));
  return out;
}

/** The instant a month is judged at: its last millisecond, or `now` for the current month. */
export function monthEnd(month: string, now: Date): Date {
  const [y, m] = month.split("-").map(Number);
  const end = new Date(Date.UTC(y, m, 1) - 1);
  return end > now ? now : end;
}

/** "2026-03" -> "March 2026"; "Mar 26" when short. */
export function monthLabel(month: string, short = false): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(
    "en-GB",
    short ? { month: "short", year: "2-digit", timeZone: "UTC" } : { month: "long", year: "numeric", timeZone: "UTC" },
  );
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
