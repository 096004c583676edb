/**
 * CSV for spreadsheets: csv-stringify does the quoting; a free-text cell that a spreadsheet would
 * read as a formula (=, +, -, @, tab, carriage return at the start) gets a leading apostrophe so
 * it stays text (OWASP CSV injection guidance). Numbers stay numbers. Columns of values Engage
 * makes itself (ids) are written exactly, so they still match their records; a value in such a
 * column that is not a plain code is treated as free text after all.
 */
import { stringify } from "csv-stringify/sync";

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: Cell): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Letters, digits and - _ . : only: nothing a spreadsheet could run, whatever its first character. */
const PLAIN_CODE = /^[A-Za-z0-9_.:-]*$/;

const codeCell = (value: Cell) => (typeof value === "string" && PLAIN_CODE.test(value) ? value : neutraliseCell(value));

const OPTIONS = { record_delimiter: "windows" } as const;
const CHUNK = 1000;

/**
 * A CSV document with a header row; lines end CRLF (RFC 4180). `codes` names the columns that hold
 * ids Engage generated, written as they are.
 */
export function toCsv(header: string[], rows: Cell[][], options: { codes?: string[] } = {}): string {
  const csv = csvWriter(header, options);
  return csv.header + csv.rows(rows);
}

/** The same document written in parts, for a file sent as its rows are read: the header line, then rows. */
export function csvWriter(header: string[], { codes = [] }: { codes?: string[] } = {}) {
  const write = header.map((name) => (codes.includes(name) ? codeCell : neutraliseCell));
  return {
    header: stringify([header.map(neutraliseCell)], OPTIONS),
    rows(rows: Cell[][]): string {
      // Stringified in chunks: csv-stringify's sync API is markedly faster on many small inputs
      // than on one large one.
      const parts: string[] = [];
      for (let i = 0; i < rows.length; i += CHUNK)
        parts.push(
          stringify(
            rows.slice(i, i + CHUNK).map((r) => r.map((cell, c) => (write[c] ?? neutraliseCell)(cell))),
            OPTIONS,
          ),
        );
      return parts.join("");
    },
  };
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
