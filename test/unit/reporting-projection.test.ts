import { describe, expect, it } from "vitest";
import { officersNeeded, pacePerMonth, project, type TrajectoryPoint } from "~/domain/reporting/projection";
import { lastMonths, monthEnd } from "~/domain/dates.server";

const NOW = new Date("2026-06-30T12:00:00.000Z");
// Month ends from January to June 2026 with the given competent counts.
const points = (counts: number[]): TrajectoryPoint[] => {
  const months = lastMonths(NOW, counts.length);
  return counts.map((competent, i) => ({ at: monthEnd(months[i], NOW), competent }));
};

describe("officersNeeded", () => {
  it("rounds up to whole officers", () => {
    expect(officersNeeded(80, 11)).toBe(9);
    expect(officersNeeded(50, 10)).toBe(5);
    expect(officersNeeded(100, 0)).toBe(0);
    expect(officersNeeded(33, 100)).toBe(33);
  });
});

describe("pacePerMonth", () => {
  it("fits a straight line through the monthly counts", () => {
    expect(pacePerMonth(points([0, 10, 20, 30, 40, 50]))).toBeCloseTo(10, 0);
    expect(pacePerMonth(points([5]))).toBe(0);
    expect(pacePerMonth(points([7, 7, 7]))).toBeCloseTo(0, 5);
  });
});

describe("project", () => {
  it("is on course when the pace reaches the number needed by the target date, with the projected date", () => {
    // 100 officers, target 80% by the end of October: 80 needed; 50 now at 10 a month -> about 3 months.
    const p = project(points([0, 10, 20, 30, 40, 50]), 100, { percent: 80, date: "2026-10-31" }, NOW);
    expect(p.needed).toBe(80);
    expect(p.competentNow).toBe(50);
    expect(p.onCourse).toBe(true);
    expect(p.behindBy).toBe(0);
    expect(p.projectedDate!.toISOString().slice(0, 7)).toBe("2026-09");
  });

  it("is behind by the officers the pace leaves short at the target date", () => {
    // 50 now, 10 a month, target 100 by the end of August (2 months): about 70 expected, 30 short.
    const p = project(points([0, 10, 20, 30, 40, 50]), 100, { percent: 100, date: "2026-08-31" }, NOW);
    expect(p.onCourse).toBe(false);
    expect(p.behindBy).toBeGreaterThanOrEqual(29);
    expect(p.behindBy).toBeLessThanOrEqual(31);
    expect(p.projectedDate!.toISOString().slice(0, 7)).toBe("2026-11");
  });

  it("has no projected date when nobody is becoming competent, and counts the whole gap", () => {
    const p = project(points([10, 10, 10, 10]), 40, { percent: 50, date: "2027-01-31" }, NOW);
    expect(p.projectedDate).toBeNull();
    expect(p.onCourse).toBe(false);
    expect(p.behindBy).toBe(10);
  });

  it("is on course once the target is already met", () => {
    const p = project(points([10, 12]), 20, { percent: 50, date: "2026-07-31" }, NOW);
    expect(p.reached).toBe(true);
    expect(p.onCourse).toBe(true);
    expect(p.projectedDate).toEqual(NOW);
  });

  it("falls back when the pace is negative (refreshers lapsing)", () => {
    const p = project(points([30, 25, 20]), 100, { percent: 50, date: "2027-06-30" }, NOW);
    expect(p.perMonth).toBeLessThan(0);
    expect(p.projectedDate).toBeNull();
    expect(p.behindBy).toBe(30);
  });
});

describe("months", () => {
  it("lists the last months oldest first and judges the current month at now", () => {
    expect(lastMonths(NOW, 3)).toEqual(["2026-04", "2026-05", "2026-06"]);
    expect(lastMonths(new Date("2026-01-15T00:00:00Z"), 2)).toEqual(["2025-12", "2026-01"]);
    expect(monthEnd("2026-02", NOW).toISOString()).toBe("2026-02-28T23:59:59.999Z");
    expect(monthEnd("2026-06", NOW)).toEqual(NOW);
  });
});
