// Reminders delivered for real: through a real SMTP server on loopback, and through the GOV.UK
// Notify client against a loopback stand-in for Notify (the real service cannot be reached from
// here). Each message is recorded once and sent once, whatever is run again or at the same time.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "~db/schema";
import { addDays, formatDay, dayOf } from "~/domain/dates.server";
import { runReminderJob } from "~/messages/job.server";
import { WINDOW_MS } from "~/auth/throttle";
import { ENDED_KEPT_MS } from "~/auth/session.server";
import { countGuess } from "~db/queries/sign-in-throttle.server";
import { createSender } from "~/messages/sender.server";
import { requestAs, testConfig, testContext, testDatabase, userIdOf } from "../support/database";
import { insertAttempts } from "../support/attempts";
import { startNotifyStandIn, startSmtpServer } from "../support/mail-servers";
import { freePort } from "../support/ports";

const { getCurriculum } = await import("~/curriculum/curriculum.server");
const messagesPage = await import("~/routes/messages");
const { rateReply } = await import("~/studio/reviews.server");
const { getCurrentUser } = await import("~/auth/guard.server");

const config = testConfig({ ENGAGE_URL: "https://engage.prison.example" });
const yesterday = addDays(dayOf(new Date()), -1);

/** A prison where A wing's two officers are overdue with module 1; emails for them and the manager. */
async function overduePrison(emails: Record<string, string>) {
  const db = await testDatabase();
  for (const [username, email] of Object.entries(emails))
    await db.updateTable("users").set({ email }).where("username_key", "=", username).execute();
  const prison = await db.selectFrom("establishments").select("id").executeTakeFirstOrThrow();
  const wing = await db.selectFrom("units").select("id").where("name", "=", "A wing").executeTakeFirstOrThrow();
  const module = (await getCurriculum(db))[0];
  await db
    .insertInto("assignments")
    .values({
      establishment_id: prison.id,
      module_id: module.id,
      unit_id: wing.id,
      officer_id: null,
      due_on: yesterday,
      due_days: null,
      target_key: `${module.id}|unit:${wing.id}`,
      created_by: await userIdOf(db, "manager"),
      created_at: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    })
    .execute();
  return { db, module };
}

