// Filters in the address (prison, wing, module, status, days, page) read with zod, as forms are:
// each page builds its schema from these fields. Every field takes whatever was typed: a value not
// on the page's lists gets a message for its field (the page shows it and lists nothing rather than
// guess), and a page number that makes no sense is page 1. Never a 500.
import { z } from "zod";
import { notFound } from "~/auth/guard.server";
import {
  DATE_PARTS,
  readTypedDate,
  typedDateOf,
  typedMonthOf,
  type DatePart,
  type TypedDate,
  type TypedDateReading,
  type TypedMonthReading,
  type WrongDate,
} from "~/domain/dates.server";
import { ID_TEXT, parseForm, type FieldErrors } from "~/utils/forms";

/** Longer than this is cut: no filter value is longer, and it is shown back in the form. */
const MAX_CHARS = 100;

/** What was typed, trimmed and cut to 100 characters ("" when absent). */
const typed = z
  .string()
  .default("")
  .transform((v) => v.trim().slice(0, MAX_CHARS));

/** A record's id (digits only, at most 10), as its number. */
export const recordId = z.string().regex(ID_TEXT).transform(Number);

/** A record's id in the path (/observations/12): its number, or a 404 for anything else. */
export const idParam = (param: string | undefined): number => recordId.safeParse(param).data ?? notFound();

/** One of a list, or null for none ("" or absent). */
export function oneOf<T extends string>(values: readonly T[], message: string) {
  return typed
    .refine((v) => v === "" || (values as readonly string[]).includes(v), message)
    .transform((v) => (v === "" ? null : (v as T)));
}

/** The id of one of a list of records (a wing, a prison), or null for none. */
export function idIn(ids: readonly number[], message: string) {
  return typed
    .refine((v) => v === "" || (ID_TEXT.test(v) && ids.includes(Number(v))), message)
    .transform((v) => (v === "" ? null : Number(v)));
}

/** A record's id as typed (checked against the records afterwards), or null for none. */
export function anId(message: string) {
  return typed.refine((v) => v === "" || ID_TEXT.test(v), message).transform((v) => (v === "" ? null : Number(v)));
}

/** The fields of a GOV.UK date input named NAME: NAMEDay, NAMEMonth and NAMEYear (as components/fields' DateInput). */
const dateField = (name: string, part: DatePart) => `${name}${part.charAt(0).toUpperCase()}${part.slice(1)}`;

/** A GOV.UK date input's three fields as typed, for a page's schema; readDateRange reads them as a date. */
export function dateFields<N extends string>(name: N) {
  return Object.fromEntries(DATE_PARTS.map((p) => [dateField(name, p), typed])) as Record<
    `${N}${"Day" | "Month" | "Year"}`,
    typeof typed
  >;
}

/** A day ("YYYY-MM-DD", as saved or in an old link) in date input NAME's fields: NAMEDay "27", NAMEMonth "3", NAMEYear "2026". */
export function dateFieldValues(name: string, text: string): Record<string, string> {
  const typedDate = typedDateOf(text) ?? { day: text, month: "", year: "" };
  return Object.fromEntries(DATE_PARTS.map((p) => [dateField(name, p), typedDate[p]]));
}

/**
 * An address from before the date inputs (`?from=2026-03-27`: a bookmark, a link in a note) with its
 * days moved into the inputs' fields, so old links still filter and the form shows their dates.
 */
export function withDateFields(params: URLSearchParams, names: readonly string[]): URLSearchParams {
  const moved = new URLSearchParams(params);
  for (const name of names) {
    const old = moved.get(name) ?? "";
    moved.delete(name);
    if (!old.trim() || DATE_PARTS.some((p) => moved.get(dateField(name, p))?.trim())) continue;
    for (const [field, value] of Object.entries(dateFieldValues(name, old))) moved.set(field, value);
  }
  return moved;
}

/** What a date input's reader makes of it: a day (readTypedDate), a month (readTypedMonth), nothing, or a message. */
type DateReading = TypedDateReading | TypedMonthReading;

export interface DateInputReading<R extends DateReading = DateReading> {
  /** the day or month read, or null when nothing was typed or it is wrong */
  reading: Exclude<R, WrongDate | { kind: "empty" }> | null;
  /** the message on the first field to correct, for the error summary */
  errors: FieldErrors;
  /** the fields to highlight */
  wrong: DatePart[];
}

/**
 * Date input NAME's fields in `values`, read by `read`: readTypedDate, readDayAhead for a date ahead,
 * readTypedMonth for a month. A form from before the date input (a page left open over an update)
 * sends NAME itself, "YYYY-MM-DD" or "YYYY-MM": read as if typed into the fields.
 */
function readDateInput<R extends DateReading>(
  values: Record<string, string>,
  name: string,
  read: (typed: TypedDate) => R,
): DateInputReading<R> {
  const fields = Object.fromEntries(DATE_PARTS.map((p) => [p, values[dateField(name, p)] ?? ""])) as TypedDate;
  const old = DATE_PARTS.some((p) => fields[p].trim()) ? "" : (values[name] ?? "");
  const oldMonth = typedMonthOf(old);
  const reading = read(typedDateOf(old) ?? (oldMonth ? { day: "", ...oldMonth } : fields));
  if (reading.kind === "wrong")
    return {
      reading: null,
      errors: { [dateField(name, reading.parts[0] ?? "day")]: reading.message },
      wrong: reading.parts,
    };
  return {
    reading: reading.kind === "empty" ? null : (reading as DateInputReading<R>["reading"]),
    errors: {},
    wrong: [],
  };
}

