// Coaching on the wing through the routes' loaders and actions, on a real database: who may
// observe whom, saving as the coach goes, stale and double submits, bad values as field errors,
// the officer's view and reflection, calibration pairs, requests, and the audit trail.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it, onTestFinished } from "vitest";
import { formatDateTime } from "~/domain/dates.server";
import { requestAs, testContext, testDatabase, userIdOf } from "../support/database";
import { GOOD_COUNTS, insertAttempts, LISTENING_SCENARIOS } from "../support/attempts";
import { addUser, anotherPrison } from "../support/people";
import { parseCsv } from "../support/csv";

const coachingIndex = await import("~/routes/coaching._index");
const observationPage = await import("~/routes/coaching.observations.$observationId");
const recordPage = await import("~/routes/record");
const myObservation = await import("~/routes/record_.observations.$observationId");
const requestsPage = await import("~/routes/coaching.requests");
const calibrationPage = await import("~/routes/coaching.calibration");
const observedReportPage = await import("~/routes/reports.observed");
const { officerProgress } = await import("~/practice/progress.server");
const { putSetting } = await import("~db/queries/app-settings.server");
const { bumpLibraryGeneration } = await import("~/curriculum/curriculum.server");
const { impactOf } = await import("~/studio/impact.server");

const db = await testDatabase();
const context = testContext(db);

const other = await anotherPrison(db);
await addUser(db, {
  username: "trainer-other",
  display_name: "Other Trainer",
  role: "trainer",
  establishment_id: other.id,
});
const otherOfficer = await addUser(db, {
  username: "officer-other",
  display_name: "Other Officer",
  role: "officer",
  establishment_id: other.id,
  unit_id: other.wing,
});

const sam = await userIdOf(db, "officer");
const priya = await userIdOf(db, "officer2");
const dana = await userIdOf(db, "officer6"); // an officer marked as an MI coach in the demo

type Route = {
  loader?: (a: LoaderFunctionArgs) => Promise<unknown>;
  action?: (a: ActionFunctionArgs) => Promise<unknown>;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's own data, read and checked by expect()
type Outcome = { status: number; location: string | null; data: any };

/** What a loader or action ended with: a redirect or error Response, or data with its status. */
async function run(
  route: Route,
  kind: "loader" | "action",
  username: string,
  path: string,
  params: Record<string, string> = {},
  fields?: Record<string, string>,
): Promise<Outcome> {
  const init = fields ? { method: "POST", body: new URLSearchParams(fields) } : {};
  const request = await requestAs(context, username, path, init);
  try {
    const out = await route[kind]!({ request, params, context });
    if (out instanceof Response) return { status: out.status, location: out.headers.get("Location"), data: null };
    const wrapped = out as { type?: unknown; init?: ResponseInit | null; data?: unknown } | null;
    if (wrapped && typeof wrapped === "object" && wrapped.type === "DataWithResponseInit")
      return { status: wrapped.init?.status ?? 200, location: null, data: wrapped.data };
    return { status: 200, location: null, data: out };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get("Location"), data: null };
    throw thrown;
  }
}

const start = (username: string, officerId: number) =>
  run(coachingIndex, "action", username, "/coaching", {}, { officerId: String(officerId) });
const idFrom = (location: string | null) => Number(/\/coaching\/observations\/(\d+)$/.exec(location ?? "")![1]);
const sheet = (id: number, username: string, fields: Record<string, string>) =>
  run(observationPage, "action", username, `/coaching/observations/${id}`, { observationId: String(id) }, fields);
