import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isRealDay, isoWeek, dayOf } from "~/domain/dates.server";
import {
  dueDateOf,
  dueLabel,
  modulesDue,
  standingOf,
  stateOn,
  type AssignmentRule,
  type Placement,
} from "~/domain/assignments";
import { DEFAULT_THRESHOLDS, moduleProgress, type AttemptRecord, type ModuleRules } from "~/domain/competency";
import { countBehaviours } from "~/domain/indicators";

const m1: ModuleRules = { id: "m1", scenarioIds: ["a"], thresholds: DEFAULT_THRESHOLDS, refresherMonths: 6 };
const m2: ModuleRules = { id: "m2", scenarioIds: ["b"], thresholds: DEFAULT_THRESHOLDS, refresherMonths: 6 };
const pass = (scenarioId: string, finishedAt: string): AttemptRecord => ({
  scenarioId,
  mode: "assessment",
  status: "finished",
  startedAt: finishedAt,
  finishedAt,
  outcome: "engaged",
  counts: countBehaviours(["open_question", "simple_reflection", "complex_reflection"]),
});

const officer: Placement = { officerId: 7, unitId: 3, prisonJoinedOn: "2025-01-10", unitJoinedOn: "2026-11-20" };
const rule = (r: Partial<AssignmentRule>): AssignmentRule => ({
  id: 1,
  moduleId: "m1",
  unitId: null,
  officerId: null,
  dueOn: null,
  dueDays: null,
  createdOn: "2026-11-01",
  ...r,
});

function dues(rules: AssignmentRule[], attempts: AttemptRecord[], today: string, p = officer) {
  const now = new Date(`${today}T12:00:00Z`);
  return modulesDue(
    rules,
    p,
    [m1, m2].map((m) => ({ rules: m, progress: moduleProgress(m, attempts, now) })),
    today,
  );
}

describe("calendar days", () => {
  it("counts in London and in whole days", () => {
    expect(dayOf(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01"); // BST
    expect(dayOf(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31"); // GMT
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30"); // across the clock change
    expect(daysBetween("2026-12-01", "2026-11-24")).toBe(-7);
    expect(isRealDay("2027-02-29")).toBe(false);
    expect(isRealDay("2028-02-29")).toBe(true);
    expect(isoWeek("2026-12-31")).toBe("2026-W53");
    expect(isoWeek("2027-01-04")).toBe("2027-W01");
    expect(isoWeek("2025-12-29")).toBe("2026-W01");
  });
});

describe("due dates", () => {
  it("a fixed date is the date; overdue the day after, due soon within 7 days", () => {
    expect(dueDateOf(rule({ dueOn: "2026-12-15" }), officer)).toBe("2026-12-15");
    expect(stateOn("2026-12-15", "2026-12-01")).toBe("on_track");
    expect(stateOn("2026-12-15", "2026-12-08")).toBe("due_soon");
    expect(stateOn("2026-12-15", "2026-12-15")).toBe("due_soon");
    expect(stateOn("2026-12-15", "2026-12-16")).toBe("overdue");
  });

  it("says Due today on the day, Due soon before it and Overdue after", () => {
    const tag = (today: string) => dueLabel({ dueOn: "2026-12-01", state: stateOn("2026-12-01", today) }, today);
    expect(["2026-11-30", "2026-12-01", "2026-12-02"].map(tag)).toEqual(["Due soon", "Due today", "Overdue"]);
  });

  it("within N days of joining counts from the later of the assignment and joining", () => {
    // Existing staff: from the day it was assigned.
    expect(dueDateOf(rule({ dueDays: 30 }), officer)).toBe("2026-12-01");
    // A new starter on the wing: from their first day there.
    expect(dueDateOf(rule({ dueDays: 30, unitId: 3 }), officer)).toBe("2026-12-20");
    // A named officer: from the day it was assigned.
    expect(dueDateOf(rule({ dueDays: 14, officerId: 7 }), officer)).toBe("2026-11-15");
  });

  it("a new starter added to the wing later gets the wing's assignment automatically", () => {
    const wingRule = rule({ unitId: 3, dueDays: 14 });
    const before = { ...officer, unitId: 9, unitJoinedOn: "2025-01-10" };
    expect(dues([wingRule], [], "2026-12-01", before)).toEqual([]);
    const joined = { ...officer, unitId: 3, unitJoinedOn: "2026-12-03" };
    expect(dues([wingRule], [], "2026-12-03", joined)).toEqual([
      { moduleId: "m1", dueOn: "2026-12-17", state: "on_track", refresher: false },
    ]);
  });

  it("takes the earliest of several assignments, lists modules in due order, the whole programme covering all", () => {
    const list = dues(
      [
        rule({ dueOn: "2027-01-31" }),
        rule({ id: 2, dueOn: "2026-12-31", unitId: 3 }),
        rule({ id: 3, moduleId: null, dueOn: "2026-12-20" }),
      ],
      [],
      "2026-12-01",
    );
    expect(list.map((d) => [d.moduleId, d.dueOn])).toEqual([
      ["m1", "2026-12-20"],
      ["m2", "2026-12-20"],
    ]);
  });

  it("a Competent module shows its refresher date instead, and is overdue once the refresher is due", () => {
    const attempts = [pass("a", "2026-06-10T10:00:00Z")];
    expect(dues([rule({ dueOn: "2026-07-01" })], attempts, "2026-11-01")).toEqual([
      { moduleId: "m1", dueOn: "2026-12-10", state: "on_track", refresher: true },
    ]);
    expect(dues([rule({ dueOn: "2026-07-01" })], attempts, "2026-12-05")[0]).toMatchObject({ state: "due_soon" });
    expect(dues([rule({ dueOn: "2026-07-01" })], attempts, "2026-12-11")[0]).toMatchObject({
      dueOn: "2026-12-10",
      state: "overdue",
      refresher: true,
    });
  });

  it("an officer's standing is none, on track or overdue", () => {
    expect(standingOf([])).toBe("none");
    expect(standingOf(dues([rule({ dueOn: "2026-12-31" })], [], "2026-12-01"))).toBe("on_track");
    expect(standingOf(dues([rule({ dueOn: "2026-11-30" })], [], "2026-12-01"))).toBe("overdue");
  });
});