const messageCount = async (db: Kysely<Database>) =>
  Number((await db.selectFrom("messages").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("reminders by SMTP", () => {
  it("sends each officer and manager one message, retries a failure once, sends nothing new on a second run, and reminds again a week on", async () => {
    const { db, module } = await overduePrison({
      officer: "sam.okafor@justice.example",
      officer2: "priya.lindqvist@justice.example",
      manager: "chris.pemberton@justice.example",
    });
    const port = await freePort();
    const smtp = await startSmtpServer(port, ["priya.lindqvist@justice.example"]);
    const sender = createSender({ kind: "smtp", url: `smtp://127.0.0.1:${port}`, from: "engage@prison.example" });
    try {
      const first = await runReminderJob(db, config, sender, { always: true });
      expect(first).toMatchObject({
        ran: true,
        reminders: { officers: 2, managers: 1 },
        delivery: { sent: 2, failed: 1, notSent: 0 },
      });
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
        "chris.pemberton@justice.example",
        "sam.okafor@justice.example",
      ]);
      const sam = smtp.received.find((m) => m.to[0] === "sam.okafor@justice.example")!;
      expect(sam.from).toBe("engage@prison.example");
      expect(sam.subject).toBe("Engage: 1 module is overdue");
      expect(sam.text).toContain("Dear Sam Okafor,");
      expect(sam.text).toContain(`* ${module.title}: overdue, it was due by ${formatDay(yesterday)}`);
      expect(sam.text).toContain("Sign in to Engage to carry on: https://engage.prison.example/");
      const summary = smtp.received.find((m) => m.to[0] === "chris.pemberton@justice.example")!;
      expect(summary.subject).toBe("Engage weekly summary: 2 officers overdue at HMP Hollowbrook (demo)");
      expect(summary.text).toContain("A wing (2)");
      expect(summary.text).toContain("* Priya Lindqvist: " + module.title);
      expect(summary.text).toContain("https://engage.prison.example/reports/matrix?due=overdue");

      // Run again: no new reminders; only the failed message goes, once.
      const second = await runReminderJob(db, config, sender, { always: true });
      expect(second).toMatchObject({ reminders: { officers: 0, managers: 0 }, delivery: { sent: 1, failed: 0 } });
      expect(smtp.received).toHaveLength(3);
      expect(smtp.received[2].to).toEqual(["priya.lindqvist@justice.example"]);

      // Twice at once (two instances): one holds the lease; nothing is recorded or sent again.
      const both = await Promise.all([
        runReminderJob(db, config, sender, { always: true }),
        runReminderJob(db, config, sender, { always: true }),
      ]);
      expect(both.filter((r) => r.ran)).toHaveLength(1);
      expect(smtp.received).toHaveLength(3);
      expect(await messageCount(db)).toBe(3);
      const statuses = await db.selectFrom("messages").select(["status", "tries"]).orderBy("id").execute();
      expect(statuses.map((s) => s.status)).toEqual(["sent", "sent", "sent"]);
      expect(statuses.map((s) => s.tries).sort()).toEqual([1, 1, 2]);

      // A week on, still overdue: each officer is reminded again, and the manager has that week's summary.
      const weekOn = await runReminderJob(db, config, sender, {
        always: true,
        now: new Date(Date.now() + 7 * 86_400_000),
      });
      expect(weekOn).toMatchObject({ reminders: { officers: 2, managers: 1 }, delivery: { sent: 3, failed: 0 } });
      expect(smtp.received.filter((m) => m.to[0] === "sam.okafor@justice.example")).toHaveLength(2);
    } finally {
      sender?.close();
      await smtp.close();
    }
  });

  it("the daily run forgets sessions that ended long ago and ended sign-in counters, and keeps live ones", async () => {
    const db = await testDatabase();
    const context = testContext(db);
    await requestAs(context, "officer", "/"); // a live session
    await requestAs(context, "manager", "/");
    const now = new Date(`${dayOf(new Date())}T12:00:00Z`);
    const longAgo = new Date(now.getTime() - 2 * WINDOW_MS);
    await countGuess(db, "user:stale", longAgo, longAgo);
    await countGuess(db, "user:recent", now, longAgo);
    // The job runs at noon of today whatever the clock says, so both sessions' times are set from
    // that noon (a session made just after midnight would otherwise have idled out by then).
    const sessionOf = async (username: string) =>
      db
        .selectFrom("sessions")
        .select("id")
        .where("user_id", "=", await userIdOf(db, username));
    const hour = 60 * 60 * 1000;
    await db
      .updateTable("sessions")
      .set({
        created_at: new Date(now.getTime() - hour).toISOString(),
        expires_at: new Date(now.getTime() + hour).toISOString(),
      })
      .where("id", "in", await sessionOf("officer"))
      .execute();
    // Ended more than 30 days ago: too long ago to tell that browser why.
    await db
      .updateTable("sessions")
      .set({ expires_at: new Date(now.getTime() - ENDED_KEPT_MS - hour).toISOString() })
      .where("id", "in", await sessionOf("manager"))
      .execute();
    const sessionsBefore = await db.selectFrom("sessions").select("id").execute();

    await runReminderJob(db, config, null, { now });

    const keys = await db.selectFrom("sign_in_throttle").select("key").execute();
    expect(keys.map((k) => k.key)).toEqual(["user:recent"]);
    const sessionsAfter = await db.selectFrom("sessions").select("user_id").execute();
    expect(sessionsAfter).toHaveLength(sessionsBefore.length - 1);
    expect(sessionsAfter.map((s) => s.user_id)).toContain(await userIdOf(db, "officer"));
  });

  it("the daily run happens once a day after the reminder hour; users see their messages", async () => {
    const { db } = await overduePrison({});
    const context = testContext(db);
    const early = new Date(`${dayOf(new Date())}T04:00:00Z`); // before 07:00 in London all year
    expect(await runReminderJob(db, config, null, { now: early })).toMatchObject({ ran: true, reminders: null });
    expect(await messageCount(db)).toBe(0);
    const later = new Date(`${dayOf(new Date())}T12:00:00Z`);
    const run = await runReminderJob(db, config, null, { now: later });
    expect(run).toMatchObject({ reminders: { officers: 2, managers: 1 }, delivery: { notSent: 3 } });
    expect(await runReminderJob(db, config, null, { now: new Date(later.getTime() + 3_600_000) })).toMatchObject({
      reminders: null,
    });
    const page = await messagesPage.loader({
      request: await requestAs(context, "officer", "/messages"),
      params: {},
      context,
    });
    expect(page.messages).toEqual([
      expect.objectContaining({
        subject: "Engage: 1 module is overdue",
        status: { text: "Not emailed: shown here only", colour: "grey" },
        link: "/",
      }),
    ]);
  });

  it("tells an officer once when a trainer rates their written reply", async () => {
    const { db } = await overduePrison({});
    const context = testContext(db);
    const officerId = await userIdOf(db, "officer3");
    const scenarioId = (await getCurriculum(db))[0].scenarios[0].id;
    const [attemptId] = await insertAttempts(db, [{ username: "officer3", scenarioId, mode: "practice" }]);
    const now = new Date().toISOString();
    const step = await db
      .insertInto("attempt_steps")
      .values({
        attempt_id: attemptId,
        seq: 1,
        node_id: "n1",
        reply_node_id: "n2",
        reply_talk: "sustain",
        free_text: "You feel stuck.",
        at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const trainerCookie = (await requestAs(context, "trainer", "/")).headers.get("Cookie")!;
    const trainer = (await getCurrentUser(
      new Request("http://localhost/", { headers: { Cookie: trainerCookie } }),
      context,
    ))!;
    expect(await rateReply(db, trainer, step.id, 4, "Good reflection")).toEqual({ ok: true });
    expect(await rateReply(db, trainer, step.id, 2, null)).toMatchObject({ ok: false });
    const rows = await db.selectFrom("messages").selectAll().where("kind", "=", "reply_rated").execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: officerId, link: `/attempts/${attemptId}/review`, status: "pending" });
    // Before the next run: with no email service it will only ever be shown in Engage, and the page says so now.
    const statusOf = async (c: typeof context) =>
      (await messagesPage.loader({ request: await requestAs(c, "officer3", "/messages"), params: {}, context: c }))
        .messages[0]?.status.text;
    expect(await statusOf(context)).toBe("Not emailed: shown here only");
    const mailing = testContext(
      db,
      testConfig({ SMTP_URL: "smtp://127.0.0.1:2525", SMTP_FROM: "engage@prison.example" }),
    );
    expect(await statusOf(mailing)).toBe("Waiting to be sent");
  });
});