const rowOf = (id: number) => db.selectFrom("observations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const audits = (action: string) =>
  db.selectFrom("audit_events").selectAll().where("action", "=", action).orderBy("id").execute();

const FULL = {
  minutes: "8",
  questions: "6",
  simpleReflections: "4",
  complexReflections: "4",
  affirms: "2",
  seekingCollaboration: "1",
  emphasizingAutonomy: "1",
  givingInformation: "2",
  persuadeWithPermission: "0",
  persuades: "0",
  confronts: "0",
  cultivatingChangeTalk: "4",
  softeningSustainTalk: "3",
  partnership: "4",
  empathy: "4",
  strengths: "You let him finish and reflected the worry about his kids.",
  nextStep: "Try a double-sided reflection when he says both things.",
};

describe("who may observe whom", () => {
  it("officers who are not coaches, and admins, cannot open Coaching", async () => {
    expect((await run(coachingIndex, "loader", "officer", "/coaching")).status).toBe(403);
    expect((await run(coachingIndex, "loader", "admin", "/coaching")).status).toBe(403);
    expect((await start("officer2", sam)).status).toBe(403);
  });

  it("trainers, managers and marked officers of the prison can; never another prison's officer, or themselves", async () => {
    const home = await run(coachingIndex, "loader", "officer6", "/coaching");
    expect(home.status).toBe(200);
    expect(home.data.notYetObserved.map((o: { id: number }) => o.id)).not.toContain(dana);
    expect((await start("officer6", dana)).data.errors.officerId).toMatch(/Choose an officer of your prison/);
    expect((await start("trainer", otherOfficer)).data.errors.officerId).toMatch(/Choose an officer of your prison/);
    expect((await start("trainer-other", sam)).data.errors.officerId).toMatch(/Choose an officer of your prison/);
    expect((await start("trainer", await userIdOf(db, "manager"))).status).toBe(400);
    expect((await start("trainer", 99_999)).status).toBe(400);
    expect((await start("trainer", Number.NaN)).data.errors.officerId).toBe("Choose an option from the list");
  });
});

describe("recording an observation", () => {
  it("a double tap on Start keeps one draft; saving moves the row version on; a stale save changes nothing", async () => {
    const first = await start("trainer", sam);
    expect(first.status).toBe(302);
    const second = await start("trainer", sam);
    expect(second.location).toBe(first.location);
    const id = idFrom(first.location);
    expect((await audits("observation.started")).filter((a) => a.subject_user_id === sam)).toHaveLength(1);

    // Another coach cannot see or touch this draft.
    const page = { observationId: String(id) };
    expect((await run(observationPage, "loader", "manager", `/coaching/observations/${id}`, page)).status).toBe(404);
    expect((await sheet(id, "manager", { intent: "save", rowVersion: "1", questions: "3" })).status).toBe(404);
    // Officers who are not coaches read observations of them in My record, not here.
    expect((await run(observationPage, "loader", "officer", `/coaching/observations/${id}`, page)).status).toBe(403);

    const saved = await sheet(id, "trainer", { intent: "save", autosave: "1", rowVersion: "1", questions: "3" });
    expect(saved.data).toEqual({ saved: true, rowVersion: 2 });
    expect(await rowOf(id)).toMatchObject({ questions: 3, row_version: 2, status: "draft" });

    // The same save sent again (a retry, another tab) is stale: nothing changes.
    const stale = await sheet(id, "trainer", { intent: "save", autosave: "1", rowVersion: "1", questions: "9" });
    expect(stale.status).toBe(409);
    expect(stale.data.problem).toMatch(/changed on another device or tab/);
    const staleForm = await sheet(id, "trainer", { intent: "save", rowVersion: "1", questions: "9" });
    expect(staleForm.location).toBe(`/coaching/observations/${id}`);
    expect(await rowOf(id)).toMatchObject({ questions: 3, row_version: 2 });

    const loaded = await run(observationPage, "loader", "trainer", `/coaching/observations/${id}`, page);
    expect(loaded.data).toMatchObject({ kind: "draft", values: { rowVersion: 2, fields: { questions: "3" } } });
  });

  it("every bad value is a field error and changes nothing", async () => {
    const id = idFrom((await start("trainer", priya)).location);
    const version = (await rowOf(id)).row_version;
    const bad = async (fields: Record<string, string>, intent = "record") => {
      const r = await sheet(id, "trainer", { ...FULL, rowVersion: String(version), intent, ...fields });
      expect(r.status).toBe(400);
      return r.data.errors as Record<string, string>;
    };
    expect((await bad({ questions: "201" })).questions).toBe(
      "The count for question must be a whole number from 0 to 200",
    );
    expect((await bad({ confronts: "-1" })).confronts).toMatch(/whole number from 0 to 200/);
    expect((await bad({ affirms: "lots" })).affirms).toMatch(/whole number from 0 to 200/);
    expect((await bad({ affirms: "99999999999" })).affirms).toMatch(/whole number from 0 to 200/);
    expect((await bad({ partnership: "6" })).partnership).toBe("Choose a rating from 1 to 5 for partnership");
    expect((await bad({ empathy: "" })).empathy).toBe("Choose a rating from 1 to 5 for empathy");
    expect((await bad({ minutes: "" })).minutes).toBe("Enter how many minutes the conversation lasted");
    expect((await bad({ minutes: "2" })).minutes).toMatch(/under 3 minutes is too short to rate/);
    expect((await bad({ minutes: "21" })).minutes).toMatch(/no more than 20 minutes: .* first 20 minutes/);
    expect((await bad({ minutes: "21" }, "save")).minutes).toMatch(/no more than 20 minutes/);
    expect((await bad({ minutes: "7.5" })).minutes).toMatch(/whole number of minutes/);
    expect((await bad({ strengths: "x".repeat(501) })).strengths).toBe("Strengths must be 500 characters or fewer");
    expect((await bad({ rowVersion: "abc" })).rowVersion).toBeTruthy();
    // No prisoner identified: a prison number or a name the prison lists ("Mr *" in the demo).
    expect((await bad({ strengths: "Good with A1234BC on the landing" })).strengths).toBe(
      "Strengths must not identify the prisoner: remove “A1234BC”, which looks like a prison number",
    );
    expect((await bad({ nextStep: "Ask Mr Dawson what he wants" }, "save")).nextStep).toBe(
      "The next step must not identify the prisoner: remove “Mr Dawson”, which matches a name your prison lists",
    );
    const autosaved = await sheet(id, "trainer", {
      intent: "save",
      autosave: "1",
      rowVersion: String(version),
      nextStep: "see g 4821 kl",
    });
    expect(autosaved.data).toMatchObject({
      saved: false,
      problem: expect.stringMatching(/^Not saved: .*prison number/),
    });
    expect(await rowOf(id)).toMatchObject({ row_version: version, status: "draft", questions: 0, next_step: null });
    expect((await sheet(id, "trainer", { intent: "shout" })).status).toBe(400);
  });

  it("records once: a double submit records nothing twice, and the draft is gone from the coach's list", async () => {
    const id = idFrom((await start("trainer", priya)).location);
    const version = String((await rowOf(id)).row_version);
    const recorded = await sheet(id, "trainer", { ...FULL, rowVersion: version, intent: "record" });
    expect(recorded.location).toBe(`/coaching/observations/${id}`);
    const again = await sheet(id, "trainer", { ...FULL, rowVersion: version, intent: "record" });
    expect(again.location).toBe(`/coaching/observations/${id}`);
    expect(await rowOf(id)).toMatchObject({ status: "recorded", questions: 6, minutes: 8, empathy: 4 });
    expect((await audits("observation.recorded")).filter((a) => a.subject_user_id === priya)).toHaveLength(1);
    const page = await run(observationPage, "loader", "trainer", `/coaching/observations/${id}`, {
      observationId: String(id),
    });
    expect(page.data.kind).toBe("recorded");
    const rq = page.data.view.indicators.find((l: { key: string }) => l.key === "reflectionToQuestion");
    expect(rq).toMatchObject({ value: "1.3 : 1 (8 reflections, 6 questions)", level: "fair" });
    expect(page.data.view.globals.map((g: { level: string }) => g.level)).toEqual(["fair", "good"]);
    const home = await run(coachingIndex, "loader", "trainer", "/coaching");
    expect(home.data.recorded.map((o: { id: number }) => o.id)).toContain(id);
    expect(home.data.notYetObserved.map((o: { id: number }) => o.id)).not.toContain(priya);
  });

  it("sent at once (two taps, two tabs), Start makes one draft and Record records once", async () => {
    const officer5 = await userIdOf(db, "officer5");
    const starts = await Promise.all([
      start("officer6", officer5),
      start("officer6", officer5),
      start("officer6", officer5),
    ]);
    const ids = new Set(starts.map((r) => idFrom(r.location)));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    const version = String((await rowOf(id)).row_version);
    const records = await Promise.all(
      [1, 2, 3].map(() => sheet(id, "officer6", { ...FULL, rowVersion: version, intent: "record" })),
    );
    expect(records.every((r) => r.location === `/coaching/observations/${id}`)).toBe(true);
    expect(
      (await audits("observation.recorded")).filter((a) => JSON.parse(a.details!).observationId === id),
    ).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: "recorded", row_version: Number(version) + 1 });
  });

  it("a draft can be discarded by its coach, and only while it is a draft", async () => {
    const id = idFrom((await start("officer6", sam)).location);
    expect((await sheet(id, "trainer", { intent: "discard" })).status).toBe(404);
    expect((await sheet(id, "officer6", { intent: "discard" })).location).toBe("/coaching");
    expect(await db.selectFrom("observations").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
    expect(await audits("observation.discarded")).toHaveLength(1);
  });
});

