// The reminders job: inside the server once a day (after REMINDER_HOUR, London time), and as
// `npm run jobs:reminders` for cron. Several instances may be up: a lease in the database lets
// one run at a time. Each run also sends whatever messages are waiting (a rated reply, a retry); the
// daily run also forgets expired sessions and sign-in counters.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database } from "~db/schema";
import { forgetExpired } from "~/auth/housekeeping.server";
import { acquireLease, lastRunOn, releaseLease, setLastRunOn } from "~db/queries/job-leases.server";
import type { Config } from "~/config.server";
import { dayOf, londonHour } from "~/domain/dates.server";
import { deliverPending, type DeliveryCount } from "~/messages/delivery.server";
import { createReminders, type RemindersCreated } from "~/messages/reminders.server";
import type { Sender } from "~/messages/sender.server";
import { publicUrl } from "~/server/public-url.server";

const JOB = "reminders";
const LEASE_MS = 10 * 60 * 1000;
const TICK_MS = 60 * 1000;

export type JobRun = { ran: false } | { ran: true; reminders: RemindersCreated | null; delivery: DeliveryCount };

export async function runReminderJob(
  db: Kysely<Database>,
  config: Pick<Config, "publicUrl" | "port" | "reminders">,
  sender: Sender | null,
  { now = new Date(), log, always = false }: { now?: Date; log?: Logger; always?: boolean } = {},
): Promise<JobRun> {
  const holder = randomUUID();
  if (!(await acquireLease(db, JOB, holder, new Date(now.getTime() + LEASE_MS), now))) return { ran: false };
  try {
    const today = dayOf(now);
    let reminders: RemindersCreated | null = null;
    if (always || ((await lastRunOn(db, JOB)) !== today && londonHour(now) >= config.reminders.hour)) {
      reminders = await createReminders(db, now);
      await setLastRunOn(db, JOB, holder, today);
      await forgetExpired(db, now);
      log?.info({ ...reminders }, "reminders recorded");
    }
    const delivery = await deliverPending(db, sender, { baseUrl: publicUrl(config), log });
    if (delivery.sent || delivery.failed || delivery.notSent) log?.info({ ...delivery }, "messages delivered");
    return { ran: true, reminders, delivery };
  } finally {
    await releaseLease(db, JOB, holder);
  }
}

/** Runs the job every minute inside the server; returns a function that stops it. */
export function startReminderSchedule(
  db: Kysely<Database>,
  config: Config,
  sender: Sender | null,
  log: Logger,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runReminderJob(db, config, sender, { log })
      .catch((error) => log.error({ err: error }, "the reminders job failed; it runs again in a minute"))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, TICK_MS);
  timer.unref();
  setTimeout(tick, 5_000).unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
