import { describe, expect, it } from "vitest";
import type { ModuleDue } from "~/domain/assignments";
import { managerSummary, newTriggers, officerReminder, reminderItems, sentText, storedBody } from "~/domain/reminders";

const titles = new Map([
  ["m1", "Meeting denial"],
  ["m2", "Parole mistrust"],
  ["m3", "Ambivalence"],
]);
const due: ModuleDue[] = [
  { moduleId: "m1", dueOn: "2026-11-28", state: "overdue", refresher: false },
  { moduleId: "m2", dueOn: "2026-12-05", state: "due_soon", refresher: true },
  { moduleId: "m3", dueOn: "2027-01-30", state: "on_track", refresher: false },
];

const TODAY = "2026-11-30";

describe("reminder selection", () => {
  it("picks what is due within the window or overdue, not what is on track", () => {
    expect(reminderItems(due, titles, TODAY).map((i) => i.moduleId)).toEqual(["m1", "m2"]);
  });

  it("only news makes a message: a trigger already told is not told again", () => {
    const items = reminderItems(due, titles, TODAY);
    expect(newTriggers(items, new Set())).toEqual(["m1:2026-11-28:overdue", "m2:2026-12-05:due_soon"]);
    expect(newTriggers(items, new Set(["m1:2026-11-28:overdue", "m2:2026-12-05:due_soon"]))).toEqual([]);
    // m2 told while due soon, now overdue: news again.
    const later = reminderItems([{ ...due[1], state: "overdue" }], titles, "2026-12-06");
    expect(newTriggers(later, new Set(["m2:2026-12-05:due_soon"]))).toEqual(["m2:2026-12-05:overdue"]);
  });

  it("an overdue module is news again each week it stays overdue, four reminders in all", () => {
    const overdue = [due[0]]; // due by 28 November
    const triggersOn = (today: string) => newTriggers(reminderItems(overdue, titles, today), new Set());
    expect(triggersOn("2026-11-29")).toEqual(["m1:2026-11-28:overdue"]);
    expect(triggersOn("2026-12-05")).toEqual(["m1:2026-11-28:overdue"]);
    expect(triggersOn("2026-12-06")).toEqual(["m1:2026-11-28:overdue:1"]);
    expect(triggersOn("2026-12-13")).toEqual(["m1:2026-11-28:overdue:2"]);
    expect(triggersOn("2026-12-20")).toEqual(["m1:2026-11-28:overdue:3"]);
    // After the fourth, the manager's weekly summary carries it: nothing new for the officer.
    expect(triggersOn("2027-02-01")).toEqual(["m1:2026-11-28:overdue:3"]);
    const told = new Set(["m1:2026-11-28:overdue", "m1:2026-11-28:overdue:1"]);
    expect(newTriggers(reminderItems(overdue, titles, "2026-12-10"), told)).toEqual([]);
  });

  it("an officer's message lists every item with its date and links back", () => {
    const m = officerReminder("Sam Okafor", reminderItems(due, titles, TODAY));
    expect(m.subject).toBe("Engage: 1 module is overdue");
    expect(m.body).toContain("* Meeting denial: overdue, it was due by 28 November 2026");
    expect(m.body).toContain("* Parole mistrust (refresher): due by 5 December 2026");
    expect(sentText(storedBody(m), "https://engage.example/")).toMatch(
      /Sign in to Engage to carry on: https:\/\/engage.example\/$/,
    );
  });

  it("a manager's summary groups overdue officers by wing", () => {
    const m = managerSummary("Chris", "HMP Hollowbrook", [
      { wing: "B wing", name: "Tom", modules: ["Meeting denial"] },
      { wing: "A wing", name: "Sam", modules: ["Meeting denial", "Parole mistrust"] },
    ]);
    expect(m.subject).toBe("Engage weekly summary: 2 officers overdue at HMP Hollowbrook");
    expect(m.body.indexOf("A wing (1)")).toBeLessThan(m.body.indexOf("B wing (1)"));
    expect(m.body).toContain("* Sam: Meeting denial, Parole mistrust");
  });
});
