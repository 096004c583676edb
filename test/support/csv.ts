// Reading CSV back in tests, to check exports round-trip to the same cells.
import { parse } from "csv-parse/sync";

/** The cells of an RFC 4180 file, read by csv-parse (rows may differ in length, as a CSV with notes does). */
export function parseCsv(text: string): string[][] {
  return parse(text, { relax_column_count: true, bom: true });
}
