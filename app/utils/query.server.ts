// Filters in the address (prison, wing, module, status, days, page) read with zod, as forms are:
// each page builds its schema from these fields. Every field takes whatever was typed: a value not
// on the page's lists gets a message for its field (the page shows it and lists nothing rather than
// guess), and a page number that makes no sense is page 1. Never a 500.
import { z } from "zod";
import { notFound } from "~/auth/guard.server";
import { isRealDay } from "~/domain/dates.server";
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

/** A day, YYYY-MM-DD (zod's ISO date, so 31 February is refused), or null for none. */
export function day(message: string) {
  return typed.refine((v) => v === "" || isRealDay(v), message).transform((v) => (v === "" ? null : v));
}

/** The last day of a range on or after its first (checked once both are real days). */
export function inOrder<T extends { from: string | null; to: string | null }>(message: string) {
  return (f: T, ctx: z.RefinementCtx) => {
    if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: "custom", path: ["to"], message });
  };
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
