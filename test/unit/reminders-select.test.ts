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

describe("reminder selection", () => {
  it("picks what is due within the window or overdue, not what is on track", () => {
    expect(reminderItems(due, titles).map((i) => i.moduleId)).toEqual(["m1", "m2"]);
  });

  it("only news makes a message: a trigger already told is not told again", () => {
    const items = reminderItems(due, titles);
    expect(newTriggers(items, new Set())).toEqual(["m1:2026-11-28:overdue", "m2:2026-12-05:due_soon"]);
    expect(newTriggers(items, new Set(["m1:2026-11-28:overdue", "m2:2026-12-05:due_soon"]))).toEqual([]);
    // m2 told while due soon, now overdue: news again.
    const later = reminderItems([{ ...due[1], state: "overdue" }], titles);
    expect(newTriggers(later, new Set(["m2:2026-12-05:due_soon"]))).toEqual(["m2:2026-12-05:overdue"]);
  });

  it("an officer's message lists every item with its date and links back", () => {
    const m = officerReminder("Sam Okafor", reminderItems(due, titles));
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
