// Managers see uptake, not just finishes: a first week of practice shows as officers started and
// in progress, while competency is still 0%.
import { describe, expect, it } from "vitest";
import { insertAttempts } from "../support/attempts";
import { requestAs, testContext, testDatabase } from "../support/database";
import { addUser } from "../support/people";

const { overviewReport } = await import("~/reports/overview.server");
const { homeFor } = await import("~/home/home.server");
const { getCurrentUser } = await import("~/auth/guard.server");

const db = await testDatabase();
const context = testContext(db);
const prison = (await db.selectFrom("establishments").select("id").executeTakeFirstOrThrow()).id;
const wing = (await db.selectFrom("units").select("id").executeTakeFirstOrThrow()).id;
// Ten officers in post (the demo's six and four more), so no share is hidden by the small-number rule.
for (const n of [1, 2, 3, 4])
  await addUser(db, {
    username: `new.officer${n}`,
    display_name: `New Officer ${n}`,
    role: "officer",
    establishment_id: prison,
    unit_id: wing,
    password_hash: "x",
  });
// The first week: three officers practise the first module's first scenario; one finishes it,
// two are part-way through; one abandoned an attempt and has not gone back.
await insertAttempts(db, [
  { username: "officer", scenarioId: "wing-safety", mode: "practice" },
  { username: "officer2", scenarioId: "wing-safety", mode: "practice", status: "in_progress" },
  { username: "officer3", scenarioId: "appeal-denial", mode: "practice", status: "in_progress" },
  { username: "officer4", scenarioId: "wing-safety", mode: "practice", status: "abandoned" },
]);

describe("uptake by module", () => {
  it("counts officers who have started, and each officer once by where they are now", async () => {
    const o = await overviewReport(db, prison);
    expect(o.summary.modules[0].competent).toMatchObject({ shown: true, count: 0 });
    const first = o.uptake[0];
    expect(first.moduleId).toBe("listening-on-the-landing");
    expect(first.started).toEqual({ shown: true, count: 3, total: 10, percent: 30 });
    expect(first.byStatus.in_progress).toMatchObject({ count: 3 });
    expect(first.byStatus.competent).toMatchObject({ count: 0 });
    expect(Object.keys(first.byStatus)).not.toContain("not_started");
    for (const later of o.uptake.slice(1)) expect(later.started).toMatchObject({ count: 0 });
    // Every officer is in exactly one status, or not started.
    for (const u of o.uptake) {
      const counted = Object.values(u.byStatus).reduce((n, s) => n + (s.shown ? s.count : 0), 0);
      expect(counted).toBe(u.started.shown ? u.started.count : 0);
    }
  });

  it("is on the manager's home page too", async () => {
    const manager = (await getCurrentUser(await requestAs(context, "manager"), context))!;
    const home = await homeFor(db, manager);
    if (home.role !== "manager" || !home.report) throw new Error("expected a manager's home");
    expect(home.report.uptake[0].started).toMatchObject({ count: 3 });
    expect(home.report.modules[0]).toMatchObject({ id: "listening-on-the-landing" });
  });

  it("hides every figure for a group of fewer than 5 officers", async () => {
    await db.updateTable("users").set({ active: false }).where("username_key", "like", "new.officer%").execute();
    await db
      .updateTable("users")
      .set({ active: false })
      .where("username_key", "in", ["officer5", "officer6"])
      .execute();
    const o = await overviewReport(db, prison);
    expect(o.summary.officers).toBe(4);
    expect(o.uptake[0].started).toEqual({ shown: false, total: 4, hidden: "small" });
    expect(Object.values(o.uptake[0].byStatus).every((s) => !s.shown)).toBe(true);
  });
});
