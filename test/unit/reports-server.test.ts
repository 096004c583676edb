import { describe, expect, it } from "vitest";
import type { Statement } from "~/domain/reporting/xapi";
import { requestAs as signedInRequest, testContext, testDatabase } from "../support/database";
import { GOOD_COUNTS, insertAttempts, LISTENING_SCENARIOS, POOR_COUNTS } from "../support/attempts";
import { addUser, anotherPrison } from "../support/people";
import { settled } from "../support/responses";

const { requireReportScope } = await import("~/reports/scope.server");
const { matrixReport } = await import("~/reports/matrix.server");
const { overviewReport } = await import("~/reports/overview.server");
const { monthOf } = await import("~/domain/dates.server");
const { officerRecord } = await import("~/reports/record.server");
const { attemptsCsv, matrixCsv, parseAttemptFilters, statementPages, statementsJson } =
  await import("~/reports/exports.server");
const { readTargetForm, readEngagementForm } = await import("~/reports/forms.server");
const {
  activeOfficerAttemptsAt,
  attemptPages,
  attemptsByOfficers,
  attemptsOfOfficers,
  listAttempts,
  saveEngagementFigure,
  setTarget,
} = await import("~db/queries/reports.server");

const db = await testDatabase();

/** Every statement, the pages read to the end. */
async function statementsFor(...args: Parameters<typeof statementPages>) {
  const all = [];
  for await (const page of statementPages(...args)) all.push(...page);
  return all;
}

/** A download's body, read to the end. */
const readAll = (download: { body: ReadableStream<Uint8Array> }) => new Response(download.body).text();
const context = testContext(db);

const demo = (await db.selectFrom("establishments").select("id").executeTakeFirstOrThrow()).id;
const { id: other, wing: otherWing } = await anotherPrison(db);
const otherManager = await addUser(db, {
  username: "manager-other",
  display_name: "Other Manager",
  role: "manager",
  establishment_id: other,
});
const otherOfficer = await addUser(db, {
  username: "officer-other",
  display_name: "Other Officer",
  role: "officer",
  establishment_id: other,
  unit_id: otherWing,
});

const requestAs = (username: string, path = "/reports") => signedInRequest(context, username, path);
const status = async (call: Promise<unknown>) => {
  const out = await settled(call);
  return out instanceof Response ? out.status : 200;
};

// Sam passes every scenario of the first module; Priya finishes one in practice; Tom fails an assessment.
await insertAttempts(db, [
  ...LISTENING_SCENARIOS.map((scenarioId) => ({ username: "officer", scenarioId, counts: GOOD_COUNTS })),
  { username: "officer2", scenarioId: "wing-safety", mode: "practice" as const },
  { username: "officer3", scenarioId: "wing-safety", counts: POOR_COUNTS },
]);

describe("report scope", () => {
  it("gives officers and trainers a 403", async () => {
    expect(await status(requireReportScope(await requestAs("officer"), context))).toBe(403);
    expect(await status(requireReportScope(await requestAs("trainer"), context))).toBe(403);
  });

  it("keeps a manager to their own prison: another prison by address or form field is a 404", async () => {
    const scope = await requireReportScope(await requestAs("manager"), context);
    expect(scope.prison.id).toBe(demo);
    expect(scope.prisons).toEqual([]);
    expect((await requireReportScope(await requestAs("manager", `/reports?prison=${demo}`), context)).prison.id).toBe(
      demo,
    );
    expect(await status(requireReportScope(await requestAs("manager", `/reports?prison=${other}`), context))).toBe(404);
    expect(await status(requireReportScope(await requestAs("manager"), context, String(other)))).toBe(404);
    expect(await status(requireReportScope(await requestAs("manager", "/reports?prison=abc"), context))).toBe(404);
    expect((await requireReportScope(await requestAs("manager-other"), context)).prison.id).toBe(other);
  });

  it("lets an admin choose any prison, and 404s one that does not exist", async () => {
    const scope = await requireReportScope(await requestAs("admin", `/reports?prison=${other}`), context);
    expect(scope.prison.id).toBe(other);
    expect(scope.prisons.map((p) => p.id).sort()).toEqual([demo, other].sort());
    expect(await status(requireReportScope(await requestAs("admin", "/reports?prison=99999"), context))).toBe(404);
  });
});