/** A new officer on Sam's wing, for a test that moves or deactivates them. */
async function officerBesideSam(username: string, display_name: string) {
  const place = await db
    .selectFrom("users")
    .select(["establishment_id", "unit_id"])
    .where("id", "=", sam)
    .executeTakeFirstOrThrow();
  return addUser(db, { username, display_name, role: "officer", ...place });
}

describe("a draft whose officer or coach has moved on", () => {
  it("cannot be saved or recorded once the officer is deactivated or the coach has moved prison; it can be discarded", async () => {
    const leaver = await officerBesideSam("officer-leaving", "Lee Leaving");
    const { establishment_id } = await db
      .selectFrom("users")
      .select("establishment_id")
      .where("id", "=", leaver)
      .executeTakeFirstOrThrow();
    await addUser(db, { username: "coach-moving", role: "trainer", establishment_id });
    const path = (id: number) => `/coaching/observations/${id}`;
    const refusedWith = async (id: number, username: string) => {
      const before = await rowOf(id);
      for (const intent of ["save", "record"]) {
        const sent = await sheet(id, username, { ...FULL, rowVersion: String(before.row_version), intent });
        expect(sent.status).toBe(400);
        expect(sent.data.errors.form).toMatch(
          /^You can no longer observe .*: they are not an active officer of your prison now/,
        );
      }
      expect(await rowOf(id)).toEqual(before);
      const page = await run(observationPage, "loader", username, path(id), { observationId: String(id) });
      expect(page.data.notObservable).toMatch(/You can discard it\.$/);
    };

    // The officer is deactivated after the draft was started.
    const first = idFrom((await start("coach-moving", leaver)).location);
    await db.updateTable("users").set({ active: false }).where("id", "=", leaver).execute();
    await refusedWith(first, "coach-moving");
    expect((await sheet(first, "coach-moving", { intent: "discard" })).location).toBe("/coaching");

    // The coach moves to another prison after starting a draft of an officer of the first.
    const second = idFrom((await start("coach-moving", priya)).location);
    const coach = await userIdOf(db, "coach-moving");
    await db.updateTable("users").set({ establishment_id: other.id }).where("id", "=", coach).execute();
    await refusedWith(second, "coach-moving");
    expect((await audits("observation.recorded")).filter((a) => a.actor_user_id === coach)).toEqual([]);
  });
});

