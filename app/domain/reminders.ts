/**
 * Which reminders to send and what they say. An officer is told once when something assigned to
 * them comes within DUE_SOON_DAYS of its due date, when it becomes overdue, and then once a week
 * while it stays overdue, OVERDUE_REMINDERS times in all (after that their manager's weekly summary
 * carries it); each message lists everything due soon or overdue, so one message a day at most.
 * Managers get one summary a week of their overdue officers by wing. Words are plain; every message
 * links back to Engage.
 */
import { daysBetween, formatDay } from "./dates.server";
import type { ModuleDue } from "./assignments";

export interface ReminderItem {
  moduleId: string;
  title: string;
  dueOn: string;
  state: "due_soon" | "overdue";
  refresher: boolean;
  /** which of the weekly reminders while overdue this is: 0 for the first (and for due soon) */
  round: number;
}

/** Reminders an officer gets about one overdue module: when it becomes overdue, then weekly. */
const OVERDUE_REMINDERS = 4;

export interface Composed {
  subject: string;
  body: string;
  /** the words before the link back to Engage, added where the message is shown or sent */
  linkText: string;
}

/** A message's text as kept: its body, then the words that lead to the link back to Engage. */
export const storedBody = (m: Pick<Composed, "body" | "linkText">) => `${m.body}\n\n${m.linkText}:`;

/** The text as sent: the kept text with the link (a full address) at the end. */
export const sentText = (stored: string, url: string) => `${stored} ${url}`;

/** The assigned modules worth a reminder on `today`: due within the window, or overdue. */
export function reminderItems(due: ModuleDue[], titles: Map<string, string>, today: string): ReminderItem[] {
  return due
    .filter((d): d is ModuleDue & { state: ReminderItem["state"] } => d.state !== "on_track")
    .map((d) => ({
      moduleId: d.moduleId,
      title: titles.get(d.moduleId) ?? d.moduleId,
      dueOn: d.dueOn,
      state: d.state,
      refresher: d.refresher,
      round: d.state === "overdue" ? overdueRound(d.dueOn, today) : 0,
    }));
}

/** Overdue from the day after its due date: 0 in the first week, 1 in the second, and so on to the last reminder. */
const overdueRound = (dueOn: string, today: string) =>
  Math.min(OVERDUE_REMINDERS - 1, Math.max(0, Math.floor((daysBetween(dueOn, today) - 1) / 7)));

/** What makes a reminder news: this module, due on this day, in this state (and week of being overdue). */
export const triggerOf = (i: Pick<ReminderItem, "moduleId" | "dueOn" | "state" | "round">) =>
  `${i.moduleId}:${i.dueOn}:${i.state}${i.round > 0 ? `:${i.round}` : ""}`;

/** The triggers not yet told to the officer; none means no message today. */
export function newTriggers(items: ReminderItem[], alreadyTold: ReadonlySet<string>): string[] {
  return items
    .map(triggerOf)
    .filter((t) => !alreadyTold.has(t))
    .sort();
}

function itemLine(i: ReminderItem) {
  const what = i.refresher ? `${i.title} (refresher)` : i.title;
  return i.state === "overdue"
    ? `* ${what}: overdue, it was due by ${formatDay(i.dueOn)}`
    : `* ${what}: due by ${formatDay(i.dueOn)}`;
}

export function officerReminder(name: string, items: ReminderItem[]): Composed {
  const overdue = items.filter((i) => i.state === "overdue").length;
  const subject =
    overdue > 0
      ? `Engage: ${overdue === 1 ? "1 module is" : `${overdue} modules are`} overdue`
      : `Engage: ${items.length === 1 ? "1 module is" : `${items.length} modules are`} due soon`;
  const body = [
    `Dear ${name},`,
    "",
    "This is a reminder of the motivational interviewing training assigned to you in Engage:",
    "",
    ...items.map(itemLine),
  ].join("\n");
  return { subject, body, linkText: "Sign in to Engage to carry on" };
}

export interface OverdueOfficer {
  wing: string;
  name: string;
  modules: string[];
}

export function managerSummary(name: string, prisonName: string, officers: OverdueOfficer[]): Composed {
  const byWing = new Map<string, OverdueOfficer[]>();
  for (const o of officers) byWing.set(o.wing, [...(byWing.get(o.wing) ?? []), o]);
  const wings = [...byWing.keys()].sort((a, b) => a.localeCompare(b));
  const body = [
    `Dear ${name},`,
    "",
    `${officers.length === 1 ? "1 officer" : `${officers.length} officers`} at ${prisonName} ${officers.length === 1 ? "has" : "have"} overdue training in Engage this week:`,
    ...wings.flatMap((w) => [
      "",
      `${w} (${byWing.get(w)!.length})`,
      ...byWing
        .get(w)!
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((o) => `* ${o.name}: ${o.modules.join(", ")}`),
    ]),
  ].join("\n");
  return {
    subject: `Engage weekly summary: ${officers.length === 1 ? "1 officer" : `${officers.length} officers`} overdue at ${prisonName}`,
    body,
    linkText: "See them in the training matrix",
  };
}

export function replyRatingChanged(name: string, scenarioTitle: string): Composed {
  return {
    subject: "Engage: your rating was changed",
    body: [`Dear ${name},`, "", `A trainer has changed the rating of a reply you wrote in "${scenarioTitle}".`].join(
      "\n",
    ),
    linkText: "See the new rating and the trainer's comment",
  };
}

export function replyRated(name: string, scenarioTitle: string): Composed {
  return {
    subject: "Engage: a trainer has rated your written reply",
    body: [`Dear ${name},`, "", `A trainer has rated a reply you wrote in "${scenarioTitle}".`].join("\n"),
    linkText: "See the rating and the trainer's comment",
  };
}