describe("matrix", () => {
  it("shows each officer's statuses from the competency rules, filtered by wing and status", async () => {
    const all = await matrixReport(db, demo, new URLSearchParams());
    expect(all.total).toBe(6);
    const sam = all.rows.find((r) => r.name === "Sam Okafor")!;
    expect(sam.statuses[0]).toBe("competent");
    expect(all.rows.find((r) => r.name === "Priya Lindqvist")!.statuses[0]).toBe("in_progress");
    const aWing = all.wings.find((w) => w.name === "A wing")!;
    const filtered = await matrixReport(
      db,
      demo,
      new URLSearchParams({ wing: String(aWing.id), status: "competent", module: "listening-on-the-landing" }),
    );
    expect(filtered.rows.map((r) => r.name)).toEqual(["Sam Okafor"]);
    const byProgress = await matrixReport(db, demo, new URLSearchParams({ sort: "progress" }));
    expect(byProgress.rows[0].name).toBe("Sam Okafor");
  });

  it("gives field errors and no rows for filters not on the lists, including another prison's wing", async () => {
    const bad = await matrixReport(
      db,
      demo,
      new URLSearchParams({ wing: String(otherWing), status: "heroic", module: "nope", sort: "age", page: "-4" }),
    );
    expect(bad.rows).toEqual([]);
    expect(Object.keys(bad.filters.errors).sort()).toEqual(["module", "sort", "status", "wing"]);
  });

  it("pages large lists", async () => {
    const page99 = await matrixReport(db, demo, new URLSearchParams({ page: "99" }));
    expect(page99.page).toBe(1);
    expect(page99.pages).toBe(1);
  });
});

describe("overview", () => {
  it("summarises the prison and projects the target", async () => {
    const manager = (
      await db.selectFrom("users").select("id").where("username_key", "=", "manager").executeTakeFirstOrThrow()
    ).id;
    await setTarget(db, { establishmentId: demo, percent: 50, date: "2099-12-31", setBy: manager });
    // London's month, as the overview counts months (late on a month's last day in summer it is the next UTC month).
    const month = monthOf(new Date());
    await saveEngagementFigure(db, {
      establishmentId: demo,
      month,
      eligible: 575,
      notEngaging: 252,
      recordedBy: manager,
    });
    const o = await overviewReport(db, demo);
    expect(o.summary.officers).toBe(6);
    expect(o.summary.modules[0].competent).toMatchObject({ shown: true, count: 1, total: 6 });
    expect(o.summary.modules[0].completed).toMatchObject({ count: 1 }); // Priya and Tom finished one scenario of three
    expect(o.projection!.needed).toBe(3);
    expect(o.engagement.at(-1)).toMatchObject({ eligible: 575, notEngaging: 252 });
    expect(Math.round(o.engagement.at(-1)!.refusalPercent!)).toBe(44);
  });
});

