/**
 * CSV for spreadsheets: csv-stringify does the quoting; a text cell that a spreadsheet would
 * read as a formula (=, +, -, @, tab, carriage return at the start) gets a leading apostrophe so
 * it stays text (OWASP CSV injection guidance). Numbers stay numbers.
 */
import { stringify } from "csv-stringify/sync";

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: Cell): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const OPTIONS = { record_delimiter: "windows" } as const;
const CHUNK = 1000;

/** A CSV document with a header row; lines end CRLF (RFC 4180). */
export function toCsv(header: string[], rows: Cell[][]): string {
  // Stringified in chunks: csv-stringify's sync API is markedly faster on many small inputs
  // than on one large one (a year of a prison's attempts is ~30,000 rows).
  const parts = [stringify([header.map(neutraliseCell)], OPTIONS)];
  for (let i = 0; i < rows.length; i += CHUNK)
    parts.push(
      stringify(
        rows.slice(i, i + CHUNK).map((r) => r.map(neutraliseCell)),
        OPTIONS,
      ),
    );
  return parts.join("");
}

/** A file name safe in a Content-Disposition header. */
export function csvFileName(...parts: string[]): string {
  return `${parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")}.csv`;
}
