// The audit log reads as what people did ("Alex Rowan deactivated Sam Okafor's account"), keeps the
// raw record, filters by days and by person, and its CSV download is itself audited.
import { describe, expect, it } from "vitest";
import { requestAs, testContext, testDatabase, userIdOf } from "../support/database";
import { parseCsv } from "../support/csv";

const { loader } = await import("~/routes/admin.audit");
const { loader: csvLoader } = await import("~/routes/admin.audit[.]csv");
const { describeAudit, parseDetails } = await import("~/domain/audit-words");
const { setUserActive } = await import("~/admin/users.server");
const { getCurrentUser } = await import("~/auth/guard.server");
const { recordAudit } = await import("~db/queries/audit.server");

const db = await testDatabase();
const context = testContext(db);
const admin = (await getCurrentUser(await requestAs(context, "admin"), context))!;
const sam = await userIdOf(db, "officer");
const prison = (await db.selectFrom("establishments").select(["id", "name"]).executeTakeFirstOrThrow()).id;

await setUserActive(db, admin, sam, false);
await recordAudit(db, {
  actorUserId: await userIdOf(db, "manager"),
  action: "record.viewed",
  subjectUserId: await userIdOf(db, "officer2"),
  establishmentId: prison,
});
// An event from last spring, to filter by days.
await db
  .insertInto("audit_events")
  .values({
    at: "2026-03-14T09:30:00.000Z",
    actor_user_id: admin.id,
    action: "unit.updated",
    subject_user_id: null,
    establishment_id: prison,
    details: JSON.stringify({ unitId: 1, name: "Ash wing", kind: "wing", previousName: "A wing" }),
    request_id: "req-spring",
  })
  .execute();

const page = async (query = "") =>
  await loader({ request: await requestAs(context, "admin", `/admin/audit${query}`), params: {}, context });

const names = {
  prison: () => "HMP Hollowbrook (demo)",
  unit: () => "C wing",
  role: (r: unknown) => (r === "manager" ? "Manager" : "Officer"),
  scenario: (id: unknown) => (id === "gareth-visits" ? "Gareth and the visit" : null),
  module: (id: unknown) => (id === "listening" ? "Listening on the landing" : null),
  day: (d: unknown) => (d === "2027-11-30" ? "30 November 2027" : String(d)),
  month: (m: unknown) => (m === "2026-10" ? "October 2026" : String(m)),
};
const say = (action: string, details: Record<string, unknown> = {}, subject: string | null = "Sam Okafor") =>
  describeAudit({ action, actor: "Jo Bloggs", subject, prison: "HMP Hollowbrook (demo)", details, names });

