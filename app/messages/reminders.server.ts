// The daily reminders: for every prison, each officer with assigned training due within a week or
// overdue gets one message when there is news (domain/reminders.ts: due soon, overdue, still overdue a week on); each manager gets one summary
// a week of overdue officers by wing. Every message has a key, so running again records nothing
// twice.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~db/schema";
import { listEstablishments } from "~db/queries/establishments.server";
import { earlierReminders, insertMessage } from "~db/queries/messages.server";
import { listUsers } from "~db/queries/users.server";
import { duesForPrison } from "~/assignments/assignments.server";
import { isoWeek, dayOf } from "~/domain/dates.server";
import {
  managerSummary,
  newTriggers,
  officerReminder,
  reminderItems,
  storedBody,
  triggerOf,
  type OverdueOfficer,
} from "~/domain/reminders";
import { prisonProgress } from "~/reports/progress.server";

export interface RemindersCreated {
  officers: number;
  managers: number;
}

/** What an earlier reminder told its officer about (its details, as createReminders writes them). */
const toldAbout = z.object({ triggers: z.array(z.string()) });

const digest = (parts: string[]) => createHash("sha256").update(parts.join("|")).digest("hex").slice(0, 24);

export async function createReminders(db: Kysely<Database>, now = new Date()): Promise<RemindersCreated> {
  const created: RemindersCreated = { officers: 0, managers: 0 };
  const today = dayOf(now);
  const week = isoWeek(today);
  for (const prison of await listEstablishments(db)) {
    const p = await prisonProgress(db, prison.id, { now });
    const dues = await duesForPrison(db, prison.id, p.officers, p.rules, now);
    if (dues.size === 0) continue;
    const titles = new Map(p.curriculum.map((m) => [m.id, m.title]));
    const withItems = p.officers
      .map((o) => ({ officer: o, items: reminderItems(dues.get(o.officerId) ?? [], titles, today) }))
      .filter((x) => x.items.length > 0);

    const told = new Map<number, Set<string>>();
    for (const row of await earlierReminders(
      db,
      withItems.map((x) => x.officer.officerId),
    )) {
      // Details that are not a reminder's (never expected) count as telling nothing: the officer hears again.
      const earlier = row.details ? toldAbout.safeParse(JSON.parse(row.details)) : null;
      const triggers = earlier?.success ? earlier.data.triggers : [];
      told.set(row.user_id, new Set([...(told.get(row.user_id) ?? []), ...triggers]));
    }
    for (const { officer, items } of withItems) {
      const news = newTriggers(items, told.get(officer.officerId) ?? new Set());
      if (news.length === 0) continue;
      const message = officerReminder(officer.name, items);
      const recorded = await insertMessage(db, {
        userId: officer.officerId,
        kind: "due_reminder",
        // The same news for the same officer is one message, however often the job runs.
        dedupeKey: `due:${officer.officerId}:${digest(news)}`,
        subject: message.subject,
        body: storedBody(message),
        link: "/",
        details: { triggers: items.map(triggerOf), items },
      });
      if (recorded) created.officers++;
    }

    const overdue: OverdueOfficer[] = withItems
      .filter((x) => x.items.some((i) => i.state === "overdue"))
      .map((x) => ({
        wing: x.officer.wingName ?? "No wing",
        name: x.officer.name,
        modules: x.items.filter((i) => i.state === "overdue").map((i) => i.title),
      }));
    if (overdue.length === 0) continue;
    const managers = (await listUsers(db, { establishmentId: prison.id, role: "manager", limit: 1000 })).filter(
      (m) => m.active,
    );
    for (const manager of managers) {
      const message = managerSummary(manager.display_name, prison.name, overdue);
      const recorded = await insertMessage(db, {
        userId: manager.id,
        kind: "manager_summary",
        dedupeKey: `summary:${manager.id}:${week}`,
        subject: message.subject,
        body: storedBody(message),
        link: "/reports/matrix?due=overdue",
        details: { week, overdue: overdue.length },
      });
      if (recorded) created.managers++;
    }
  }
  return created;
}
