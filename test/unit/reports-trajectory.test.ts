// The monthly trajectory skips officers who cannot have been Completed or Competent at a month
// end; this checks it against asking the competency rules for every officer at every month end,
// on a generated prison.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../support/database";

const { getCurriculum } = await import("~/curriculum/curriculum.server");
const { generateLarge } = await import("~/seed/large.server");
const { prisonProgress, monthlyTrajectory } = await import("~/reports/progress.server");
const { programmeProgress } = await import("~/domain/competency");
const { lastMonths, monthEnd, monthOf } = await import("~/domain/dates.server");
const { insertEstablishment } = await import("~db/queries/establishments.server");

const db = await testDatabase();

describe("monthlyTrajectory", () => {
  it("matches the competency rules asked for every officer at every month end", async () => {
    const modules = (await getCurriculum(db)).map((m) => ({
      id: m.id,
      scenarios: m.scenarios.map((s) => ({ id: s.id, versionId: s.versionId })),
    }));
    const end = new Date("2026-06-15T12:00:00.000Z");
    await generateLarge(db, {
      seed: 7,
      prisons: 1,
      officersPerPrison: 150,
      wingsPerPrison: 3,
      months: 12,
      end,
      passwordHash: "x",
      modules,
    });
    const prison = (
      await db.selectFrom("establishments").select("id").where("code", "=", "LG1").executeTakeFirstOrThrow()
    ).id;
    const now = new Date("2026-06-15T18:00:00.000Z");
    const p = await prisonProgress(db, prison, { now });
    const fast = monthlyTrajectory(p, now);
    const slow = lastMonths(now, 12)
      .filter((month) => month >= monthOf(p.since))
      .map((month) => {
        const at = monthEnd(month, now);
        const all = p.officers.map((o) => programmeProgress(p.rules, p.records.get(o.officerId) ?? [], at));
        return {
          month,
          completed: all.filter((x) => x.completed).length,
          competent: all.filter((x) => x.competent).length,
        };
      });
    expect(fast.map(({ month, completed, competent }) => ({ month, completed, competent }))).toEqual(slow);
    // The generated prison has people at every stage, so the comparison means something.
    expect(slow.at(-1)!.completed).toBeGreaterThan(10);
    expect(Math.max(...slow.map((s) => s.competent))).toBeGreaterThan(0);
  });

  it("starts at the month a prison joined when nothing of its officers is older", async () => {
    const joined = new Date();
    const id = await insertEstablishment(db, { code: "NEW", name: "HMP Newly Joined" });
    const now = new Date(joined.getTime() + 95 * 86400000);
    const p = await prisonProgress(db, id, { now });
    const months = monthlyTrajectory(p, now).map((t) => t.month);
    // Not twelve months with noughts before it joined (they made a new prison's pace look slow).
    expect(months[0]).toBe(monthOf(joined));
    expect(months.at(-1)).toBe(monthOf(now));
    expect(months.length).toBeGreaterThanOrEqual(4);
    expect(months.length).toBeLessThanOrEqual(5);
  });
});