describe("the observations download", () => {
  it("lists the prison's active officers' observations, following an officer who moves prison, as Observed practice does", async () => {
    const mover = await officerBesideSam("officer-moving", "Mo Mover");
    const id = idFrom((await start("trainer", mover)).location);
    const version = String((await rowOf(id)).row_version);
    expect((await sheet(id, "trainer", { ...FULL, rowVersion: version, intent: "record" })).status).toBe(302);
    const { loader } = await import("~/routes/reports.exports.observations[.]csv");
    const download = async (username: string, path: string) =>
      (await loader({ request: await requestAs(context, username, path), params: {}, context })).text();
    const observedNames = async (path: string) =>
      JSON.stringify((await run(observedReportPage, "loader", "admin", path)).data);
    expect(await download("manager", "/reports/exports/observations.csv")).toContain("Mo Mover");

    await db
      .updateTable("users")
      .set({ establishment_id: other.id, unit_id: other.wing })
      .where("id", "=", mover)
      .execute();
    expect(await download("manager", "/reports/exports/observations.csv")).not.toContain("Mo Mover");
    const there = `/reports/exports/observations.csv?prison=${other.id}`;
    expect(await download("admin", there)).toContain("Mo Mover");
    expect(await observedNames(`/reports/observed?prison=${other.id}`)).toContain("Mo Mover");

    await db.updateTable("users").set({ active: false }).where("id", "=", mover).execute();
    expect(await download("admin", there)).not.toContain("Mo Mover");
    expect(await observedNames(`/reports/observed?prison=${other.id}`)).not.toContain("Mo Mover");
  });
});

