import fc from "fast-check";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { csvFileName, neutraliseCell, toCsv } from "~/domain/reporting/csv";
import { parseCsv } from "../support/csv";

describe("toCsv", () => {
  it("quotes commas, quotes and line breaks so every cell reads back the same", () => {
    const cells = ["Okafor, Sam", 'He said "no"', "two\nlines", "plain", "Ünïcödé wing"];
    const csv = toCsv(["a", "b", "c", "d", "e"], [cells]);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(parseCsv(csv)).toEqual([["a", "b", "c", "d", "e"], cells]);
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const f of ["=1+1", "+44 20", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")']) {
      expect(neutraliseCell(f)).toBe(`'${f}`);
    }
    const csv = toCsv(["name"], [["=1+1"], ['=cmd|" /C calc"!A0']]);
    const rows = parseCsv(csv);
    expect(rows[1][0]).toBe("'=1+1");
    expect(rows[2][0]).toBe(`'=cmd|" /C calc"!A0`);
    expect(csv).not.toMatch(/(^|,|\n)=1\+1/);
  });

  it("keeps numbers as numbers (a negative count is not a formula) and writes empty cells for missing values", () => {
    const rows = parseCsv(toCsv(["n", "m", "x", "y"], [[-3, 2.5, null, undefined]]));
    expect(rows[1]).toEqual(["-3", "2.5", "", ""]);
    expect(neutraliseCell(Number.NaN)).toBe("");
    expect(neutraliseCell("Safe text")).toBe("Safe text");
  });

  it("quotes a lone line feed or carriage return too: spreadsheets end a row at either", () => {
    expect(toCsv(["a", "b"], [["two\nlines", "x\r"]])).toBe('a,b\r\n"two\nlines","x\r"\r\n');
  });

  it("neutralises the header row too", () => {
    expect(parseCsv(toCsv(["=evil"], []))[0]).toEqual(["'=evil"]);
  });
});

describe("toCsv against csv-stringify", () => {
  // Cells made mostly of the characters that matter to quoting and to formula guards.
  const text = fc.string({
    unit: fc.constantFrom(",", '"', "\r", "\n", "=", "-", "+", "@", "\t", " ", "'", "a", "é", "1"),
  });
  const cell = fc.oneof(text, fc.double(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.string());

  it("writes every document byte for byte as csv-stringify writes the same guarded cells", () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }),
        (header, rows) => {
          const guarded = [header, ...rows].map((r) => r.map(neutraliseCell));
          expect(toCsv(header, rows)).toBe(
            stringify(guarded, { record_delimiter: "windows", quote_record_delimiter: true }),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("toCsv code columns", () => {
  it("writes ids exactly, whatever their first character, and guards anything else in them", () => {
    const rows = parseCsv(
      toCsv(
        ["Attempt", "Officer"],
        [
          ["-abc_DEF123", "-2+3"],
          ["=HYPERLINK(1)", "ok"],
        ],
        { codes: ["Attempt"] },
      ),
    );
    expect(rows[1]).toEqual(["-abc_DEF123", "'-2+3"]);
    expect(rows[2]).toEqual(["'=HYPERLINK(1)", "ok"]);
  });
});

describe("csvFileName", () => {
  it("makes a safe file name", () => {
    expect(csvFileName("training-matrix", 'HMP Hollowbrook (demo) "x"', "2026-06-30")).toBe(
      "training-matrix-hmp-hollowbrook-demo-x-2026-06-30.csv",
    );
  });

  it("folds letters as the people search does, rather than dropping them", () => {
    expect(csvFileName("training-matrix", "Łódź wing", "Øst", "Straße", "Æsir", "Þór", "Ɣana", "Məmməd")).toBe(
      "training-matrix-lodz-wing-ost-strasse-aesir-thor-gana-memmed.csv",
    );
    expect(csvFileName("Élodie", "e\u0301cole")).toBe("elodie-ecole.csv");
  });
});

describe("toCsv with many rows", () => {
  it("writes every row once, in order, across its internal chunks", () => {
    const rows = Array.from({ length: 2501 }, (_, i) => [`officer ${i}`, i % 3 === 0 ? "=1+1" : "x, y", i]);
    const parsed = parseCsv(toCsv(["name", "note", "n"], rows));
    expect(parsed).toHaveLength(2502);
    expect(parsed[2501]).toEqual(["officer 2500", "x, y", "2500"]);
    expect(parsed[1]).toEqual(["officer 0", "'=1+1", "0"]);
    expect(parsed.slice(1).map((r) => Number(r[2]))).toEqual(rows.map((r) => r[2]));
  });
});