export interface DateRange {
  /** each a London day ("YYYY-MM-DD"), or null when nothing was typed */
  days: { from: string | null; to: string | null };
  /** a message on the first field to correct of each date, for the error summary */
  errors: FieldErrors;
  /** the fields of each date to highlight */
  wrong: { from: DatePart[]; to: DatePart[] };
}

/**
 * Two date inputs, "from" and "to", read by the date module with the GOV.UK date input's messages;
 * the last must be the same as or after the first. Nothing typed in one is no limit.
 */
export function readDateRange(
  values: Record<string, string>,
  what: { from: string; to: string } = { from: "Date from", to: "Date to" },
): DateRange {
  const range: DateRange = { days: { from: null, to: null }, errors: {}, wrong: { from: [], to: [] } };
  for (const name of ["from", "to"] as const) {
    const date = readDateInput(values, name, (typed) => readTypedDate(typed, what[name]));
    range.days[name] = date.reading?.day ?? null;
    range.errors = { ...range.errors, ...date.errors };
    range.wrong[name] = date.wrong;
  }
  const { from, to } = range.days;
  if (from && to && from > to) {
    range.errors[dateField("to", "day")] = `${what.to} must be the same as or after ${what.from.toLowerCase()}`;
    range.wrong.to = [...DATE_PARTS];
  }
  return range;
}

/** A form with a date input: `day` (or `month`, for a date input without its day) when it is right. */
export type FormWithDate<T, R extends DateReading = TypedDateReading> =
  | ({ ok: true; data: T; values: Record<string, string> } & Omit<Exclude<R, WrongDate | { kind: "empty" }>, "kind">)
  | { ok: false; errors: FieldErrors; values: Record<string, string>; wrongDate: DatePart[] };

/**
 * A posted form with one date input NAME: its other fields through `schema`, the date through `read`
 * (a day, a month or a message, never "empty": readDayAhead); both are read, so every message shows at once.
 */
export function parseFormWithDate<S extends z.ZodType, R extends DateReading = TypedDateReading>(
  schema: S,
  formData: FormData,
  name: string,
  read: (typed: TypedDate) => Exclude<R, { kind: "empty" }>,
): FormWithDate<z.infer<S>, R> {
  const form = parseForm(schema, formData);
  const date = readDateInput(form.values, name, read);
  if (form.ok && date.reading) {
    const { kind: _kind, ...value } = date.reading;
    return { ok: true, data: form.data, values: form.values, ...value };
  }
  const errors = { ...(form.ok ? {} : form.errors), ...date.errors };
  return { ok: false, errors, values: form.values, wrongDate: date.wrong };
}

/** A page number: anything but a whole number from 1 to 100,000 is page 1. */
export const page = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The page number asked for in the address (`?page=`), for a list whose only filter is its page. */
export const askedPage = (params: URLSearchParams) => page.parse(params.get("page") ?? undefined);

/** One of a list, or null when absent or anything else: an option set by a link, not typed. */
export const linkOption = <T extends string>(values: readonly [T, ...T[]]) => z.enum(values).nullable().catch(null);

/** A whole number from 1 (a line of a file), or null when absent or anything else. */
export const linkNumber = z.coerce.number().int().min(1).max(1_000_000).nullable().catch(null);

/**
 * Options that links put in the address (never typed by a person): each field says what it falls
 * back to, so whatever is not understood is simply left out; never an error, never a 500.
 */
export function readLinkOptions<S extends z.ZodObject>(schema: S, params: URLSearchParams): z.infer<S> {
  return schema.parse(Object.fromEntries(Object.keys(schema.shape).map((k) => [k, params.get(k) ?? undefined])));
}

/** Free text to search by, NFKC-normalised, cut to 100 characters. */
export const search = typed.transform((v) => v.normalize("NFKC"));

export type QueryResult<T> =
  | { ok: true; data: T; values: Record<string, string>; errors: FieldErrors }
  | { ok: false; data: null; values: Record<string, string>; errors: FieldErrors };

/**
 * The address's filters through a page's schema: the typed filters, or a message per wrong field;
 * either way what was typed in each of the schema's fields (trimmed, cut to 100 characters) to show
 * back in the form and keep in links.
 */
export function readQuery<S extends z.ZodObject>(schema: S, params: URLSearchParams): QueryResult<z.infer<S>> {
  const form = parseForm(schema, params);
  const values: Record<string, string> = {};
  for (const k of Object.keys(schema.shape)) values[k] = (params.get(k) ?? "").trim().slice(0, MAX_CHARS);
  return form.ok
    ? { ok: true, data: form.data, values, errors: {} }
    : { ok: false, data: null, values, errors: form.errors };
}