describe("the downloads' levels", () => {
  it("give a level only to the indicators MITI sets fair and good levels for, as the screen does: none for the two counts", async () => {
    const officer = await officerBesideSam("officer-levels", "Lev Levels");
    // Out of the prison's figures again afterwards, which the transfer view below counts.
    onTestFinished(async () => {
      await db.updateTable("users").set({ active: false }).where("id", "=", officer).execute();
    });
    const id = idFrom((await start("trainer", officer)).location);
    const version = String((await rowOf(id)).row_version);
    expect((await sheet(id, "trainer", { ...FULL, rowVersion: version, intent: "record" })).status).toBe(302);
    const expected = {
      "Reflection-to-question ratio": "fair",
      "Complex reflections": "good",
      "MI-adherent responses": "",
      "MI-non-adherent responses": "",
      "Technical global": "fair",
      "Relational global": "good",
    };
    /** Each indicator's level cell in the row for Lev Levels (the only row of their own download). */
    const levelCells = (csv: string) => {
      const [header, ...rows] = parseCsv(csv);
      const officerColumn = header.indexOf("Officer");
      const row = officerColumn < 0 ? rows[0] : rows.find((r) => r[officerColumn] === "Lev Levels")!;
      return Object.fromEntries(Object.keys(expected).map((n) => [n, row[header.indexOf(`${n}: level`)]]));
    };
    const text = async (loader: Route["loader"], username: string, path: string) =>
      ((await loader!({ request: await requestAs(context, username, path), params: {}, context })) as Response).text();

    const prison = await import("~/routes/reports.exports.observations[.]csv");
    expect(levelCells(await text(prison.loader, "manager", "/reports/exports/observations.csv"))).toEqual(expected);
    const own = await import("~/routes/record_.observations[.]csv");
    const ownCsv = await text(own.loader, "officer-levels", "/record/observations.csv");
    expect(parseCsv(ownCsv)).toHaveLength(2);
    expect(levelCells(ownCsv)).toEqual(expected);

    const record = await import("~/routes/record[.]json");
    const json = JSON.parse(await text(record.loader, "officer-levels", "/record.json"));
    expect(
      json.observations[0].indicators.map((l: { name: string; level: string | null }) => [l.name, l.level]),
    ).toEqual(Object.entries(expected).map(([name, level]) => [name, level || null]));
    // Fair and good are levels, or null where MITI sets none; which way is better has a field of its own.
    expect(
      json.observations[0].indicators.map((l: Record<string, unknown>) => [l.name, l.fair, l.good, l.higherIsBetter]),
    ).toEqual([
      ["Reflection-to-question ratio", "1 : 1", "2 : 1", true],
      ["Complex reflections", "40%", "50%", true],
      ["MI-adherent responses", null, null, true],
      ["MI-non-adherent responses", null, null, false],
      ["Technical global", "3.0", "4.0", true],
      ["Relational global", "3.5", "4.0", true],
    ]);
  });
});

