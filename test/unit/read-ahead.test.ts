// Pages of a long list, on the engine of the run: in order either way; on PostgreSQL the next page
// is asked for before this one is handed over (never two ahead), on SQLite only once it is wanted.
// Errors reach the reader, and a reader that stops leaves no unhandled rejection behind.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { readAhead } from "~db/read-ahead";
import { TEST_ENGINE, testDatabase } from "../support/database";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await testDatabase({ demo: false });
});

describe(`readAhead on ${TEST_ENGINE}`, () => {
  it("hands over every slice in order, having asked for the next one first only on PostgreSQL", async () => {
    const asked: number[][] = [];
    const seen: { page: number[]; askedBefore: number }[] = [];
    for await (const page of readAhead(db, [1, 2, 3, 4, 5], 2, (slice) => (asked.push(slice), Promise.resolve(slice))))
      seen.push({ page, askedBefore: asked.length });
    expect(seen.map((s) => s.page)).toEqual([[1, 2], [3, 4], [5]]);
    expect(seen.map((s) => s.askedBefore)).toEqual(TEST_ENGINE === "postgres" ? [2, 3, 3] : [1, 2, 3]);
  });

  it("reads nothing for an empty list", async () => {
    let reads = 0;
    for await (const page of readAhead(db, [], 10, () => Promise.resolve(++reads))) expect(page).toBeUndefined();
    expect(reads).toBe(0);
  });

  it("gives the reader a page's error when it comes to that page", async () => {
    const pages = readAhead(db, [1, 2, 3], 1, ([n]) =>
      n === 2 ? Promise.reject(new Error("page 2 failed")) : Promise.resolve(n),
    );
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const n of pages) got.push(n);
      })(),
    ).rejects.toThrow("page 2 failed");
    expect(got).toEqual([1]);
  });

  it("a reader that stops after the first page leaves a failed read of the next one handled", async () => {
    let failSecond: ((e: Error) => void) | undefined;
    const pages = readAhead(db, [1, 2], 1, ([n]) =>
      n === 1 ? Promise.resolve(n) : new Promise<number>((_, reject) => (failSecond = reject)),
    );
    for await (const n of pages) {
      expect(n).toBe(1);
      break;
    }
    failSecond?.(new Error("the database went away"));
    // Vitest fails the run on an unhandled rejection; give it the chance to see one.
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