describe("officer record", () => {
  it("shows an officer's attempts and writes an audit row each time it is opened", async () => {
    const viewer = await requireReportScope(await requestAs("manager"), context);
    const sam = (
      await db.selectFrom("users").select("id").where("username_key", "=", "officer").executeTakeFirstOrThrow()
    ).id;
    const before = await db.selectFrom("audit_events").select("id").where("action", "=", "record.viewed").execute();
    const record = await officerRecord(db, viewer.user, demo, sam);
    await officerRecord(db, viewer.user, demo, sam);
    expect(record.attempts).toHaveLength(3);
    expect(record.modules[0].status).toBe("competent");
    expect(record.attempts[0].indicators!.length).toBeGreaterThan(0);
    // Only the indicators MITI gives fair and good levels carry a level tag; the two counts have none.
    expect(record.attempts[0].indicators!.filter((l) => l.fair === null).map((l) => l.name)).toEqual([
      "MI-adherent responses",
      "MI-non-adherent responses",
    ]);
    // As on the officer's own record: a finished assessment says whether it passed; practice is not judged.
    const assessments = record.attempts.filter((a) => a.mode === "assessment" && a.status === "finished");
    expect(assessments.some((a) => a.assessment?.passed === true)).toBe(true);
    expect(record.attempts.filter((a) => a.mode === "practice").every((a) => a.assessment === null)).toBe(true);
    const rows = await db.selectFrom("audit_events").selectAll().where("action", "=", "record.viewed").execute();
    expect(rows.length - before.length).toBe(2);
    expect(rows.at(-1)).toMatchObject({ actor_user_id: viewer.user.id, subject_user_id: sam, establishment_id: demo });
  });

  it("is not found for another prison's officer or a non-officer", async () => {
    const viewer = await requireReportScope(await requestAs("manager"), context);
    expect(await status(officerRecord(db, viewer.user, demo, otherOfficer))).toBe(404);
    expect(await status(officerRecord(db, viewer.user, demo, otherManager))).toBe(404);
    expect(await status(officerRecord(db, viewer.user, demo, 999999))).toBe(404);
  });
});