describe("the officer's side", () => {
  it("sees recorded observations of them (never drafts), in My record and its downloads, and reflects on them", async () => {
    const draft = idFrom((await start("manager", sam)).location);
    const id = idFrom((await start("officer6", sam)).location);
    const version = String((await rowOf(id)).row_version);
    await sheet(id, "officer6", { ...FULL, rowVersion: version, intent: "record" });

    const record = await run(recordPage, "loader", "officer", "/record");
    const ids = record.data.observations.map((o: { id: number }) => o.id);
    expect(ids).toContain(id);
    expect(ids).not.toContain(draft);
    const params = { observationId: String(id) };
    const mine = await run(myObservation, "loader", "officer", `/record/observations/${id}`, params);
    expect(mine.data.view).toMatchObject({ coachName: "Dana Whitfield", strengths: FULL.strengths });
    // Another officer, or the draft, is not found.
    expect((await run(myObservation, "loader", "officer2", `/record/observations/${id}`, params)).status).toBe(404);
    expect(
      (await run(myObservation, "loader", "officer", `/record/observations/${draft}`, { observationId: String(draft) }))
        .status,
    ).toBe(404);

    const refused = await run(myObservation, "action", "officer", `/record/observations/${id}`, params, {
      reflection: "He (A1234BC) said it helped",
      rowVersion: String(mine.data.view.rowVersion),
    });
    expect(refused.data.errors.reflection).toMatch(/looks like a prison number/);
    expect(
      (await run(myObservation, "action", "officer", `/record/observations/${id}`, params, { reflection: "" })).data
        .errors.reflection,
    ).toBe("Enter your reflection");
    const saved = await run(myObservation, "action", "officer", `/record/observations/${id}`, params, {
      reflection: "I rushed the ending. Next time I will summarise first.",
      rowVersion: String(mine.data.view.rowVersion),
    });
    expect(saved.location).toBe(`/record/observations/${id}`);
    expect((await rowOf(id)).officer_reflection).toBe("I rushed the ending. Next time I will summarise first.");
    expect(await audits("observation.reflected")).toHaveLength(1);

    const { loader: csvLoader } = await import("~/routes/record_.observations[.]csv");
    const csv = await (
      await csvLoader({
        request: await requestAs(context, "officer", "/record/observations.csv"),
        params: {},
        context,
      })
    ).text();
    expect(csv).toContain("Dana Whitfield");
    expect(csv).toContain("I rushed the ending.");
    const { loader: jsonLoader } = await import("~/routes/record[.]json");
    const json = JSON.parse(
      await (
        await jsonLoader({ request: await requestAs(context, "officer", "/record.json"), params: {}, context })
      ).text(),
    );
    expect(json.observations[0]).toMatchObject({ coach: "Dana Whitfield", minutes: 8 });
    expect(json.observationsNote).toMatch(/not a MITI coding/);
  });

  it("a reflection saved from an older form (another tab) changes nothing and says so, keeping its text", async () => {
    const id = idFrom((await start("officer6", priya)).location);
    await sheet(id, "officer6", { ...FULL, rowVersion: String((await rowOf(id)).row_version), intent: "record" });
    const path = `/record/observations/${id}`;
    const params = { observationId: String(id) };
    const reflect = (reflection: string, rowVersion: string) =>
      run(myObservation, "action", "officer2", path, params, { reflection, rowVersion });
    // Two tabs opened on the page now: both forms carry this version.
    const opened = String((await rowOf(id)).row_version);
    const before = (await audits("observation.reflected")).length;

    const first = await reflect("I let him finish. Next time I will summarise first.", opened);
    expect(first.location).toBe(path);
    const saved = await rowOf(id);
    expect(saved.officer_reflection).toBe("I let him finish. Next time I will summarise first.");
    expect(await audits("observation.reflected")).toHaveLength(before + 1);

    const stale = await reflect("An older thought from the other tab.", opened);
    expect(stale.status).toBe(409);
    expect(stale.data.errors.reflection).toBe(
      `You changed this reflection in another window on ${formatDateTime(saved.reflected_at!)}. Check it below and save again.`,
    );
    expect(stale.data.values.reflection).toBe("An older thought from the other tab.");
    expect(await rowOf(id)).toEqual(saved);
    expect(await audits("observation.reflected")).toHaveLength(before + 1);

    // The page as it is now carries the version to save from: saving from it works.
    const page = await run(myObservation, "loader", "officer2", path, params);
    expect(page.data.view.reflection).toBe("I let him finish. Next time I will summarise first.");
    const again = await reflect("An older thought from the other tab.", String(page.data.view.rowVersion));
    expect(again.location).toBe(path);
    expect((await rowOf(id)).officer_reflection).toBe("An older thought from the other tab.");
    expect(await audits("observation.reflected")).toHaveLength(before + 2);
  });

  it("a manager of the prison may read a recorded observation, and the look is audited; another prison's may not", async () => {
    const [row] = await db.selectFrom("observations").select("id").where("status", "=", "recorded").execute();
    const params = { observationId: String(row.id) };
    const before = (await audits("observation.viewed")).length;
    expect((await run(observationPage, "loader", "manager", `/coaching/observations/${row.id}`, params)).status).toBe(
      200,
    );
    expect((await audits("observation.viewed")).length).toBe(before + 1);
    expect(
      (await run(observationPage, "loader", "trainer-other", `/coaching/observations/${row.id}`, params)).status,
    ).toBe(404);
    expect((await run(observationPage, "loader", "officer2", `/coaching/observations/${row.id}`, params)).status).toBe(
      403,
    );
  });
});

describe("calibration", () => {
  it("two coaches' sheets of one conversation are linked once, and both see their agreement", async () => {
    const officer4 = await userIdOf(db, "officer4");
    const a = idFrom((await start("trainer", officer4)).location);
    const b = idFrom((await start("manager", officer4)).location);
    const c = idFrom((await start("officer6", officer4)).location);
    for (const [id, coach, extra] of [
      [a, "trainer", {}],
      [b, "manager", { questions: "7", partnership: "3" }],
      [c, "officer6", {}],
    ] as const) {
      const version = String((await rowOf(id)).row_version);
      await sheet(id, coach, { ...FULL, ...extra, rowVersion: version, intent: "record" });
    }
    const page = await run(observationPage, "loader", "trainer", `/coaching/observations/${a}`, {
      observationId: String(a),
    });
    expect(page.data.calibration.candidates.map((x: { id: number }) => x.id).sort()).toEqual([b, c].sort());
    // Only the sheet's own coach links it, and only to a listed sheet.
    expect((await sheet(a, "manager", { intent: "calibrate", partnerId: String(b) })).status).toBe(400);
    expect((await sheet(a, "trainer", { intent: "calibrate", partnerId: String(a) })).data.errors.partnerId).toBe(
      "Choose one of the observations listed",
    );
    expect((await sheet(a, "trainer", { intent: "calibrate", partnerId: String(b) })).location).toBe(
      `/coaching/observations/${a}`,
    );
    expect((await rowOf(a)).calibration_partner_id).toBe(b);
    expect((await rowOf(b)).calibration_partner_id).toBe(a);
    // Once linked, neither sheet can be linked again.
    expect((await sheet(c, "officer6", { intent: "calibrate", partnerId: String(a) })).status).toBe(400);
    expect((await rowOf(c)).calibration_partner_id).toBeNull();

    const seen = await run(observationPage, "loader", "manager", `/coaching/observations/${b}`, {
      observationId: String(b),
    });
    expect(seen.data.calibration.agreement).toMatchObject({
      firstCoach: "Chris Pemberton",
      secondCoach: "Morgan Ellery",
      ratings: { exact: 3, adjacent: 4, total: 4 },
    });
    expect(seen.data.calibration.agreement.icc).toMatch(/^0\.\d\d \((excellent|good|fair|poor)\)$/);
    const overview = await run(calibrationPage, "loader", "trainer", "/coaching/calibration");
    expect(overview.data.pairs).toHaveLength(1);
    // An officer-coach sees only pairs they are in.
    expect((await run(calibrationPage, "loader", "officer6", "/coaching/calibration")).data.pairs).toHaveLength(0);
  });
});

