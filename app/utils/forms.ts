// Form handling: every action validates its FormData with a zod schema through parseForm, and
// gets back either typed data or one message per field for the error summary.
import { z } from "zod";

import type { FieldErrors } from "./field-errors";
import { USERNAME_RULES } from "./form-hints";

export type { FieldErrors } from "./field-errors";

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** A record's id as a form or an address gives it: digits only, at most 10 of them. */
export const ID_TEXT = /^\d{1,10}$/;

/** Largest form Engage accepts, in characters across all fields (uploads are handled apart). */
const MAX_FORM_CHARS = 300_000;

/** A posted form, or the query string of a GET form (filters). */
type Fields = { entries(): IterableIterator<[string, FormDataEntryValue]> };

export function parseForm<S extends z.ZodType>(schema: S, formData: Fields): FormResult<z.infer<S>> {
  const values: Record<string, string> = {};
  let size = 0;
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    size += value.length;
    // A repeated field keeps its first value; own properties only, so a field named "constructor" counts.
    if (!Object.hasOwn(values, key)) values[key] = value;
  }
  if (size > MAX_FORM_CHARS) return { ok: false, errors: { form: "The form is too large to accept." }, values: {} };
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (!Object.hasOwn(errors, field)) errors[field] = issue.message;
  }
  return { ok: false, errors, values };
}

// Characters that have no place in a name or a password: control, format (zero-width, bidi
// overrides), private-use, unassigned and lone surrogate code points.
const ODD_CHARACTERS = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/u;
// In free text the format characters that ordinary writing needs are allowed: joiners (emoji
// sequences, Persian and Indic scripts), the soft hyphen Word pastes, left-to-right and
// right-to-left marks, and the tag characters of flags such as England's. Directional overrides,
// embeddings and isolates (which can make text read otherwise than it is stored) stay refused.
const ODD_IN_LONG_TEXT =
  // eslint-disable-next-line no-control-regex -- refusing these characters is the point
  /(?![\u00ad\u061c\u200c-\u200f\u{e0020}-\u{e007f}])\p{Cf}|[\p{Co}\p{Cn}\p{Cs}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

/** A required single-line text field, trimmed and NFKC-normalised. */
export function text(label: string, { max = 200, min = 1 }: { max?: number; min?: number } = {}) {
  return z
    .string({ error: `Enter ${label}` })
    .transform((v) => v.normalize("NFKC").trim())
    .pipe(
      z
        .string()
        .min(min, min <= 1 ? `Enter ${label}` : `${capitalise(label)} must be ${min} characters or more`)
        .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
        .refine((v) => !ODD_CHARACTERS.test(v), `${capitalise(label)} must not contain hidden or control characters`),
    );
}

/** Free text over several lines (written replies, comments): line breaks allowed. */
export function longText(label: string, { max = 2000, min = 0 }: { max?: number; min?: number } = {}) {
  return z
    .string()
    .default("")
    .transform((v) => v.normalize("NFC").replace(/\r\n/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(min, `Enter ${label}`)
        .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
        .refine((v) => !ODD_IN_LONG_TEXT.test(v), `${capitalise(label)} must not contain hidden or control characters`),
    );
}

export function username() {
  return text("a username", { max: 64 }).refine(
    (v) => /^[A-Za-z0-9._-]{3,64}$/.test(v),
    `Username must be ${USERNAME_RULES}`,
  );
}

export function newPassword() {
  return z
    .string({ error: "Enter a password" })
    .min(1, "Enter a password")
    .min(12, "Password must be 12 characters or more")
    .max(200, "Password must be 200 characters or fewer")
    .refine((v) => !ODD_CHARACTERS.test(v), "Password must not contain hidden or control characters")
    .refine((v) => v.trim().length === v.length, "Password must not start or end with a space");
}

/** An optional email address: "" means none. */
export function optionalEmail() {
  return z
    .string()
    .default("")
    .transform((v) => v.normalize("NFKC").trim())
    .pipe(
      z.union([
        z.literal(""),
        z
          .email({ message: "Enter an email address in the right form, like name@justice.gov.uk" })
          .max(254, "The email address must be 254 characters or fewer"),
      ]),
    )
    .transform((v) => (v === "" ? null : v));
}

/** A whole number from a form field (ids, counts); the message names the field. */
export function wholeNumber(label: string, { min = 0, max = 1_000_000_000 } = {}) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .regex(ID_TEXT, `${capitalise(label)} must be a whole number`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `${capitalise(label)} must be ${min} or more`)
        .max(max, `${capitalise(label)} must be ${max} or fewer`),
    );
}

const OUT_OF_DATE = "This page is out of date. Reload it and try again.";

/**
 * The version (or revision) of a record a form was made from, sent back in a hidden field: if it is missing or
 * not a number, the person cannot fix it in the form, only by loading the page again.
 */
export function pageVersion({ min = 0 } = {}) {
  return z
    .string({ error: OUT_OF_DATE })
    .trim()
    .regex(ID_TEXT, OUT_OF_DATE)
    .transform(Number)
    .pipe(z.number().min(min, OUT_OF_DATE));
}

/** An optional id from a select: "" means none. */
export function optionalId() {
  return z
    .string()
    .default("")
    .refine((v) => v === "" || ID_TEXT.test(v), "Choose an option from the list")
    .transform((v) => (v === "" ? null : Number(v)));
}

function capitalise(s: string) {
  const t = s.replace(/^(a|an|the) /, "");
  return t.charAt(0).toUpperCase() + t.slice(1);
}
