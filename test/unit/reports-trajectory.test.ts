// The monthly trajectory skips officers who cannot have been Completed or Competent at a month
// end; this checks it against asking the competency rules for every officer at every month end,
// on a generated prison.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../support/database";

const { getCurriculum } = await import("~/curriculum/curriculum.server");
const { generateLarge } = await import("~/seed/large.server");
const { prisonProgress, monthlyTrajectory } = await import("~/reports/progress.server");
const { programmeProgress } = await import("~/domain/competency");
const { lastMonths, monthEnd } = await import("~/domain/dates.server");

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
    const slow = lastMonths(now, 12).map((month) => {
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
});