describe("reminders by GOV.UK Notify (a loopback stand-in)", () => {
  it("calls Notify's email endpoint with a signed token and the template's personalisation, once per message", async () => {
    const { db } = await overduePrison({
      officer: "sam.okafor@justice.example",
      officer2: "priya.lindqvist@justice.example",
      manager: "chris.pemberton@justice.example",
    });
    const key = { serviceId: randomUUID(), secret: randomUUID() };
    const port = await freePort();
    const notify = await startNotifyStandIn(port, key, ["sam.okafor@justice.example"]);
    const templates = { due: randomUUID(), summary: randomUUID(), rated: randomUUID() };
    const notifyConfig = testConfig({
      ENGAGE_URL: "https://engage.prison.example",
      NOTIFY_API_KEY: `engage_test-${key.serviceId}-${key.secret}`,
      NOTIFY_BASE_URL: `http://127.0.0.1:${port}`,
      NOTIFY_TEMPLATE_DUE_REMINDER: templates.due,
      NOTIFY_TEMPLATE_MANAGER_SUMMARY: templates.summary,
      NOTIFY_TEMPLATE_REPLY_RATED: templates.rated,
    });
    const sender = createSender(notifyConfig.mail);
    expect(sender?.channel).toBe("notify");
    try {
      const first = await runReminderJob(db, notifyConfig, sender, { always: true });
      expect(first).toMatchObject({ delivery: { sent: 2, failed: 1 } });
      const second = await runReminderJob(db, notifyConfig, sender, { always: true });
      expect(second).toMatchObject({ reminders: { officers: 0, managers: 0 }, delivery: { sent: 1, failed: 0 } });
      await runReminderJob(db, notifyConfig, sender, { always: true });
      expect(notify.problems).toEqual([]);
      expect(notify.accepted.map((r) => r.email_address).sort()).toEqual([
        "chris.pemberton@justice.example",
        "priya.lindqvist@justice.example",
        "sam.okafor@justice.example",
      ]);
      const sam = notify.accepted.find((r) => r.email_address === "sam.okafor@justice.example")!;
      expect(sam.template_id).toBe(templates.due);
      expect(sam.reference).toMatch(/^engage-message-\d+$/);
      expect(sam.personalisation).toMatchObject({
        name: "Sam Okafor",
        subject: "Engage: 1 module is overdue",
        link: "https://engage.prison.example/",
      });
      expect(sam.personalisation.body).toContain("Sign in to Engage to carry on: https://engage.prison.example/");
      expect(notify.accepted.find((r) => r.email_address === "chris.pemberton@justice.example")!.template_id).toBe(
        templates.summary,
      );
      const refs = await db
        .selectFrom("messages")
        .select(["provider_ref", "channel"])
        .where("status", "=", "sent")
        .execute();
      expect(refs).toHaveLength(3);
      for (const r of refs)
        expect(r).toMatchObject({ channel: "notify", provider_ref: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    } finally {
      await notify.close();
    }
  });
});
