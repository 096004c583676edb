// Bad filters in the address, as pages meet them: a clear message for the field (or the page's own
// fallback), never a 500; and good ones still filter.
import { describe, expect, it } from "vitest";
import { requestAs, testContext, testDatabase } from "../support/database";

const usersPage = await import("~/routes/admin.users._index");
const exportsPage = await import("~/routes/reports.exports._index");
const attemptsCsv = await import("~/routes/reports.exports.attempts[.]csv");
const matrixPage = await import("~/routes/reports.matrix");
const auditPage = await import("~/routes/admin.audit");

const db = await testDatabase();
const context = testContext(db);

type Loader = (args: { request: Request; params: Record<string, string>; context: typeof context }) => unknown;

async function load<T>(route: { loader: unknown }, username: string, path: string): Promise<T> {
  const answer = await (route.loader as Loader)({
    request: await requestAs(context, username, path),
    params: {},
    context,
  });
  if (answer instanceof Response) throw new Error(`expected data, got a ${answer.status} response`);
  return answer as T;
}

interface Filtered {
  filters: { values: Record<string, string>; errors: Record<string, string> };
}

describe("the users list", () => {
  it("takes a prison, wing, role or page that makes no sense as no filter, as before", async () => {
    type Users = { total: number; page: number; filter: { prison: string; role: string; q: string } };
    const all = await load<Users>(usersPage, "admin", "/admin/users");
    const odd = await load<Users>(usersPage, "admin", "/admin/users?prison=abc&unit=-1&role=wizard&page=0");
    expect(odd.total).toBe(all.total);
    expect(odd.page).toBe(1);
    expect(odd.filter).toEqual({ prison: "", role: "", q: "" });
    const officers = await load<Users>(usersPage, "admin", "/admin/users?role=officer&q=%20%20");
    expect(officers.total).toBeGreaterThan(0);
    expect(officers.total).toBeLessThan(all.total);
    expect(officers.filter).toEqual({ prison: "", role: "officer", q: "" });
  });
});

describe("the exports page and the attempts download", () => {
  type Exports = Filtered & { filters: { wrongDates: { from: string[]; to: string[] } } };

  it("names each wrong filter, and the download refuses with the same words (400, not 500)", async () => {
    const path = "?fromDay=31&fromMonth=2&fromYear=2026&toMonth=3&wing=99999&module=nope&mode=fast&status=done";
    const page = await load<Exports>(exportsPage, "manager", `/reports/exports${path}`);
    expect(page.filters.errors).toEqual({
      wing: "Choose a wing from the list",
      module: "Choose a module from the list",
      mode: "Choose practice or assessment",
      status: "Choose a status from the list",
      fromDay: "Date from must be a real date",
      toDay: "Date to must include a day and year",
    });
    expect(page.filters.wrongDates).toEqual({ from: ["day"], to: ["day", "year"] });
    // What was typed is kept, to show back in the form.
    expect(page.filters.values).toMatchObject({ fromDay: "31", fromMonth: "2", fromYear: "2026", toMonth: "3" });
    const download = (await (attemptsCsv.loader as Loader)({
      request: await requestAs(context, "manager", `/reports/exports/attempts.csv${path}`),
      params: {},
      context,
    })) as Response;
    expect(download.status).toBe(400);
    expect(await download.text()).toContain("Date from must be a real date");
  });

  it("asks for the dates in order, and takes good filters without a word", async () => {
    const backwards = await load<Exports>(
      exportsPage,
      "manager",
      "/reports/exports?fromDay=2&fromMonth=3&fromYear=2026&toDay=1&toMonth=3&toYear=2026",
    );
    expect(backwards.filters.errors).toEqual({ toDay: "Date to must be the same as or after date from" });
    expect(backwards.filters.wrongDates.to).toEqual(["day", "month", "year"]);
    const good = await load<Exports>(
      exportsPage,
      "manager",
      "/reports/exports?fromDay=29&fromMonth=feb&fromYear=2028&mode=practice",
    );
    expect(good.filters.errors).toEqual({});
  });

  it("still takes the dates of an older link (from=YYYY-MM-DD), showing them in the date fields", async () => {
    const old = await load<Exports>(exportsPage, "manager", "/reports/exports?from=2026-03-02&to=2026-03-31");
    expect(old.filters.errors).toEqual({});
    expect(old.filters.values).toMatchObject({
      fromDay: "2",
      fromMonth: "3",
      fromYear: "2026",
      toDay: "31",
      toMonth: "3",
      toYear: "2026",
    });
    expect(old.filters.values).not.toHaveProperty("from");
    const backwards = await load<Exports>(exportsPage, "manager", "/reports/exports?from=2026-03-02&to=2026-03-01");
    expect(backwards.filters.errors).toEqual({ toDay: "Date to must be the same as or after date from" });
    const unreal = await load<Exports>(exportsPage, "manager", "/reports/exports?from=2026-02-31");
    expect(unreal.filters.errors).toEqual({ fromDay: "Date from must be a real date" });
  });
});

