// Assignments through the pages' loaders and actions on a real database: a manager assigns a
// module to a wing; its officers see it due; the overview, matrix and export show it; bad and
// forged input changes nothing.
import { describe, expect, it } from "vitest";
import { addDays, dayOf } from "~/domain/dates.server";
import { requestAs, testContext, testDatabase } from "../support/database";
import { responseOf } from "../support/oidc-flow";

const page = await import("~/routes/reports.assignments");
const home = await import("~/routes/_index");
const matrix = await import("~/routes/reports.matrix");
const overview = await import("~/routes/reports._index");
const matrixCsv = await import("~/routes/reports.exports.matrix[.]csv");

const db = await testDatabase();
const context = testContext(db);
const today = dayOf(new Date());
const due = addDays(today, 14);
const wingA = await db.selectFrom("units").select("id").where("name", "=", "A wing").executeTakeFirstOrThrow();
const firstModule = (await import("~/curriculum/curriculum.server")).getCurriculum(db).then((c) => c[0]);

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of [v].flat()) f.append(k, x);
  return f;
}

const post = async (who: string, values: Record<string, string | string[]>, query = "") =>
  responseOf(async () =>
    page.action({
      request: await requestAs(context, who, `/reports/assignments${query}`, { method: "POST", body: form(values) }),
      params: {},
      context,
    }),
  );

const assignA = (moduleId: string) => ({
  moduleId,
  audience: "wing",
  unitId: String(wingA.id),
  due: "date",
  dueDay: due.slice(8),
  dueMonth: due.slice(5, 7),
  dueYear: due.slice(0, 4),
});

describe("assignments", () => {
  it("officers and trainers get 403; a manager asking for another prison gets 404", async () => {
    for (const who of ["officer", "trainer"]) {
      const r = await responseOf(async () =>
        page.loader({ request: await requestAs(context, who, "/reports/assignments"), params: {}, context }),
      );
      expect(r.status).toBe(403);
    }
    const other = await db
      .insertInto("establishments")
      .values({ code: "OTH", name: "HMP Other", created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const otherWing = await db
      .insertInto("units")
      .values({ establishment_id: other.id, name: "X wing", kind: "wing", created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const m = (await firstModule).id;
    expect((await post("manager", { ...assignA(m), prison: String(other.id) })).status).toBe(404);
    expect((await post("manager", assignA(m), `?prison=${other.id}`)).status).toBe(404);
    // Another prison's wing in the form: a field error, no hint, nothing written.
    const forged = await post("manager", { ...assignA(m), unitId: String(otherWing.id) });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("Choose a wing or team from the list");
    expect(await db.selectFrom("assignments").selectAll().execute()).toEqual([]);
  });

  it("gives every bad value a field error", async () => {
    const m = (await firstModule).id;
    const bad = await post("manager", { ...assignA(m), dueDay: "31", dueMonth: "2", dueYear: "2030" });
    expect(await bad.text()).toContain("The due date must be a real date");
    const past = await post("manager", { ...assignA(m), dueDay: "1", dueMonth: "1", dueYear: "2020" });
    expect(await past.text()).toContain("today or in the future");
    const far = await post("manager", { ...assignA(m), dueDay: "31", dueMonth: "12", dueYear: "9999" });
    expect(far.status).toBe(400);
    expect(await far.text()).toContain("The due date must be no later than");
    const days = await post("manager", { ...assignA(m), due: "days", dueDays: "0" });
    expect(await days.text()).toContain("must be 1 or more");
    const none = await post("manager", { moduleId: "nope", audience: "officers", due: "days", dueDays: "10" });
    expect(await none.text()).toContain("Choose at least one officer");
    const unknown = await post("manager", { ...assignA("no-such-module") });
    expect(await unknown.text()).toContain("Choose a module from the list");
    // Refused past the form's own checks, every officer ticked is still ticked on the form shown again.
    const officer = await db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "officer")
      .executeTakeFirstOrThrow();
    const stranger = await post("manager", {
      ...assignA(m),
      audience: "officers",
      officerIds: [String(officer.id), "999999"],
    });
    expect(stranger.status).toBe(400);
    expect(JSON.parse(await stranger.text())).toMatchObject({
      errors: { officerIds: "Choose officers from the list" },
      values: { audience: "officers", officerIds: `${officer.id},999999`, moduleId: m },
    });
  });

  it("a manager assigns module 1 to A wing due in 14 days; A wing officers see it due, the reports show it", async () => {
    const m = await firstModule;
    const assigned = await post("manager", assignA(m.id));
    expect(assigned.status).toBe(302);
    const again = await post("manager", assignA(m.id));
    expect(await again.text()).toContain("already assigned");

    const homeOf = async (who: string) =>
      JSON.parse(
        await (
          await responseOf(async () =>
            home.loader({ request: await requestAs(context, who, "/"), params: {}, context }),
          )
        ).text(),
      );
    expect((await homeOf("officer")).assigned).toEqual([
      expect.objectContaining({ moduleId: m.id, title: m.title, state: "on_track", refresher: false }),
    ]);
    expect((await homeOf("officer3")).assigned).toEqual([]); // B wing

    const matrixData = JSON.parse(
      await (
        await responseOf(async () =>
          matrix.loader({
            request: await requestAs(context, "manager", "/reports/matrix?due=assigned"),
            params: {},
            context,
          }),
        )
      ).text(),
    );
    expect(matrixData.rows.map((r: { name: string }) => r.name).sort()).toEqual(["Priya Lindqvist", "Sam Okafor"]);
    expect(matrixData.rows[0].dues[0]).toMatchObject({ dueOn: due, state: "on_track" });

    const overviewData = JSON.parse(
      await (
        await responseOf(async () =>
          overview.loader({ request: await requestAs(context, "manager", "/reports"), params: {}, context }),
        )
      ).text(),
    );
    expect(overviewData.assignments).toEqual({ assigned: 2, onTrack: 2, overdue: 0 });

    const csv = await (
      await responseOf(async () =>
        matrixCsv.loader({
          request: await requestAs(context, "manager", "/reports/exports/matrix.csv"),
          params: {},
          context,
        }),
      )
    ).text();
    expect(csv.split("\n")[0]).toContain(`${m.title}: due`);
    expect(csv).toContain(due);
  });

  it("shows an assignment overdue once its date has passed", async () => {
    await db
      .updateTable("assignments")
      .set({ due_on: addDays(today, -1) })
      .execute();
    const overdue = JSON.parse(
      await (
        await responseOf(async () =>
          matrix.loader({
            request: await requestAs(context, "manager", "/reports/matrix?due=overdue"),
            params: {},
            context,
          }),
        )
      ).text(),
    );
    expect(overdue.rows).toHaveLength(2);
    expect(overdue.rows[0].dues[0].state).toBe("overdue");
  });
});
