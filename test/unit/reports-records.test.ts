// What a manager records on the reports pages (the prison's target, a month's engagement figures):
// saved with its audit row, or on a refused form neither.
import { describe, expect, it } from "vitest";
import { requestAs, testContext, testDatabase } from "../support/database";
import { settled } from "../support/responses";

const targetPage = await import("~/routes/reports.target");
const engagementPage = await import("~/routes/reports.engagement");

const db = await testDatabase();
const context = testContext(db);

type Action = (args: { request: Request; params: Record<string, string>; context: typeof context }) => unknown;

async function post(route: { action: unknown }, path: string, fields: Record<string, string>) {
  const request = await requestAs(context, "manager", path, { method: "POST", body: new URLSearchParams(fields) });
  return settled(Promise.resolve((route.action as Action)({ request, params: {}, context })));
}

async function auditRows(action: string) {
  const rows = await db.selectFrom("audit_events").select(["details"]).where("action", "=", action).execute();
  return rows.map((r): unknown => (typeof r.details === "string" ? JSON.parse(r.details) : r.details));
}

// Two months on: ahead of today and well inside the furthest a form takes (five years).
const ahead = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
// The target date as typed in its date input: day, month and year.
const [year, month, day] = ahead.split("-");
const aheadTyped = { dateDay: String(Number(day)), dateMonth: String(Number(month)), dateYear: year };

describe("the prison's target", () => {
  it("is saved with its audit row; a refused form writes neither", async () => {
    const refused = await post(targetPage, "/reports/target", { percent: "150", ...aheadTyped });
    expect(refused).toMatchObject({ init: { status: 400 } });
    expect(await db.selectFrom("establishment_targets").selectAll().execute()).toHaveLength(0);
    expect(await auditRows("target.set")).toHaveLength(0);

    const saved = (await post(targetPage, "/reports/target", { percent: "80", ...aheadTyped })) as Response;
    expect(saved.status).toBe(302);
    const [target] = await db.selectFrom("establishment_targets").selectAll().execute();
    expect(target).toMatchObject({ target_percent: 80, target_date: ahead });
    const audit = await auditRows("target.set");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toEqual({ percent: 80, date: ahead });
  });
});

describe("a month's engagement figures", () => {
  it("are saved with their audit row; a refused form writes neither", async () => {
    const refused = await post(engagementPage, "/reports/engagement", {
      month: "2026-01",
      eligible: "10",
      notEngaging: "11",
    });
    expect(refused).toMatchObject({ init: { status: 400 } });
    expect(await db.selectFrom("engagement_figures").selectAll().execute()).toHaveLength(0);
    expect(await auditRows("engagement.recorded")).toHaveLength(0);

    const saved = (await post(engagementPage, "/reports/engagement", {
      month: "2026-01",
      eligible: "40",
      notEngaging: "6",
    })) as Response;
    expect(saved.status).toBe(302);
    const [figures] = await db.selectFrom("engagement_figures").selectAll().execute();
    expect(figures).toMatchObject({ month: "2026-01", eligible: 40, not_engaging: 6 });
    expect(await auditRows("engagement.recorded")).toEqual([{ month: "2026-01", eligible: 40, notEngaging: 6 }]);
  });
});