describe("requests to observe", () => {
  it("a manager asks a coach to observe by a date; asking twice is refused; recording fulfils it", async () => {
    const officer5 = await userIdOf(db, "officer5");
    const trainer = await userIdOf(db, "trainer");
    const ask = (fields: Record<string, string>) =>
      run(requestsPage, "action", "manager", "/coaching/requests", {}, fields);
    const [year, month, day] = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10).split("-");
    const fields = {
      coachId: String(trainer),
      officerId: String(officer5),
      dueDay: day,
      dueMonth: month,
      dueYear: year,
    };
    expect((await run(requestsPage, "loader", "trainer", "/coaching/requests")).status).toBe(403);
    // The date is typed as day, month and year: each problem on the field to correct, nothing asked.
    const refused = async (date: Record<string, string>) => {
      const answer = await ask({ ...fields, ...date });
      expect(answer.status).toBe(400);
      return { errors: answer.data.errors, wrongDate: answer.data.wrongDate };
    };
    const all = ["day", "month", "year"];
    expect(await refused({ dueDay: "1", dueMonth: "1", dueYear: "2020" })).toEqual({
      errors: { dueDay: "The date to observe by must be today or in the future" },
      wrongDate: all,
    });
    expect(await refused({ dueDay: "30", dueMonth: "2", dueYear: "2027" })).toEqual({
      errors: { dueDay: "The date to observe by must be a real date" },
      wrongDate: ["day"],
    });
    expect(await refused({ dueMonth: "", coachId: "" })).toEqual({
      errors: { coachId: "Choose the coach", dueMonth: "The date to observe by must include a month" },
      wrongDate: ["month"],
    });
    expect(await refused({ dueYear: "next" })).toEqual({
      errors: { dueYear: "The date to observe by must be a real date" },
      wrongDate: ["year"],
    });
    expect(await refused({ dueDay: "", dueMonth: "", dueYear: "" })).toEqual({
      errors: { dueDay: "Enter the date to observe by" },
      wrongDate: all,
    });
    expect((await refused({ dueDay: "31", dueMonth: "1", dueYear: "2099" })).errors.dueDay).toMatch(/no later than/);
    expect(await audits("observation.requested")).toHaveLength(0);
    expect((await ask({ ...fields, coachId: String(sam) })).data.errors.coachId).toMatch(/coach of your prison/);
    expect((await ask({ ...fields, officerId: String(otherOfficer) })).data.errors.officerId).toMatch(/of your prison/);
    expect((await ask(fields)).status).toBe(302);
    expect((await ask(fields)).data.errors.officerId).toBe("That coach has already been asked to observe this officer");
    const home = await run(coachingIndex, "loader", "trainer", "/coaching");
    expect(home.data.requests).toEqual([expect.objectContaining({ officerId: officer5, overdue: false })]);

    const id = idFrom((await start("trainer", officer5)).location);
    await sheet(id, "trainer", { ...FULL, rowVersion: String((await rowOf(id)).row_version), intent: "record" });
    expect((await run(coachingIndex, "loader", "trainer", "/coaching")).data.requests).toEqual([]);
    expect(await audits("observation.requested")).toHaveLength(1);
  });
});