describe("the exports page without a learning record store", () => {
  it("tells a manager in plain words, and only an administrator how it is set up", async () => {
    type Page = { lrsConfigured: boolean; setsUpEngage: boolean };
    expect(context.config.lrs).toBeNull();
    expect(await load<Page>(exportsPage, "manager", "/reports/exports")).toMatchObject({
      lrsConfigured: false,
      setsUpEngage: false,
    });
    expect((await load<Page>(exportsPage, "admin", "/reports/exports")).setsUpEngage).toBe(true);
    const sent = (await (exportsPage.action as Loader)({
      request: await requestAs(context, "manager", "/reports/exports", { method: "POST", body: new FormData() }),
      params: {},
      context,
    })) as { data: { message: string }; init: { status: number } };
    expect(sent.init.status).toBe(400);
    expect(sent.data.message).toBe(
      "Sending finished attempts to a learning record store is not set up. Your Engage administrator can set it up.",
    );
  });
});

describe("the training matrix", () => {
  it("says which filter is wrong and lists nobody rather than guess; a bad page number is page 1", async () => {
    type Matrix = Filtered & { total: number; page: number };
    const wrong = await load<Matrix>(matrixPage, "manager", "/reports/matrix?status=nope&due=soon&sort=age");
    expect(wrong.filters.errors).toEqual({
      status: "Choose a status from the list",
      due: "Choose a due date filter from the list",
      sort: "Choose how to sort from the list",
    });
    expect(wrong.total).toBe(0);
    const odd = await load<Matrix>(matrixPage, "manager", "/reports/matrix?page=abc&sort=progress");
    expect(odd.filters.errors).toEqual({});
    expect(odd.page).toBe(1);
    expect(odd.total).toBeGreaterThan(0);
  });
});

describe("the audit log", () => {
  it("refuses a day that does not exist, with the form's words", async () => {
    const log = await load<{ errors: Record<string, string>; values: Record<string, string> }>(
      auditPage,
      "admin",
      "/admin/audit?from=2026-02-30&action=sign_in",
    );
    expect(log.errors).toEqual({ fromDay: "Date from must be a real date" });
    expect(log.values).toEqual({ action: "sign_in", fromDay: "30", fromMonth: "2", fromYear: "2026" });
  });
});

describe("a page number in the address", () => {
  it("is a whole number from 1 to 100,000; anything else is page 1", async () => {
    const { askedPage } = await import("~/utils/query.server");
    const asked = (q: string) => askedPage(new URLSearchParams(q));
    expect([asked("page=3"), asked("page=100000"), asked("")]).toEqual([3, 100_000, 1]);
    for (const odd of ["page=0", "page=-2", "page=1.5", "page=abc", "page=100001", "page=1e3x", "page="])
      expect(asked(odd)).toBe(1);
  });
});

describe("options that links put in the address", () => {
  it("keep what they understand and leave out anything else", async () => {
    const { studioLinkOptions } = await import("~/studio/links.server");
    const { noticeOf, NOTICES } = await import("~/practice/route-helpers.server");
    const at = (q: string) => new Request(`http://engage.test/studio/x/edit?${q}`);
    expect(studioLinkOptions(at("line=12&version=published"))).toEqual({ line: 12, version: "published" });
    for (const odd of ["line=0&version=draft", "line=2.5&version=PUBLISHED", "line=-1&version=", "line=x", ""])
      expect(studioLinkOptions(at(odd))).toEqual({ line: null, version: null });
    expect(noticeOf(at("notice=stale"))).toBe(NOTICES.stale);
    for (const odd of ["notice=constructor", "notice=__proto__", "notice=toString", "notice=", ""])
      expect(noticeOf(at(odd))).toBeNull();
  });
});

describe("a record's id in the path", () => {
  it("is its number, and anything else is a 404", async () => {
    const { idParam } = await import("~/utils/query.server");
    expect(idParam("12")).toBe(12);
    for (const odd of ["", "abc", "1e3", "-1", "1.0", " 1", "12345678901", undefined]) {
      let thrown: unknown = null;
      try {
        idParam(odd);
      } catch (error) {
        thrown = error;
      }
      expect(thrown instanceof Response && thrown.status).toBe(404);
    }
  });
});
