/**
 * Dates and times as people in UK prisons read them: every date, month and day boundary is taken
 * in Europe/London, on every page and in every export, whatever the server's own time zone.
 * Times are stored as ISO 8601 UTC; this module is the only place they become words or days.
 * Server-only: loaders hand pages the words, so the browser never formats a date (and never
 * downloads the time-zone code).
 *
 * Words follow the GOV.UK style guide: "1 July 2026", "1 July 2026 at 12:30am", "midday",
 * "midnight". Exports may add the same instant as ISO 8601 with the London offset.
 */
import { TZDate, tzOffset } from "@date-fns/tz";
import { addDays as addDaysToDate, addMonths as addCalendarMonths, format } from "date-fns";
import { z } from "zod";

export const TIME_ZONE = "Europe/London";

export type When = Date | string | number;

const inLondon = (when: When) => new TZDate(instantOf(when), TIME_ZONE);

const instantOf = (when: When) =>
  typeof when === "string" ? Date.parse(when) : when instanceof Date ? when.getTime() : when;

/**
 * London's clock at an instant, as a Date whose UTC fields read as London's, and its offset in
 * minutes (londonOffset, below). Exports format tens of thousands of instants, and a TZDate for
 * each was most of an attempts download.
 */
function londonClock(when: When): { clock: Date; offset: number } {
  const ms = instantOf(when);
  if (!Number.isFinite(ms)) throw new RangeError("Invalid time value");
  const offset = londonOffset(ms);
  return { clock: new Date(ms + offset * 60_000), offset };
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const two = (n: number) => String(n).padStart(2, "0");
const dayText = (c: Date) =>
  `${String(c.getUTCFullYear()).padStart(4, "0")}-${two(c.getUTCMonth() + 1)}-${two(c.getUTCDate())}`;

const dateWords = (clock: Date) =>
  `${clock.getUTCDate()} ${MONTH_NAMES[clock.getUTCMonth()]} ${String(clock.getUTCFullYear()).padStart(4, "0")}`;

/** "12:30am", "9am", "midday", "midnight" */
function timeWords(clock: Date): string {
  const [h, m] = [clock.getUTCHours(), clock.getUTCMinutes()];
  if (m === 0 && h === 0) return "midnight";
  if (m === 0 && h === 12) return "midday";
  return `${h % 12 || 12}${m === 0 ? "" : `:${two(m)}`}${h < 12 ? "am" : "pm"}`;
}

/** "1 July 2026" */
export function formatDate(when: When): string {
  return dateWords(londonClock(when).clock);
}

/** "1 July 2026 at 12:30am" */
export function formatDateTime(when: When): string {
  const { clock } = londonClock(when);
  return `${dateWords(clock)} at ${timeWords(clock)}`;
}

/** The same instant as ISO 8601 with the London offset, for exports: "2026-07-01T00:30:00+01:00" ("Z" in winter). */
export function isoWithOffset(when: When): string {
  const { clock, offset } = londonClock(when);
  const zone =
    offset === 0
      ? "Z"
      : `${offset > 0 ? "+" : "-"}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${dayText(clock)}T${two(clock.getUTCHours())}:${two(clock.getUTCMinutes())}:${two(clock.getUTCSeconds())}${zone}`;
}

// ---- days ("YYYY-MM-DD", a London calendar day) ----

// zod's ISO date knows each month's length and leap years: the one day parser for forms and filters.
const ISO_DAY = z.iso.date();

/** A real calendar date typed as YYYY-MM-DD (31 February is refused). */
export function isRealDay(v: string): boolean {
  return ISO_DAY.safeParse(v).success;
}

/** The London day an instant falls on. */
export function dayOf(when: When): string {
  return dayText(londonClock(when).clock);
}

/** Year, month (1 to 12) and day of "YYYY-MM-DD" or "YYYY-MM"; a part that is missing is NaN (an Invalid Date). */
function calendarParts(text: string): [year: number, month: number, day: number] {
  const [year = NaN, month = NaN, day = NaN] = text.split("-").map(Number);
  return [year, month, day];
}

/** The first instant of a London day (00:00 London, 23:00 UTC the day before in summer). */
export function startOfDay(day: string): Date {
  const [y, m, d] = calendarParts(day);
  return new Date(new TZDate(y, m - 1, d, TIME_ZONE).getTime());
}

/** The first instant after a London day: filters use `at < endOfDay(to)`. */
export function endOfDay(day: string): Date {
  const [y, m, d] = calendarParts(day);
  return new Date(addDaysToDate(new TZDate(y, m - 1, d, TIME_ZONE), 1).getTime());
}

// ---- months ("YYYY-MM", a London calendar month) ----

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

const monthStart = (month: string) => {
  const [y, m] = calendarParts(month);
  return new TZDate(y, m - 1, 1, TIME_ZONE);
};

/** The London month an instant falls in. */
export function monthOf(when: When): string {
  return format(inLondon(when), "yyyy-MM");
}

/** The month after (or `n` months after) a month. */
export function nextMonth(month: string, n = 1): string {
  return format(addCalendarMonths(monthStart(month), n), "yyyy-MM");
}

/** The `count` months ending with the month of `now`, oldest first. */
export function lastMonths(now: When, count: number): string[] {
  const current = monthOf(now);
  return Array.from({ length: count }, (_, i) => nextMonth(current, i - count + 1));
}

/** The instant a month is judged at: its last millisecond in London, or `now` for the current month. */
export function monthEnd(month: string, now: Date): Date {
  const end = new Date(addCalendarMonths(monthStart(month), 1).getTime() - 1);
  return end > now ? now : end;
}

/** "2026-03" -> "March 2026"; "Mar 26" when short. */
export function monthLabel(month: string, short = false): string {
  return format(monthStart(month), short ? "MMM yy" : "MMMM yyyy");
}

export type MonthLabels = Record<string, { long: string; short: string }>;

/** Labels for months a page shows, worked out on the server (the browser never formats a date). */
export function monthLabels(months: Iterable<string>): MonthLabels {
  return Object.fromEntries([...new Set(months)].map((m) => [m, { long: monthLabel(m), short: monthLabel(m, true) }]));
}

// London's offset from UTC at an instant, in minutes, remembered by the hour (offsets only change on
// the hour). The competency rules add months for every officer, module and month of a report:
// TZDate's arithmetic costs about 70 µs a time, this about half a microsecond.
const offsets = new Map<number, number>();
function londonOffset(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(hour, (offset = tzOffset(TIME_ZONE, new Date(hour * 3_600_000))));
  }
  return offset;
}

