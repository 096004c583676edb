// The training matrix download is written a page of officers at a time: its first rows are sent
// before the last officers' attempts are read, and paging changes nothing in what it says.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../support/database";
import { GOOD_COUNTS, insertAttempts, LISTENING_SCENARIOS } from "../support/attempts";

const { matrixCsv } = await import("~/reports/exports.server");
const { matrixReport } = await import("~/reports/matrix.server");

const db = await testDatabase();
const demo = (await db.selectFrom("establishments").select("id").executeTakeFirstOrThrow()).id;

await insertAttempts(db, [
  ...LISTENING_SCENARIOS.map((scenarioId) => ({ username: "officer", scenarioId, counts: GOOD_COUNTS })),
  { username: "officer2", scenarioId: "wing-safety", mode: "practice" as const },
]);

async function download(params: Record<string, string> = {}, officersPerPage?: number) {
  const result = await matrixCsv(db, demo, new URLSearchParams(params), { officersPerPage });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result;
}
const lines = (text: string) => text.trim().split("\r\n");
const decoder = new TextDecoder();

describe("training matrix download", () => {
  it("sends its first rows before the last officers are read", async () => {
    const officers = await db
      .selectFrom("users")
      .select(["username", "display_name"])
      .where("establishment_id", "=", demo)
      .where("role", "=", "officer")
      .where("active", "=", true)
      .orderBy("display_name")
      .orderBy("id")
      .execute();
    expect(officers.length).toBeGreaterThan(4);
    const last = officers.at(-1)!;
    const before = lines(await new Response((await download()).body).text());

    const streamed = await download({}, 2);
    expect(streamed.rows).toBe(officers.length);
    const reader = streamed.body.getReader();
    const header = decoder.decode((await reader.read()).value);
    const firstRows = decoder.decode((await reader.read()).value);
    expect(lines(firstRows)).toHaveLength(2);
    // Once the first rows are out, the last officer finishes a practice conversation: the rest of
    // the download is read after it, so their row says so.
    await insertAttempts(db, [{ username: last.username, scenarioId: "wing-safety", mode: "practice" }]);
    let rest = "";
    let chunks = 2;
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      rest += decoder.decode(r.value);
      chunks++;
    }
    expect(chunks).toBe(1 + Math.ceil(officers.length / 2));
    const after = lines(header + firstRows + rest);
    expect(after).toHaveLength(before.length);
    expect(after.at(-1)).toMatch(new RegExp(`^${last.display_name},`));
    expect(after.at(-1)).not.toBe(before.at(-1));
    expect(after.at(-1)).toBe(lines(await new Response((await download()).body).text()).at(-1));
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
  });

  it("says the same whatever the page size, filtered and in progress order as on the matrix page", async () => {
    const cases: Record<string, string>[] = [
      {},
      { sort: "progress" },
      { status: "not_started" },
      { status: "competent", sort: "progress" },
    ];
    for (const params of cases) {
      const whole = await download(params);
      const paged = await download(params, 1);
      const text = await new Response(whole.body).text();
      expect(await new Response(paged.body).text()).toBe(text);
      expect(paged.rows).toBe(whole.rows);
      expect(lines(text)).toHaveLength(whole.rows + 1);
      const page = await matrixReport(db, demo, new URLSearchParams(params));
      expect(
        lines(text)
          .slice(1)
          .map((l) => l.split(",")[0]),
      ).toEqual(page.rows.map((r) => r.name));
    }
  });

  it("refuses filters that are not on the lists", async () => {
    const result = await matrixCsv(db, demo, new URLSearchParams({ status: "heroic", wing: "999999" }));
    expect(result.errors).toEqual({ status: "Choose a status from the list", wing: "Choose a wing from the list" });
  });
});