describe("exports", () => {
  it("writes the matrix CSV with the filters applied", async () => {
    const download = await matrixCsv(
      db,
      demo,
      new URLSearchParams({ status: "competent", module: "listening-on-the-landing" }),
    );
    if (download.errors) throw new Error("unexpected filter errors");
    expect(download.rows).toBe(1);
    const lines = (await readAll(download)).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Sam Okafor,A wing,Competent,Not yet started/);
    expect((await matrixCsv(db, demo, new URLSearchParams({ status: "x" }))).errors).toEqual({
      status: "Choose a status from the list",
    });
  });

  it("names a filtered matrix file after its filters, and the whole prison's after the prison alone", async () => {
    const { loader } = await import("~/routes/reports.exports.matrix[.]csv");
    const fileName = async (query: string) => {
      const res = await loader({
        request: await requestAs("manager", `/reports/exports/matrix.csv${query}`),
        params: {},
        context,
      });
      expect(res.status).toBe(200);
      await res.text();
      return /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1];
    };
    const aWing = await db
      .selectFrom("units")
      .select("id")
      .where("establishment_id", "=", demo)
      .where("name", "=", "A wing")
      .executeTakeFirstOrThrow();
    // The day is the UK day, which around midnight is not the UTC one: any date will do.
    expect(await fileName("")).toMatch(/^training-matrix-hmp-hollowbrook-demo-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(
      await fileName(`?wing=${aWing.id}&module=listening-on-the-landing&status=competent&due=overdue&sort=progress`),
    ).toMatch(
      /^training-matrix-hmp-hollowbrook-demo-a-wing-listening-on-the-landing-competent-overdue-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(await fileName("?status=observation_next")).toMatch(
      /^training-matrix-hmp-hollowbrook-demo-passed-observation-on-the-wing-next-\d{4}-\d{2}-\d{2}\.csv$/,
    );
  });

  it("writes attempts CSV with filters, and refuses bad dates with a field error", async () => {
    const filters = await parseAttemptFilters(db, demo, new URLSearchParams({ mode: "practice" }));
    const download = await attemptsCsv(db, demo, filters.filter);
    const [csv, rows] = [await readAll(download), download.rows];
    expect(csv.trim().split("\r\n")).toHaveLength(2);
    expect(rows).toBe(1);
    expect(csv).toContain("Priya Lindqvist");
    // Sent a row at a time, the file is the same.
    const whole = await readAll(await attemptsCsv(db, demo, {}));
    expect(whole.trim().split("\r\n").length).toBeGreaterThan(3);
    expect(await readAll(await attemptsCsv(db, demo, {}, { rowsPerPart: 1 }))).toBe(whole);
    const bad = await parseAttemptFilters(
      db,
      demo,
      new URLSearchParams({ from: "2026-02-31", to: "x", mode: "both", wing: String(otherWing) }),
    );
    expect(Object.keys(bad.errors).sort()).toEqual(["fromDay", "mode", "toMonth", "wing"]);
  });

  it("reads attempts page by page, every attempt once, officers in name order and each one's newest first", async () => {
    const all = await listAttempts(db, { establishmentId: demo });
    const pages = [];
    for await (const page of attemptPages(db, { establishmentId: demo }, { officersPerPage: 1 })) pages.push(page);
    expect(pages.length).toBeGreaterThan(1);
    const read = pages.flat();
    expect(read.map((r) => r.id).sort()).toEqual(all.map((r) => r.id).sort());
    const byName = await db
      .selectFrom("users")
      .select("id")
      .where("establishment_id", "=", demo)
      .where("role", "=", "officer")
      .orderBy("display_name")
      .orderBy("id")
      .execute();
    const officers = [...new Set(read.map((r) => r.officer_id))];
    expect(officers).toEqual(byName.map((o) => o.id).filter((id) => officers.includes(id)));
    for (const page of pages)
      for (let i = 1; i < page.length; i++)
        if (page[i].officer_id === page[i - 1].officer_id)
          expect(page[i].started_at <= page[i - 1].started_at).toBe(true);
  });

  it("builds one statement per finished attempt with stable ids and an opaque actor", async () => {
    const a = await statementsFor(db, demo, {}, "https://engage.example");
    const b = await statementsFor(db, demo, {}, "https://engage.example");
    expect(a).toHaveLength(5);
    expect(a.map((s) => s.id)).toEqual(b.map((s) => s.id));
    expect(new Set(a.map((s) => s.id)).size).toBe(5);
    const statements = a.map((s) => JSON.parse(s.json) as Statement);
    expect(statements.map((s) => s.id)).toEqual(a.map((s) => s.id));
    expect(a.map((s) => s.json).join()).not.toMatch(/Sam Okafor|officer@|"officer"/);
    expect(statements.filter((s) => s.verb.id.endsWith("/passed"))).toHaveLength(3);
    expect(statements.filter((s) => s.verb.id.endsWith("/failed"))).toHaveLength(1);
    expect(statements.filter((s) => s.verb.id.endsWith("/completed"))).toHaveLength(1);
    const json = await statementsJson(db, demo, {}, "https://engage.example");
    expect(json.rows).toBe(5);
    // The download is the statements' own text, in an array, however many parts it is sent in.
    expect(await readAll(json)).toBe(`[${a.map((s) => s.json).join(",")}]`);
    for (const statementsPerPart of [1, 2])
      expect(await readAll(await statementsJson(db, demo, {}, "https://engage.example", { statementsPerPart }))).toBe(
        `[${a.map((s) => s.json).join(",")}]`,
      );
    expect(
      JSON.parse(
        await readAll(
          await statementsJson(
            db,
            demo,
            { mode: "practice", startedFrom: "2000-01-01T00:00:00.000Z", startedBefore: "2000-01-02T00:00:00.000Z" },
            "https://engage.example",
          ),
        ),
      ),
    ).toEqual([]);
  });
});

