// Defect 4 of issue 11: the manager's home counted staff from a list capped at 500, so a prison
// of 1,200 officers read as 499. Counts come from counting queries.
import { describe, expect, it } from "vitest";
import { currentUserOf, requestAs, testContext, testDatabase } from "../support/database";

const { loader } = await import("~/routes/_index");
const { setTarget } = await import("~db/queries/reports.server");

const db = await testDatabase();
const context = testContext(db);

async function managerHome() {
  const home = await loader({ request: await requestAs(context, "manager", "/"), params: {}, context });
  if (home.role !== "manager") throw new Error(`expected the manager's home, got ${home.role}`);
  return home;
}

describe("the manager's home page", () => {
  it("counts every officer and member of staff in a prison of more than 1,200, not the first 500", async () => {
    const before = await managerHome();
    const manager = await currentUserOf(context, "manager");
    const now = new Date().toISOString();
    const rows = Array.from({ length: 1_200 }, (_, i) => ({
      username: `bulk${i}`,
      username_key: `bulk${i}`,
      display_name: `Bulk Officer ${i}`,
      role: "officer" as const,
      establishment_id: manager.establishmentId,
      unit_id: null,
      password_hash: "x",
      created_at: now,
      updated_at: now,
    }));
    // In chunks: SQLite limits the number of bound parameters in one statement.
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto("users")
        .values(rows.slice(i, i + 200))
        .execute();
    const after = await managerHome();
    expect(after.officers - before.officers).toBe(1_200);
    expect(after.staff - before.staff).toBe(1_200);
    expect(after.officers).toBeGreaterThan(1_200);
  });

  it("gives the target date in the same words as every other page (London, '31 March 2099')", async () => {
    const manager = await currentUserOf(context, "manager");
    await setTarget(db, {
      establishmentId: manager.establishmentId!,
      percent: 50,
      date: "2099-03-31",
      setBy: manager.id,
    });
    expect((await managerHome()).report!.target).toMatch(/^50% competent by 31 March 2099/);
  });

  it("says a shortfall is the projection's on the target date, not today's gap", async () => {
    const manager = await currentUserOf(context, "manager");
    const soon = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await setTarget(db, { establishmentId: manager.establishmentId!, percent: 100, date: soon, setBy: manager.id });
    expect((await managerHome()).report!.target).toMatch(
      /^100% competent by .*: at the current pace, \d+ officers? short on that date$/,
    );
  });
});
