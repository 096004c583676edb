// npm run jobs:reminders: records today's reminders and sends waiting messages, now (for cron).
// Safe beside running servers: the same lease and message keys mean nothing is done twice.
import pino from "pino";
import { migrateToLatest, openDatabase } from "~db/connection.server";
import { loadConfigOrExit } from "~/config.server";
import { runReminderJob } from "~/messages/job.server";
import { createSender } from "~/messages/sender.server";

const config = loadConfigOrExit("command");
const db = openDatabase(config.database);
const sender = createSender(config.mail);
try {
  await migrateToLatest(db);
  const run = await runReminderJob(db, config, sender, { always: true, log: pino({ level: "warn" }) });
  if (!run.ran) {
    console.log("reminders: another instance is running the job now; nothing done");
  } else {
    const r = run.reminders!;
    const d = run.delivery;
    console.log(`reminders: ${r.officers} officer reminders and ${r.managers} manager summaries recorded`);
    console.log(
      `messages: ${d.sent} sent, ${d.failed} failed (tried again next run), ${d.notSent} not sent${sender ? "" : " (no email service set up)"}`,
    );
    if (d.failed) process.exitCode = 1;
  }
} finally {
  sender?.close();
  await db.destroy();
}