describe("the manager's transfer view", () => {
  it("sets each officer's latest observation against their latest assessment, audited, small groups suppressed", async () => {
    await insertAttempts(db, [{ username: "officer2", scenarioId: "wing-safety", counts: GOOD_COUNTS }]);
    const report = await run(observedReportPage, "loader", "manager", "/reports/observed");
    expect(report.status).toBe(200);
    const priyaRow = report.data.officers.find((o: { officerId: number }) => o.officerId === priya);
    // Wing: 8 reflections to 6 questions (fair), 50% complex (good); assessment: 3 to 2 (fair), 67% (good).
    expect(priyaRow.transfer.rq).toEqual({ wing: "fair", assessment: "fair", change: "the same level" });
    expect(priyaRow.figures.rq).toEqual({ wing: "1.3 : 1", assessment: "1.5 : 1" });
    // 6 officers, 4 observed: the share is shown; fewer than 5 compared, so the levels are not.
    expect(report.data.prison.observed).toMatchObject({ shown: true, count: 4, total: 6 });
    expect(report.data.prison.rq.wing.shown).toBe(false);
    expect(report.data.wings.every((w: { observed: { shown: boolean } }) => !w.observed.shown)).toBe(true);
    expect((await audits("observations.report_viewed")).length).toBeGreaterThan(0);
    expect((await run(observedReportPage, "loader", "trainer", "/reports/observed")).status).toBe(403);
  });
});

describe("requires_observation", () => {
  it("a module that requires it says an observation on the wing is next, not Competent, until a coach observes the officer at the fair levels", async () => {
    // Jo passes every scenario of the first module in assessment.
    await insertAttempts(
      db,
      LISTENING_SCENARIOS.map((scenarioId) => ({ username: "officer4", scenarioId })),
    );
    const before = await officerProgress(db, await userIdOf(db, "officer4"));
    expect(before.modules[0].statusKey).toBe("competent");

    const modules = (
      await db.selectFrom("app_settings").select("value").where("key", "=", "modules_yaml").executeTakeFirstOrThrow()
    ).value;
    await putSetting(
      db,
      "modules_yaml",
      modules.replace("    refresher_months: 6\n", "    refresher_months: 6\n    requires_observation: true\n"),
    );
    await bumpLibraryGeneration(db);
    // Jo's observations above were recorded at the fair levels (technical 3.5, relational 4.0).
    const observed = await officerProgress(db, await userIdOf(db, "officer4"));
    expect(observed.modules[0]).toMatchObject({
      statusKey: "competent",
      requiresObservation: true,
      observationDue: false,
    });
    // The publish page judges the module with observations too: Jo, Competent with hers, keeps
    // Competent when a scenario is added (it waits for her refresher), as the policy says.
    const impact = await impactOf(db, "a-new-scenario", { kind: "join", moduleId: observed.modules[0].id });
    expect(impact.shifts.filter((s) => s.from === "competent")).toEqual([]);
    expect(impact.keptCompetent).toBeGreaterThanOrEqual(1);

    // Tom passes too; an observation of him with one reflection to six questions does not count.
    await insertAttempts(
      db,
      LISTENING_SCENARIOS.map((scenarioId) => ({ username: "officer3", scenarioId })),
    );
    const tom = await userIdOf(db, "officer3");
    const waiting = await officerProgress(db, tom);
    expect(waiting.modules[0]).toMatchObject({
      statusKey: "observation_next",
      status: { label: "Passed – observation on the wing next" },
      observationDue: true,
    });
    expect(waiting.modules[0].left).toContain("a coach observes one of your real conversations on the wing");
    // The one next step says so, and leads to where observations of them appear.
    expect(waiting.next).toMatchObject({
      text: "Ask a coach to observe you on the wing",
      href: "/record#observed",
      scenarioTitle: waiting.modules[0].title,
    });
    const id = idFrom((await start("trainer", tom)).location);
    await sheet(id, "trainer", {
      ...FULL,
      simpleReflections: "1",
      complexReflections: "0",
      rowVersion: String((await rowOf(id)).row_version),
      intent: "record",
    });
    expect((await officerProgress(db, tom)).modules[0].statusKey).toBe("observation_next");
    const good = idFrom((await start("manager", tom)).location);
    await sheet(good, "manager", { ...FULL, rowVersion: String((await rowOf(good)).row_version), intent: "record" });
    const competent = await officerProgress(db, tom);
    expect(competent.modules[0].statusKey).toBe("competent");
    expect(competent.next?.text).not.toBe("Ask a coach to observe you on the wing");
  });
});