describe("forms", () => {
  const fd = (o: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(o)) f.set(k, v);
    return f;
  };
  it("validates the target, its date typed as day, month and year", () => {
    const target = (percent: string, [day, month, year]: string[], today = "2026-06-30") =>
      readTargetForm(fd({ percent, dateDay: day, dateMonth: month, dateYear: year }), today);
    const problem = (form: ReturnType<typeof target>) =>
      form.ok ? null : { errors: form.errors, wrongDate: form.wrongDate };
    expect(target("80", ["31", "3", "2027"])).toMatchObject({ ok: true, data: { percent: 80 }, day: "2027-03-31" });
    expect(target("80", [" 07 ", "march", "2027"])).toMatchObject({ ok: true, day: "2027-03-07" });
    // Each field's own message; only the wrong fields are outlined.
    expect(problem(target("120", ["30", "2", "2027"]))).toEqual({
      errors: { percent: "Target percentage must be 100 or fewer", dateDay: "The target date must be a real date" },
      wrongDate: ["day"],
    });
    expect(problem(target("80", ["31", "", "2027"]))).toEqual({
      errors: { dateMonth: "The target date must include a month" },
      wrongDate: ["month"],
    });
    expect(problem(target("80", ["31", "3", "27"]))).toEqual({
      errors: { dateYear: "The target date must include a year with 4 numbers" },
      wrongDate: ["year"],
    });
    expect(problem(target("80", ["x", "3", "2027"]))?.errors).toEqual({
      dateDay: "The target date must be a real date",
    });
    const all = ["day", "month", "year"];
    expect(problem(target("80", ["", "", ""]))).toEqual({
      errors: { dateDay: "Enter the target date" },
      wrongDate: all,
    });
    // A target is ahead: not today, not a year 9999 (five years ahead is the furthest, to the day; 29 February falls back).
    const future = { errors: { dateDay: "The target date must be in the future" }, wrongDate: all };
    expect(problem(target("80", ["1", "1", "2026"]))).toEqual(future);
    expect(problem(target("80", ["30", "6", "2026"]))).toEqual(future);
    expect(target("80", ["30", "6", "2031"]).ok).toBe(true);
    expect(problem(target("80", ["1", "7", "2031"]))?.errors).toEqual({
      dateDay: "The target date must be no later than 30 June 2031",
    });
    expect(problem(target("80", ["1", "3", "2033"], "2028-02-29"))?.errors).toEqual({
      dateDay: "The target date must be no later than 28 February 2033",
    });
  });
  it("validates engagement figures, their month typed as month and year", () => {
    const figures = (fields: Record<string, string>) =>
      readEngagementForm(fd({ eligible: "575", notEngaging: "252", ...fields }), "2026-06");
    const problem = (form: ReturnType<typeof figures>) =>
      form.ok ? null : { errors: form.errors, wrongDate: form.wrongDate };
    expect(figures({ monthMonth: "5", monthYear: "2026" })).toMatchObject({
      ok: true,
      data: { eligible: 575, notEngaging: 252 },
      month: "2026-05",
    });
    expect(figures({ monthMonth: " june ", monthYear: "2026" })).toMatchObject({ ok: true, month: "2026-06" });
    // An older form (a page left open) sends the month as YYYY-MM in one field: still saved.
    expect(figures({ month: "2026-05" })).toMatchObject({ ok: true, month: "2026-05" });
    expect(problem(figures({ month: "2026-13" }))).toEqual({
      errors: { monthMonth: "The month must be a real month" },
      wrongDate: ["month"],
    });
    // Each field's own message at once; only the wrong fields are outlined.
    expect(problem(figures({ monthMonth: "13", monthYear: "2026", notEngaging: "600" }))).toEqual({
      errors: {
        notEngaging: "The number refusing or not engaging must not be more than the number eligible",
        monthMonth: "The month must be a real month",
      },
      wrongDate: ["month"],
    });
    expect(problem(figures({ monthMonth: "3", monthYear: "" }))).toEqual({
      errors: { monthYear: "The month must include a year" },
      wrongDate: ["year"],
    });
    expect(problem(figures({ monthMonth: "", monthYear: "", eligible: "" }))).toEqual({
      errors: { eligible: "Enter the number of men eligible", monthMonth: "Enter the month the figures are for" },
      wrongDate: ["month", "year"],
    });
    expect(problem(figures({ monthMonth: "7", monthYear: "2026" }))).toEqual({
      errors: { monthMonth: "The month must be this month or in the past" },
      wrongDate: ["month", "year"],
    });
  });
});