describe("the audit log in people's words", () => {
  it("says what each kind of event was", () => {
    expect(say("user.deactivated")).toBe("Jo Bloggs deactivated Sam Okafor’s account");
    expect(say("user.reactivated")).toBe("Jo Bloggs reactivated Sam Okafor’s account");
    expect(say("user.created", { role: "officer" })).toBe("Jo Bloggs created an account for Sam Okafor (Officer)");
    expect(say("user.role_changed", { from: "officer", to: "manager" })).toBe(
      "Jo Bloggs changed Sam Okafor’s role from Officer to Manager",
    );
    expect(say("user.moved", { establishmentId: 1, unitId: 3 })).toBe(
      "Jo Bloggs moved Sam Okafor to C wing, HMP Hollowbrook (demo)",
    );
    expect(say("user.password_reset")).toBe("Jo Bloggs reset Sam Okafor’s password");
    expect(say("record.viewed")).toBe("Jo Bloggs opened Sam Okafor’s training record");
    expect(say("reply.reviewed", { rating: 4 })).toBe("Jo Bloggs rated a written reply by Sam Okafor: 4 out of 5");
    expect(say("unit.updated", { name: "Ash wing", previousName: "A wing" }, null)).toBe(
      "Jo Bloggs renamed A wing to Ash wing at HMP Hollowbrook (demo)",
    );
    expect(say("unit.removed", { name: "E wing" }, null)).toBe("Jo Bloggs removed E wing from HMP Hollowbrook (demo)");
    expect(say("target.set", { percent: 60, date: "2027-11-30" }, null)).toBe(
      "Jo Bloggs set HMP Hollowbrook (demo)’s target: 60% of officers competent by 30 November 2027",
    );
    expect(say("engagement.recorded", { month: "2026-10", eligible: 40, notEngaging: 6 }, null)).toBe(
      "Jo Bloggs recorded programme engagement for October 2026: 6 of 40 men refusing or not engaging",
    );
    expect(say("scenario.published", { scenarioId: "gareth-visits", changeNote: "Kinder ending" }, null)).toBe(
      "Jo Bloggs published a new version of the scenario “Gareth and the visit”: “Kinder ending”",
    );
    // A scenario the library no longer has is named by its id.
    expect(say("scenario.imported", { scenarioId: "new-one", file: "new-one.yaml" }, null)).toBe(
      "Jo Bloggs imported “new-one.yaml” as a draft of the scenario new-one",
    );
    expect(say("scenario.created", { scenarioId: "new-one", hash: "abc" }, null)).toBe(
      "Jo Bloggs created the scenario new-one as a draft, with the step-by-step form",
    );
    expect(say("export.scenario_yaml", { scenario: "gareth-visits", version: "published" }, null)).toBe(
      "Jo Bloggs exported the published version of the scenario “Gareth and the visit” as YAML",
    );
    // Retiring, returning and rolling back (the studio's policy for changing modules).
    expect(say("scenario.retired", { scenarioId: "gareth-visits", moduleId: "listening" }, null)).toBe(
      "Jo Bloggs retired the scenario “Gareth and the visit” from the module “Listening on the landing”",
    );
    expect(say("scenario.returned", { scenarioId: "gareth-visits", moduleId: "gone" }, null)).toBe(
      "Jo Bloggs returned the scenario “Gareth and the visit” to the module gone",
    );
    // A module's competency settings changed in the studio, and put back on the library file's.
    expect(say("module.settings_changed", { moduleId: "listening", followsLibrary: false }, null)).toBe(
      "Jo Bloggs changed what the module “Listening on the landing” asks for competency",
    );
    const from = { reflectionsPerQuestion: "1", refresherMonths: "6", requiresObservation: "no" };
    const to = { reflectionsPerQuestion: "2", refresherMonths: "6", requiresObservation: "yes" };
    expect(say("module.settings_changed", { moduleId: "listening", from, to, followsLibrary: false }, null)).toBe(
      "Jo Bloggs changed what the module “Listening on the landing” asks for competency: reflections for each question 1 → 2; observation on the wing needed no → yes",
    );
    expect(say("module.settings_changed", { moduleId: "listening", followsLibrary: true }, null)).toBe(
      "Jo Bloggs changed what the module “Listening on the landing” asks for competency, back to the library file's settings",
    );
    // Modules added and reworded in the studio.
    expect(say("module.added", { moduleId: "listening", title: "Listening on the landing" }, null)).toBe(
      "Jo Bloggs added the module “Listening on the landing”",
    );
    expect(say("module.details_changed", { moduleId: "listening", fromTitle: "Listening", toTitle: "x" }, null)).toBe(
      "Jo Bloggs changed the title or summary of the module “Listening on the landing” (it was “Listening”)",
    );
    expect(say("module.details_changed", { moduleId: "listening", followsLibrary: true }, null)).toBe(
      "Jo Bloggs changed the title or summary of the module “Listening on the landing”, back to the library file's words",
    );
    expect(say("module.removed", { moduleId: "typo", title: "Typo modul" }, null)).toBe(
      "Jo Bloggs removed the module “Typo modul”, added by mistake",
    );
    expect(say("module.moved", { moduleId: "listening", position: 2, of: 7 }, null)).toBe(
      "Jo Bloggs moved the module “Listening on the landing” to 2 of 7 in the order of the modules",
    );
    expect(say("module.details_changed", { moduleId: "listening", fromTitle: "Same", toTitle: "Same" }, null)).toBe(
      "Jo Bloggs changed the title or summary of the module “Listening on the landing”",
    );
    expect(say("scenario.rolled_back", { scenarioId: "gareth-visits", to: 2 }, null)).toBe(
      "Jo Bloggs rolled the scenario “Gareth and the visit” back to version 2",
    );
    expect(
      describeAudit({
        action: "user.created",
        actor: null,
        subject: "Alex Rowan",
        prison: null,
        details: { role: "manager", by: "npm run users:create-admin" },
        names,
      }),
    ).toBe("An account for Alex Rowan (Manager) was created on the server (npm run users:create-admin)");
    expect(
      describeAudit({
        action: "sign_in.failed",
        actor: null,
        subject: null,
        prison: null,
        details: { username: "sam" },
        names,
      }),
    ).toBe("Someone failed to sign in as “sam”");
    // An action not in the list still reads as words; built-in names are not phrases.
    expect(say("user.something_new")).toBe("Jo Bloggs: user something new (Sam Okafor)");
    expect(say("constructor")).toBe("Jo Bloggs: constructor (Sam Okafor)");
    expect(parseDetails("not json")).toEqual({});
    expect(parseDetails("[1]")).toEqual({});
  });

  it("shows the newest first, in words, with the raw record", async () => {
    const { events, total } = await page();
    expect(total).toBe(3);
    expect(events[0].sentence).toBe("Chris Pemberton opened Priya Lindqvist’s training record");
    expect(events[1].sentence).toBe("Alex Rowan deactivated Sam Okafor’s account");
    expect(events[1].raw).toMatchObject({
      action: "user.deactivated",
      subject: expect.stringContaining("Sam Okafor (officer, user "),
    });
    expect(events[2]).toMatchObject({
      sentence: "Alex Rowan renamed A wing to Ash wing at HMP Hollowbrook (demo)",
      when: "14 March 2026 at 9:30am",
      raw: { requestId: "req-spring", details: expect.stringContaining('"previousName":"A wing"') },
    });
  });

  it("filters by days (whole days, both ends included) and by the person who did it or to whom", async () => {
    const day = await page("?fromDay=14&fromMonth=3&fromYear=2026&toDay=14&toMonth=March&toYear=2026");
    expect(day.events.map((e) => e.raw.action)).toEqual(["unit.updated"]);
    // What was typed is kept for the form, the links and the download; nothing empty.
    expect(day.values).toEqual({
      fromDay: "14",
      fromMonth: "3",
      fromYear: "2026",
      toDay: "14",
      toMonth: "March",
      toYear: "2026",
    });
    expect((await page("?toDay=13&toMonth=3&toYear=2026")).total).toBe(0);
    expect((await page("?fromDay=15&fromMonth=3&fromYear=2026")).total).toBe(2);
    // A link from before the date inputs still filters, its days moved into the fields.
    const old = await page("?from=2026-03-14&to=2026-03-14");
    expect(old.events.map((e) => e.raw.action)).toEqual(["unit.updated"]);
    expect(old.values).toEqual({
      fromDay: "14",
      fromMonth: "3",
      fromYear: "2026",
      toDay: "14",
      toMonth: "3",
      toYear: "2026",
    });
    expect((await page("?to=2026-03-13")).total).toBe(0);
    expect((await page("?from=2026-03-15")).total).toBe(2);
    expect((await page("?person=okafor")).events.map((e) => e.raw.action)).toEqual(["user.deactivated"]);
    expect((await page("?person=PEMBERTON")).events.map((e) => e.raw.action)).toEqual(["record.viewed"]);
    expect((await page("?person=priya&action=record.")).total).toBe(1);
    expect((await page("?person=priya&action=user.")).total).toBe(0);
  });

  it("answers a bad filter with a message per field and no events", async () => {
    const bad = await page("?from=2026-02-30&to=2026-01-01&action=constructor&person=" + "x".repeat(101));
    expect(bad.events).toEqual([]);
    expect(bad.errors).toEqual({
      fromDay: "Date from must be a real date",
      action: "Choose a kind of event from the list",
      person: "A name or username must be 100 characters or fewer",
    });
    expect(bad.wrongDates).toEqual({ from: ["day"], to: [] });
    expect((await page("?from=2026-03-02&to=2026-03-01")).errors).toEqual({
      toDay: "Date to must be the same as or after date from",
    });
    // Letters, a missing part: a message on the field to correct, only the wrong fields outlined, no events.
    const typed = await page("?fromDay=1&fromMonth=3&fromYear=soon&toDay=2&toYear=2026");
    expect(typed).toMatchObject({
      events: [],
      total: 0,
      errors: { fromYear: "Date from must be a real date", toMonth: "Date to must include a month" },
      wrongDates: { from: ["year"], to: ["month"] },
    });
  });

  it("downloads the filtered events as CSV, and the download is itself in the log", async () => {
    const res = await csvLoader({
      request: await requestAs(context, "admin", "/admin/audit.csv?person=okafor"),
      params: {},
      context,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="audit-log-\d{4}-\d\d-\d\d\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // Marked as UTF-8 for Excel; text() would hide the mark, so the bytes are read.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual([
      "When",
      "Time (UTC, ISO 8601)",
      "What happened",
      "Who",
      "To whom",
      "Prison",
      "Action",
      "Details",
      "Request id",
    ]);
    expect(rows.slice(1).map((r) => [r[2], r[6]])).toEqual([
      ["Alex Rowan deactivated Sam Okafor’s account", "user.deactivated"],
    ]);
    const { events } = await page();
    expect(events[0]).toMatchObject({
      sentence: "Alex Rowan downloaded the audit log as CSV (1 event)",
      raw: { action: "export.audit_csv" },
    });
    expect(JSON.parse(events[0].raw.details!)).toEqual({ rows: 1, filters: { person: "okafor" } });

    const bad = await csvLoader({
      request: await requestAs(context, "admin", "/admin/audit.csv?from=soon"),
      params: {},
      context,
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("- Date from must include a month and year");
    expect((await page("?action=export.")).total).toBe(1);
  });

  it("says in words who downloaded which prison's data, with the filters in the raw record", async () => {
    const { loader: matrixCsvLoader } = await import("~/routes/reports.exports.matrix[.]csv");
    const res = await matrixCsvLoader({
      request: await requestAs(context, "manager", "/reports/exports/matrix.csv?status=not_started"),
      params: {},
      context,
    });
    expect(res.status).toBe(200);
    const { events } = await page("?action=export.&person=pemberton");
    expect(events.map((e) => e.sentence)).toEqual([
      "Chris Pemberton downloaded the training matrix for HMP Hollowbrook (demo) as CSV (5 officers)",
    ]);
    expect(JSON.parse(events[0].raw.details!)).toMatchObject({ filters: { status: "not_started" }, rows: 5 });
  });

  it("names scenarios and modules by their titles, retired scenarios too", async () => {
    const { getCurriculum } = await import("~/curriculum/curriculum.server");
    const [m] = await getCurriculum(db);
    const s = m.scenarios[0];
    await recordAudit(db, {
      actorUserId: await userIdOf(db, "trainer"),
      action: "scenario.retired",
      establishmentId: prison,
      details: { scenarioId: s.id, moduleId: m.id },
    });
    const { events } = await page("?action=scenario.");
    expect(events[0].sentence).toBe(
      `${events[0].raw.actor!.split(" (")[0]} retired the scenario “${s.title}” from the module “${m.title}”`,
    );
  });

  it("takes days as UK days: 00:30 on 2 July (BST) is 23:30 UTC on 1 July, and counts as 2 July", async () => {
    for (const [at, id] of [
      ["2026-07-01T22:59:59.999Z", "req-1-july"],
      ["2026-07-01T23:30:00.000Z", "req-2-july"],
      ["2026-12-01T23:30:00.000Z", "req-1-dec"],
    ])
      await db
        .insertInto("audit_events")
        .values({ at, actor_user_id: admin.id, action: "target.set", establishment_id: prison, request_id: id })
        .execute();
    const ids = async (query: string) => (await page(`?action=target.&${query}`)).events.map((e) => e.raw.requestId);
    expect(await ids("from=2026-07-02&to=2026-07-02")).toEqual(["req-2-july"]);
    expect(await ids("from=2026-07-01&to=2026-07-01")).toEqual(["req-1-july"]);
    // In winter a UK day is a UTC day.
    expect(await ids("from=2026-12-01&to=2026-12-01")).toEqual(["req-1-dec"]);
    expect((await page("?action=target.&from=2026-07-02&to=2026-07-02")).events[0].when).toBe("2 July 2026 at 12:30am");
  });

  it("is for admins only", async () => {
    for (const who of ["manager", "trainer", "officer2"]) {
      for (const run of [loader, csvLoader]) {
        const request = await requestAs(context, who, "/admin/audit");
        const status = await run({ request, params: {}, context }).then(
          () => 200,
          (e: unknown) => (e instanceof Response ? e.status : 500),
        );
        expect(status, who).toBe(403);
      }
    }
  });
});
