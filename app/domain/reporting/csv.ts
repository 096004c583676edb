/**
 * CSV for spreadsheets (RFC 4180, lines ending CRLF). A free-text cell that a spreadsheet would
 * read as a formula (=, +, -, @, tab, carriage return at the start) gets a leading apostrophe so
 * it stays text (OWASP CSV injection guidance). Numbers stay numbers. Columns of values Engage
 * makes itself (ids) are written exactly, so they still match their records; a value in such a
 * column that is not a plain code is treated as free text after all.
 *
 * The quoting is written here rather than by csv-stringify: it is one rule (a cell holding a comma,
 * a quote, a line feed or a carriage return is quoted, its quotes doubled), and csv-stringify's
 * general field writer was a third of the time of a year's attempts download. A property test
 * checks every document against csv-stringify's (with quote_record_delimiter, which Engage had
 * missed: with CRLF lines it left a lone line feed in a reply unquoted, and spreadsheets split the row).
 */
import { foldForSearch } from "~db/fold";

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

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

function field(value: string | number): string {
  if (typeof value === "number") return String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;
}

const line = (cells: (string | number)[]) => `${cells.map(field).join(",")}\r\n`;

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
    header: line(header.map(neutraliseCell)),
    rows(rows: Cell[][]): string {
      let text = "";
      for (const row of rows) text += line(row.map((cell, c) => (write[c] ?? neutraliseCell)(cell)));
      return text;
    },
  };
}

/**
 * A file name safe in a Content-Disposition header. Letters are folded as the people search folds them ("Łódź
 * wing" is lodz-wing, Straße strasse), so a wing's or prison's name keeps its letters rather than losing them.
 */
export function csvFileName(...parts: string[]): string {
  return `${foldForSearch(parts.join("-"))
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")}.csv`;
}
