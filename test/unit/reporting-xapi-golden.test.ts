// The statements Engage writes, byte for byte: the files and the digest below were written by the
// statement builder as it was before the export was made faster (commit 34aa094), for the same
// inputs. A change to what a statement says must change them on purpose, with its reason.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { statementWriter, type StatementInput } from "~/domain/reporting/xapi";
import { awkwardInputs, seededInputs } from "../support/xapi-inputs";

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/xapi/${name}`, import.meta.url), "utf8");

/** The JSON array the download holds for these inputs. */
function written(baseUrl: string, inputs: StatementInput[]): string {
  const write = statementWriter({ baseUrl });
  return `[${inputs.map((i) => write(i).json).join(",")}]`;
}

describe("xAPI statements, byte for byte as before", () => {
  it("writes the awkward cases exactly as recorded", () => {
    expect(written("https://engage.example/", awkwardInputs())).toBe(fixture("awkward-statements.json"));
    expect(written("https://prison.example/engage//", awkwardInputs())).toBe(fixture("awkward-statements-path.json"));
  });

  it("writes 5,000 seeded statements exactly as recorded", () => {
    const text = written("https://engage.example", seededInputs(5000));
    expect(text.length).toBe(7_416_588);
    expect(createHash("sha256").update(text).digest("hex")).toBe(
      "bb98ec8e83c1e70df09eb61542c2c52d12948e736bdb95ee3aca9035e9ac608f",
    );
  });
});