/**
 * `months` calendar months after an instant, on the London calendar, keeping the wall-clock time
 * (31 August + 6 months = 28 February). The same answer as date-fns' addMonths on a TZDate in
 * London (a property test checks it), done on the UTC fields of the London wall clock for speed.
 */
export function addMonths(when: When, months: number): Date {
  const ms = instantOf(when);
  if (months === 0) return new Date(ms); // the same instant, even in the hour the clocks go back
  const wall = new Date(ms + londonOffset(ms) * 60_000);
  const day = wall.getUTCDate();
  wall.setUTCDate(1);
  wall.setUTCMonth(wall.getUTCMonth() + months);
  wall.setUTCDate(Math.min(day, new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + 1, 0)).getUTCDate()));
  // Back to an instant with the offset in force then; a wall time in the spring-forward gap moves an hour on.
  const guess = wall.getTime() - londonOffset(wall.getTime()) * 60_000;
  return new Date(wall.getTime() - londonOffset(guess) * 60_000);
}

// ---- whole days: due dates and reminders ("YYYY-MM-DD"; a day counted in UTC is exact, with no clock change) ----

const DAY_MS = 86_400_000;

/** The hour (0-23) of an instant in London. */
export function londonHour(when: When): number {
  return inLondon(when).getHours();
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** How far ahead a date typed into a form may be (a due date, a target): a year 9999 is a typing slip. */
const FURTHEST_AHEAD_YEARS = 5;

/** The last day a form takes as a date ahead of `today`: the same day FURTHEST_AHEAD_YEARS on. */
function furthestAhead(today: string): string {
  const [y, md] = [Number(today.slice(0, 4)), today.slice(4)];
  const day = `${y + FURTHEST_AHEAD_YEARS}${md}`;
  return isRealDay(day) ? day : `${y + FURTHEST_AHEAD_YEARS}-02-28`; // from 29 February
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

/** The ISO 8601 week a day falls in, as "2026-W49": weeks start on Monday. */
export function isoWeek(day: string): string {
  return format(new Date(`${day}T12:00:00.000Z`), "RRRR-'W'II");
}

/** "3 March 2027", for a day (not an instant). */
export function formatDay(day: string): string {
  return format(new Date(`${day}T12:00:00.000Z`), "d MMMM yyyy");
}

// ---- a date typed in GOV.UK's date input: day, month and year fields ----

export const DATE_PARTS = ["day", "month", "year"] as const;
export type DatePart = (typeof DATE_PARTS)[number];
export type TypedDate = Record<DatePart, string>;

/** `parts`: the fields to highlight, the first of them the one the error summary links to */
export type WrongDate = { kind: "wrong"; message: string; parts: DatePart[] };

export type TypedDateReading = { kind: "empty" } | { kind: "day"; day: string } | WrongDate;

// Months as words too, in full or cut to three letters ("March", "mar"), as the design system asks.
const MONTH_WORDS = new Map(
  MONTH_NAMES.flatMap((name, i) => [
    [name.toLowerCase(), i + 1],
    [name.slice(0, 3).toLowerCase(), i + 1],
  ]),
);

const inRange = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;

/**
 * The fields `parts` of a date input as numbers, or the design system's message: `noun` is what a
 * whole answer is ("date", or "month" for a date input without its day).
 */
function readDateFields(
  typed: TypedDate,
  parts: readonly DatePart[],
  what: string,
  noun: "date" | "month",
): { kind: "empty" } | WrongDate | { kind: "read"; day: number; month: number; year: string } {
  const t = { day: typed.day.trim(), month: typed.month.trim(), year: typed.year.trim() };
  const missing = parts.filter((p) => t[p] === "");
  if (missing.length === parts.length) return { kind: "empty" };
  if (missing.length)
    return { kind: "wrong", message: `${what} must include a ${missing.join(" and ")}`, parts: missing };
  const day = /^\d{1,2}$/.test(t.day) ? Number(t.day) : NaN;
  const month = /^\d{1,2}$/.test(t.month) ? Number(t.month) : (MONTH_WORDS.get(t.month.toLowerCase()) ?? NaN);
  const wrong = parts.filter(
    (p) => !{ day: inRange(day, 31), month: inRange(month, 12), year: /^\d{4}$/.test(t.year) }[p],
  );
  if (wrong.length === 1 && wrong[0] === "year" && /^\d+$/.test(t.year))
    return { kind: "wrong", message: `${what} must include a year with 4 numbers`, parts: ["year"] };
  // One wrong field is highlighted alone; more than one, the whole date.
  if (wrong.length)
    return { kind: "wrong", message: `${what} must be a real ${noun}`, parts: wrong.length === 1 ? wrong : [...parts] };
  return { kind: "read", day, month, year: t.year };
}

/**
 * A date typed into a GOV.UK date input, with the design system's messages: `what` names the date
 * as it starts a sentence ("Date from must include a month", "Date from must be a real date").
 * Spaces and leading zeros are fine. Nothing typed is "empty": the form says whether that is allowed.
 */
export function readTypedDate(typed: TypedDate, what: string): TypedDateReading {
  const read = readDateFields(typed, DATE_PARTS, what, "date");
  if (read.kind !== "read") return read;
  const iso = `${read.year}-${two(read.month)}-${two(read.day)}`;
  // 31 February: each field is a number in range, and the day is the one the month does not have.
  if (!isRealDay(iso)) return { kind: "wrong", message: `${what} must be a real date`, parts: ["day"] };
  return { kind: "day", day: iso };
}

// ---- a month typed in GOV.UK's date input without its day: month and year fields ----

export const MONTH_PARTS = ["month", "year"] as const satisfies readonly DatePart[];
export type TypedMonth = Pick<TypedDate, "month" | "year">;
export type TypedMonthReading = { kind: "empty" } | { kind: "month"; month: string } | WrongDate;

/**
 * A month typed into a date input with no day field, as readTypedDate reads a date: "March 2026"
 * as 3 and 2026, or "mar" and 2026; the messages say "must include a year", "must be a real month".
 */
export function readTypedMonth(typed: TypedMonth, what: string): TypedMonthReading {
  const read = readDateFields({ ...typed, day: "" }, MONTH_PARTS, what, "month");
  return read.kind === "read" ? { kind: "month", month: `${read.year}-${two(read.month)}` } : read;
}

/** A month written "YYYY-MM" (as an old form or link has it) in the date input's fields: "3", "2026". */
export function typedMonthOf(text: string): TypedMonth | null {
  const [, year, month] = /^(\d{4})-(\d{1,2})$/.exec(text.trim()) ?? [];
  return year && month ? { month: String(Number(month)), year } : null;
}

/** A day written "YYYY-MM-DD" (real or not, as an old link has it) in the date input's fields: "27", "3", "2026". */
export function typedDateOf(text: string): TypedDate | null {
  const [, year, month, day] = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim()) ?? [];
  return year && month && day ? { day: String(Number(day)), month: String(Number(month)), year } : null;
}

/**
 * A date ahead typed in a date input (a due date, a target): as readTypedDate, and nothing typed is
 * `enter`; a day before today (or, `afterToday`, not after it) or after furthestAhead is refused, the
 * whole date highlighted.
 */
export function readDayAhead(
  typed: TypedDate,
  what: string,
  { today, enter, afterToday = false }: { today: string; enter: string; afterToday?: boolean },
): Exclude<TypedDateReading, { kind: "empty" }> {
  const reading = readTypedDate(typed, what);
  const wrong = (message: string) => ({ kind: "wrong" as const, message, parts: [...DATE_PARTS] });
  if (reading.kind === "empty") return wrong(enter);
  if (reading.kind === "wrong") return reading;
  if (afterToday ? reading.day <= today : reading.day < today)
    return wrong(`${what} must be ${afterToday ? "in the future" : "today or in the future"}`);
  const furthest = furthestAhead(today);
  if (reading.day > furthest) return wrong(`${what} must be no later than ${formatDay(furthest)}`);
  return reading;
}
