/**
 * Calendar days ("YYYY-MM-DD") as people in UK prisons count them: today is today in
 * Europe/London. Due dates are whole days, so the arithmetic is on days, never on instants: a
 * day counted in UTC is exact, with no clock change to trip over. Kept by hand because it is a
 * few lines of exact arithmetic on one format.
 */
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const LONDON_HOUR = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", hour12: false });

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The day an instant falls on in London. */
export function londonDay(at: Date | string): string {
  return LONDON_DAY.format(typeof at === "string" ? new Date(at) : at);
}

/** The hour (0-23) of an instant in London. */
export function londonHour(at: Date): number {
  return Number(LONDON_HOUR.format(at)) % 24;
}

/** A real calendar day written YYYY-MM-DD (31 February is not). */
export function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

/** The ISO 8601 week a day falls in, as "2026-W49": weeks start on Monday. */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY_MS); // the week's Thursday decides its year
  const year = thursday.getUTCFullYear();
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday.toISOString().slice(0, 10)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

const DAY_LABEL = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "3 March 2027" */
export function formatDay(day: string): string {
  return DAY_LABEL.format(new Date(`${day}T00:00:00.000Z`));
}