describe("attempts as the competency rules read them", () => {
  it("come as stored, every column and every attempt, on either engine", async () => {
    const officer = await addUser(db, { username: "officer-lists", role: "officer", establishment_id: demo });
    const [first, second, third] = LISTENING_SCENARIOS;
    // Milliseconds, the hours the clocks change, nulls, every mode, status and outcome.
    await insertAttempts(db, [
      { username: "officer-lists", scenarioId: first, mode: "practice", finishedAt: "2026-03-29T01:30:07.123Z" },
      { username: "officer-lists", scenarioId: first, outcome: "disengaged", finishedAt: "2026-10-25T01:59:59.999Z" },
      { username: "officer-lists", scenarioId: second, outcome: "undecided", counts: POOR_COUNTS },
      { username: "officer-lists", scenarioId: second, status: "in_progress" },
      { username: "officer-lists", scenarioId: third, status: "abandoned", mode: "practice" },
    ]);
    const columns = (r: Awaited<ReturnType<typeof listAttempts>>[number]) => ({
      officer_id: r.officer_id,
      scenario_id: r.scenario_id,
      mode: r.mode,
      status: r.status,
      started_at: r.started_at,
      finished_at: r.finished_at,
      outcome: r.outcome,
      open_questions: r.open_questions,
      closed_questions: r.closed_questions,
      simple_reflections: r.simple_reflections,
      complex_reflections: r.complex_reflections,
      mi_adherent: r.mi_adherent,
      mi_non_adherent: r.mi_non_adherent,
    });
    // Every column decides the order: two attempts can share an officer, a start and a scenario.
    const inOrder = <T>(rows: T[]) =>
      rows
        .map((r) => ({ r, key: JSON.stringify(r) }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map(({ r }) => r);
    const stored = inOrder((await listAttempts(db, { establishmentId: demo, officerId: officer })).map(columns));
    expect(stored).toHaveLength(5);
    expect(stored.map((r) => r.finished_at)).toContain("2026-03-29T01:30:07.123Z");
    const mine = <T extends { officer_id: number }>(rows: T[]) => rows.filter((r) => r.officer_id === officer);
    expect(inOrder(mine(await attemptsOfOfficers(db, { establishmentId: demo })))).toEqual(stored);
    expect(inOrder(await attemptsByOfficers(db, [officer]))).toEqual(stored);
    expect(inOrder(mine(await activeOfficerAttemptsAt(db, LISTENING_SCENARIOS)))).toEqual(stored);

    // Every officer's attempts, none lost or doubled in the lists.
    const everyone = inOrder((await listAttempts(db, { establishmentId: demo })).map(columns));
    const officers = [...new Set(everyone.map((r) => r.officer_id))];
    expect(officers.length).toBeGreaterThan(3);
    expect(inOrder(await attemptsByOfficers(db, officers))).toEqual(everyone);
  });

  it("come page by page for the downloads exactly as the officer record lists them, in either order", async () => {
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    for (const filter of [{ establishmentId: demo }, { establishmentId: demo, status: "finished" as const }])
      for (const order of ["newest", "oldest"] as const) {
        const paged = [];
        for await (const page of attemptPages(db, filter, { order, officersPerPage: 2 })) paged.push(...page);
        expect(byId(paged)).toEqual(byId(await listAttempts(db, filter)));
        for (let i = 1; i < paged.length; i++)
          if (paged[i].officer_id === paged[i - 1].officer_id)
            expect(
              order === "newest"
                ? paged[i].started_at <= paged[i - 1].started_at
                : paged[i].started_at >= paged[i - 1].started_at,
            ).toBe(true);
      }
  });
});
