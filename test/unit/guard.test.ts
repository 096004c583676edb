import { describe, expect, it } from "vitest";
import { requestAs as signedInRequest, testContext, testDatabase, userIdOf } from "../support/database";
import { thrownResponse as thrown } from "../support/responses";

const { requireUser, safeReturnPath, establishmentScope, canSeeEstablishment } = await import("~/auth/guard.server");
const { setUserActive } = await import("~/admin/users.server");

const db = await testDatabase();
const context = testContext(db);

const requestAs = (username: string | null, path?: string, init?: RequestInit) =>
  signedInRequest(context, username, path, init);

describe("requireUser", () => {
  it("sends an anonymous request to sign in with a return path", async () => {
    const res = await thrown(requireUser(await requestAs(null, "/admin/users?role=officer"), context));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/sign-in?returnTo=%2Fadmin%2Fusers%3Frole%3Dofficer");
  });

  it("brings a form sent after the session ended back to the page it was sent from", async () => {
    const post = (headers: Record<string, string>) =>
      requestAs(null, "/attempts/a1b2?index", { method: "POST", headers, body: new URLSearchParams({ text: "x" }) });
    const location = async (headers: Record<string, string>) =>
      (await thrown(requireUser(await post(headers), context))).headers.get("Location");
    expect(await location({ Referer: "http://localhost/attempts/a1b2?notice=saved" })).toBe(
      "/sign-in?returnTo=%2Fattempts%2Fa1b2%3Fnotice%3Dsaved",
    );
    // Nowhere to go back to, or only somewhere unsafe: the home page.
    expect(await location({})).toBe("/sign-in?returnTo=%2F");
    expect(await location({ Referer: "http://localhost//evil.example/x" })).toBe("/sign-in?returnTo=%2F");
  });

  for (const [username, allowed, refused] of [
    ["officer", "practise", "manageUsers"],
    ["trainer", "authorScenarios", "viewReports"],
    ["manager", "viewReports", "authorScenarios"],
    ["admin", "manageUsers", "practise"],
  ] as const) {
    it(`lets a ${username} into pages that need ${allowed} and gives 403 on ${refused} pages`, async () => {
      const user = await requireUser(await requestAs(username), context, { can: allowed });
      expect(user.role).toBe(username);
      const res = await thrown(requireUser(await requestAs(username), context, { can: refused }));
      expect(res.status).toBe(403);
    });
  }

  it("lets in anyone who may do one of several things", async () => {
    const both = ["observeOfficers", "readObservations"] as const;
    expect((await requireUser(await requestAs("admin"), context, { can: [...both] })).role).toBe("admin");
    expect((await requireUser(await requestAs("officer6"), context, { can: [...both] })).role).toBe("officer");
    const res = await thrown(requireUser(await requestAs("officer"), context, { can: [...both] }));
    expect(res.status).toBe(403);
  });

  it("scopes managers and trainers to their prison and lets admins see all", async () => {
    const manager = await requireUser(await requestAs("manager"), context);
    const admin = await requireUser(await requestAs("admin"), context);
    expect(establishmentScope(manager)).toBe(manager.establishmentId);
    expect(establishmentScope(admin)).toBeNull();
    expect(canSeeEstablishment(manager, manager.establishmentId)).toBe(true);
    expect(canSeeEstablishment(manager, (manager.establishmentId ?? 0) + 1)).toBe(false);
    expect(canSeeEstablishment(admin, 12345)).toBe(true);
  });

  it("refuses a POST from another site", async () => {
    const req = await requestAs("admin", "/admin/users/new", {
      method: "POST",
      headers: { Origin: "https://evil.example" },
    });
    expect((await thrown(requireUser(req, context))).status).toBe(403);
  });

  it("treats a deactivated user as signed out", async () => {
    const admin = await requireUser(await requestAs("admin"), context);
    const req = await requestAs("officer6");
    await setUserActive(db, admin, await userIdOf(db, "officer6"), false);
    expect((await thrown(requireUser(req, context))).status).toBe(302);
  });

  it("looks the user up once for all the loaders of a GET, and again after a POST's action", async () => {
    const { requestScope } = await import("~db/request-scope");
    const { getCurrentUser } = await import("~/auth/guard.server");
    const first = await requestAs("officer");
    // Remix hands each loader its own copy of the request.
    const copy = () => new Request(first.url, { method: first.method, headers: first.headers });
    const [a, b] = requestScope.run({ requestId: "get", method: "GET" }, () => [
      getCurrentUser(first, context),
      getCurrentUser(copy(), context),
    ]);
    expect(a).toBe(b);
    expect((await a)?.username).toBe("officer");
    const [c, d] = requestScope.run({ requestId: "post", method: "POST" }, () => [
      getCurrentUser(first, context),
      getCurrentUser(copy(), context),
    ]);
    expect(c).not.toBe(d);
    expect((await d)?.username).toBe("officer");
  });
});

describe("safeReturnPath", () => {
  it.each([
    ["/admin/users?x=1", "/admin/users?x=1"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["/ok\nLocation: x", "/"],
    [undefined, "/"],
  ])("%s -> %s", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
