// Who may see what: every route file, for every kind of person, on their own prison's data and on
// another prison's; and the headers on every answer. Generated from the route files: a route
// with no entry in routes.ts fails here.
import { describe, expect, it } from "vitest";
import { appRoutes } from "../support/app-server";
import { PEOPLE, Probe, securityFixtures, withCookie, formBody, type Who } from "./fixtures";
import { allowed, ROUTES, type RouteCase } from "./routes";

const f = await securityFixtures();
const probe = new Probe("access", f.server.url);
const routes = await appRoutes();

/** The status `who` should get for `url` of route `c` (foreign: another prison's or officer's). */
function expectedStatus(c: RouteCase, who: Who, foreign: boolean): number {
  if (!allowed(c, who)) return who === "anonymous" ? 302 : 403;
  if (foreign && who !== "admin") return 404;
  return c.okFor?.[who] ?? c.ok ?? 200;
}

function checkHeaders(res: Response, signedIn: boolean): string | null {
  const h = res.headers;
  const problems: string[] = [];
  if (!/no-store/.test(h.get("Cache-Control") ?? "") && (signedIn || res.status !== 304))
    problems.push(`Cache-Control is "${h.get("Cache-Control")}"`);
  if (h.get("Strict-Transport-Security")) problems.push("HSTS over plain HTTP");
  if ((h.get("Content-Type") ?? "").startsWith("text/html")) {
    if (!/script-src 'self' 'nonce-/.test(h.get("Content-Security-Policy") ?? "")) problems.push("no CSP with a nonce");
    if (!/frame-ancestors 'none'/.test(h.get("Content-Security-Policy") ?? "")) problems.push("framing allowed");
    if (h.get("X-Frame-Options") !== "DENY") problems.push("no X-Frame-Options");
    if (h.get("X-Content-Type-Options") !== "nosniff") problems.push("no nosniff");
    if (!h.get("Referrer-Policy")) problems.push("no Referrer-Policy");
  }
  return problems.length ? problems.join(", ") : null;
}

describe("the route x role x prison matrix", () => {
  it("has an entry for every route file, and a form for every route with an action", () => {
    expect(Object.keys(ROUTES).sort()).toEqual(routes.map((r) => r.id).sort());
    for (const r of routes) {
      expect.soft(Boolean(ROUTES[r.id]?.form), `${r.id}: action and form`).toBe("action" in r.module);
      expect.soft(ROUTES[r.id]?.page !== null, `${r.id}: loader and page`).toBe("loader" in r.module);
    }
  });

  it("gives each person what their role and prison allow, and the security headers on every answer", async () => {
    const from = probe.unexpected.length;
    for (const r of routes) {
      const c = ROUTES[r.id];
      if (!c?.page) continue;
      for (const who of PEOPLE) {
        const urls = [
          { url: c.page(f), foreign: false },
          ...(c.foreign?.(f) ?? []).map((url) => ({ url, foreign: true })),
        ];
        for (const { url, foreign } of urls) {
          const expected = expectedStatus(c, who, foreign);
          await probe.expect(`${who} GET ${url}`, url, withCookie(await f.cookie(who)), (res) => {
            if (res.status !== expected) return `status ${res.status}, expected ${expected}`;
            if (expected === 302 && !allowed(c, who) && !res.headers.get("Location")?.startsWith("/sign-in?returnTo="))
              return `sent to ${res.headers.get("Location")}, not to sign in`;
            return checkHeaders(res, who !== "anonymous");
          });
          // The same page as Remix's data request (JavaScript on): the same answer, never cached.
          if (expected === 200 && !r.module.default) continue;
          if (expected === 200) {
            const data = url === "/" ? "/_root.data" : url.replace(/(\?|$)/, ".data$1");
            await probe.expect(`${who} GET ${data}`, data, withCookie(await f.cookie(who)), (res) =>
              res.status === 200 ? checkHeaders(res, true) : `status ${res.status}`,
            );
          }
        }
      }
    }
    expect(probe.since(from)).toEqual([]);
  });

  it("refuses forms from people the route is not for, before reading them", async () => {
    const from = probe.unexpected.length;
    for (const r of routes) {
      const c = ROUTES[r.id];
      if (!c?.form || c.access === "public") continue;
      const url = c.page?.(f) ?? "/";
      const action = r.id === "routes/studio.$scenarioId._index" ? url : url.split("?")[0];
      for (const who of PEOPLE.filter((w) => !allowed(c, w))) {
        const expected = who === "anonymous" ? 302 : 403;
        await probe.expect(`${who} POST ${action}`, action, withCookie(await f.cookie(who), formBody({})), (res) =>
          res.status === expected ? null : `status ${res.status}, expected ${expected}`,
        );
        // Not even read: a body that is no form gets the same answer, not the form reader's 415.
        const notForm = { method: "POST", headers: { "Content-Type": "text/plain" }, body: "prison=1" };
        await probe.expect(
          `${who} POST ${action} (no form)`,
          action,
          withCookie(await f.cookie(who), notForm),
          (res) => (res.status === expected ? null : `status ${res.status}, expected ${expected}`),
        );
      }
    }
    expect(probe.since(from)).toEqual([]);
  });

  it("keeps managers and trainers to their own prison in forms too (a forged prison is a 404)", async () => {
    const from = probe.unexpected.length;
    for (const path of ["/reports/target", "/reports/engagement", "/reports/exports"]) {
      await probe.expect(
        `manager POST ${path} for another prison`,
        path,
        withCookie(await f.cookie("manager"), formBody({ prison: String(f.other.prisonId), percent: "50" })),
        (res) => (res.status === 404 ? null : `status ${res.status}`),
      );
    }
    await probe.expect(
      "trainer rates another prison's reply",
      `/studio/reviews/${f.other.replyStepId}`,
      withCookie(await f.cookie("trainer"), formBody({ rating: "4", comment: "" })),
      (res) => (res.status === 409 || res.status === 404 ? null : `status ${res.status}`),
    );
    expect(await f.db.selectFrom("written_reply_reviews").selectAll().execute()).toEqual([]);
    expect(probe.since(from)).toEqual([]);
  });
});
