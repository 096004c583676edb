// Single sign-on against a real OpenID Provider (oidc-provider) on loopback: the authorization
// code flow with PKCE, state and nonce, claims to users, and every refusal changing nothing.
import type { AppLoadContext } from "@remix-run/node";
import type { Kysely } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~db/schema";
import {
  anotherInstance,
  currentUserNamed,
  TEST_ENGINE,
  testConfig,
  testContext,
  testDatabase,
} from "../support/database";
import { holdUsers } from "../support/locks";
import { cookieOf, responseOf, signInAtProvider, startSignIn } from "../support/oidc-flow";
import { freePort } from "../support/ports";
import { startTestProvider, TEST_CLIENT, type TestProvider } from "../support/oidc-provider";

const start = await import("~/routes/auth.oidc._index");
const callback = await import("~/routes/auth.oidc.callback");
const signOut = await import("~/routes/sign-out");
const signInPage = await import("~/routes/sign-in");
const { DEMO_PASSWORD } = await import("~/seed/demo.server");

const { setUserActive } = await import("~/admin/users.server");

const db = await testDatabase();
let provider: TestProvider;
let context: ReturnType<typeof testContext>;

/** Engage over `database`, signing in through the test provider. */
const engageOver = (database: Kysely<Database>) =>
  testContext(
    database,
    testConfig({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: TEST_CLIENT.id,
      OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
      OIDC_ROLE_MAP: "ROLE_ENGAGE_MANAGER=manager,ROLE_ENGAGE_TRAINER=trainer",
      ENGAGE_URL: "http://localhost",
    }),
  );

beforeAll(async () => {
  provider = await startTestProvider({ port: await freePort(), engageUrl: "http://localhost" });
  context = engageOver(db);
});
afterAll(() => provider.close());

const users = async () =>
  Number((await db.selectFrom("users").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const userNamed = (username: string) =>
  db.selectFrom("users").selectAll().where("username_key", "=", username.toLowerCase()).executeTakeFirst();

async function complete(callbackUrl: string, cookie: string, engage: AppLoadContext = context) {
  return responseOf(() =>
    callback.loader({
      request: new Request(callbackUrl, { headers: { Cookie: cookie } }),
      params: {},
      context: engage,
    }),
  );
}

/** Signs in at the provider; `finish` hands the browser back to Engage (to be done later, in a race). */
async function atProvider(login: string, engage: AppLoadContext = context, returnTo = "/") {
  const started = await startSignIn(start.loader, engage, returnTo);
  const url = await signInAtProvider(started.location, login, "http://localhost");
  return { started, url, finish: () => complete(url, started.cookie, engage) };
}

async function signInAs(login: string, returnTo = "/", engage: AppLoadContext = context) {
  const { started, url, finish } = await atProvider(login, engage, returnTo);
  return { started, url, response: await finish() };
}

describe("single sign-on with OpenID Connect", () => {
  it("sends people to the provider with PKCE (S256), state and nonce", async () => {
    const { location } = await startSignIn(start.loader, context);
    const url = new URL(location);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("redirect_uri")).toBe("http://localhost/auth/oidc/callback");
  });

  it("creates a new officer on first sign-in (audited), who then chooses their wing", async () => {
    const before = await users();
    const { response } = await signInAs("sso.officer", "/record");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/account/wing?returnTo=%2Frecord");
    expect(await users()).toBe(before + 1);
    const user = await userNamed("sso.officer");
    expect(user).toMatchObject({
      display_name: "Rhiannon Pryce",
      email: "rhiannon.pryce@justice.example",
      role: "officer",
      unit_id: null,
      oidc_subject: "subject-sso.officer",
      password_hash: "none",
    });
    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("subject_user_id", "=", user!.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["user.created", "sign_in.succeeded"]);
    // The new session is theirs.
    const session = await context.sessions.getSession(
      new Request("http://localhost/", { headers: { Cookie: cookieOf(response) } }),
    );
    expect(session.get("userId")).toBe(user!.id);
    expect(session.get("idToken")).toMatch(/^ey/);
  });

  it("gives a manager their role from a mapped claim, and updates a changed name on a later sign-in", async () => {
    const { response } = await signInAs("sso.manager");
    expect(response.headers.get("location")).toBe("/");
    expect(await userNamed("sso.manager")).toMatchObject({ role: "manager", display_name: "Marcus Adeyemi" });

    provider.accounts.set("sso.manager", {
      ...provider.accounts.get("sso.manager"),
      name: "Marcus Adeyemi-Cole",
      roles: [],
    });
    await signInAs("sso.manager");
    const after = await userNamed("sso.manager");
    expect(after).toMatchObject({ role: "officer", display_name: "Marcus Adeyemi-Cole" });
    const changed = await db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "user.updated_from_sign_in")
      .where("subject_user_id", "=", after!.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(changed.details!)).toMatchObject({ changes: ["name", "role"], from: "manager", to: "officer" });
  });

  it("signs in but does not copy an email address another user has; a warning names the user by id only", async () => {
    await db
      .updateTable("users")
      .set({ email: "Sam.Okafor@justice.example" })
      .where("username_key", "=", "officer")
      .execute();
    provider.accounts.set("sso.same.email", {
      name: "Sam Sameaddress",
      email: "sam.okafor@JUSTICE.example",
      prison: "HBK",
    });
    const lines: string[] = [];
    const logged = { ...context, log: pino({ level: "info" }, { write: (line: string) => lines.push(line) }) };
    const started = await startSignIn(start.loader, logged);
    const url = await signInAtProvider(started.location, "sso.same.email", "http://localhost");
    const response = await responseOf(() =>
      callback.loader({
        request: new Request(url, { headers: { Cookie: started.cookie } }),
        params: {},
        context: logged,
      }),
    );
    expect(response.status).toBe(302);
    const user = await userNamed("sso.same.email");
    expect(user).toMatchObject({ display_name: "Sam Sameaddress", email: null });
    expect((await userNamed("officer"))?.email).toBe("Sam.Okafor@justice.example");
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 40);
    expect(warnings).toEqual([expect.objectContaining({ userId: user!.id })]);
    expect(lines.join("\n")).not.toMatch(/sam\.okafor@/i);

    // A later sign-in with the address again leaves the officer's alone, and changes nothing else.
    await signInAs("sso.same.email");
    expect((await userNamed("sso.same.email"))?.email).toBeNull();
    expect((await userNamed("officer"))?.email).toBe("Sam.Okafor@justice.example");
  });

  it("refuses an unknown prison with a page naming it, and creates nobody", async () => {
    const before = await users();
    const { response } = await signInAs("sso.stranger");
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("the prison with code ZZZ, which is not set up in Engage");
    expect(await users()).toBe(before);
    expect(response.headers.get("Set-Cookie")).not.toBeNull(); // the pending sign-in is used up
  });

  it("refuses a tampered state, and creates nobody", async () => {
    provider.accounts.set("tamper.test", { name: "Tam Per", prison: "HBK" });
    const before = await users();
    const started = await startSignIn(start.loader, context);
    const url = new URL(await signInAtProvider(started.location, "tamper.test", "http://localhost"));
    url.searchParams.set("state", "forged-state");
    const response = await complete(url.href, started.cookie);
    expect(response.status).toBe(400);
    expect(await userNamed("tamper.test")).toBeUndefined();
    expect(await users()).toBe(before);
  });

  it("refuses a replayed code: the same callback twice, and an old code under a new sign-in's state", async () => {
    provider.accounts.set("replay.test", { name: "Re Play", prison: "HBK" });
    const first = await signInAs("replay.test");
    expect(first.response.status).toBe(302);
    // The same callback again, with the same cookie: nothing left to complete.
    expect((await complete(first.url, first.started.cookie)).status).toBe(400);
    // A new sign-in, whose state an attacker pairs with the used code: the provider refuses it.
    const second = await startSignIn(start.loader, context);
    const replay = new URL(first.url);
    replay.searchParams.set("state", new URL(second.location).searchParams.get("state")!);
    const response = await complete(replay.href, second.cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("could not be completed");
  });

  it("refuses a callback with no sign-in started, and one the provider reports as cancelled", async () => {
    expect((await complete("http://localhost/auth/oidc/callback?code=abc&state=def", "")).status).toBe(400);
    const started = await startSignIn(start.loader, context);
    const state = new URL(started.location).searchParams.get("state")!;
    const cancelled = `http://localhost/auth/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(provider.issuer)}`;
    const response = await complete(cancelled, started.cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("cancelled or refused");
  });

  it("signs out of Engage and through the provider's end-session endpoint", async () => {
    const { response } = await signInAs("sso.officer");
    const cookie = cookieOf(response);
    const out = await responseOf(() =>
      signOut.action({
        request: new Request("http://localhost/sign-out", {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: "",
        }),
        params: {},
        context,
      }),
    );
    const location = new URL(out.headers.get("location")!);
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get("post_logout_redirect_uri")).toBe("http://localhost/sign-in");
    expect(location.searchParams.get("id_token_hint")).toMatch(/^ey/);
    const session = await context.sessions.getSession(
      new Request("http://localhost/", { headers: { Cookie: cookie } }),
    );
    expect(session.get("userId")).toBeUndefined();
  });

  it("with PASSWORD_SIGN_IN=false, only administrators sign in with a password; the page says so", async () => {
    const ssoOnly = testContext(
      db,
      testConfig({
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: TEST_CLIENT.id,
        OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
        ENGAGE_URL: "http://localhost",
        PASSWORD_SIGN_IN: "false",
        ENGAGE_DEMO: "false", // the embedded demo keeps its passwords
      }),
    );
    const page = await signInPage.loader({
      request: new Request("http://localhost/sign-in"),
      params: {},
      context: ssoOnly,
    });
    expect(page).toMatchObject({ sso: true, passwordsForAll: false });
    const post = (username: string) =>
      responseOf(() =>
        signInPage.action({
          request: new Request("http://localhost/sign-in", {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
          }),
          params: {},
          context: ssoOnly,
        }),
      );
    const officer = await post("officer3");
    expect(officer.status).toBe(403);
    expect(JSON.stringify(await officer.json())).toContain("Sign in with your work account");
    expect(officer.headers.get("set-cookie")).toBeNull();
    const admin = await post("admin");
    expect(admin.status).toBe(302);
    expect(admin.headers.get("set-cookie")).toMatch(/./);
  });
});

describe(`single sign-on and the last active administrator (${TEST_ENGINE})`, () => {
  const ADMIN = { roles: ["admin"] };
  const MANAGER = { roles: ["ROLE_ENGAGE_MANAGER"], prison: "HBK" };

  /** A demo Engage whose active administrators are the demo's own and two who sign in with work accounts. */
  async function estate() {
    const database = await testDatabase();
    const engage = engageOver(database);
    provider.accounts.set("sol.admin", { name: "Sol Admin", ...ADMIN });
    provider.accounts.set("tam.admin", { name: "Tam Admin", ...ADMIN });
    for (const login of ["sol.admin", "tam.admin"])
      expect((await signInAs(login, "/", engage)).response.status).toBe(302);
    const idOf = async (username: string) =>
      (await database.selectFrom("users").select("id").where("username_key", "=", username).executeTakeFirstOrThrow())
        .id;
    const [local, sol, tam] = [await idOf("admin"), await idOf("sol.admin"), await idOf("tam.admin")];
    const state = async (id: number) =>
      database.selectFrom("users").select(["role", "active"]).where("id", "=", id).executeTakeFirstOrThrow();
    const activeAdmins = async () =>
      Number(
        (
          await database
            .selectFrom("users")
            .select(database.fn.countAll().as("n"))
            .where("role", "=", "admin")
            .where("active", "=", true)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const auditOf = async (id: number) =>
      (
        await database
          .selectFrom("audit_events")
          .select(["action", "details"])
          .where("subject_user_id", "=", id)
          .orderBy("id")
          .execute()
      ).map((a) => ({ action: a.action, details: a.details && (JSON.parse(a.details) as unknown) }));
    return { database, engage, local, sol, tam, state, activeAdmins, auditOf };
  }

  it("keeps the only active administrator one when their work account no longer says so: signed in, warned, audited", async () => {
    const { database, engage, local, sol, tam, state, activeAdmins, auditOf } = await estate();
    await database.updateTable("users").set({ active: false }).where("id", "in", [local, tam]).execute();
    provider.accounts.set("sol.admin", { name: "Sol Adminson", ...MANAGER });
    const lines: string[] = [];
    const logged = { ...engage, log: pino({ level: "info" }, { write: (line: string) => lines.push(line) }) };

    const { response } = await signInAs("sol.admin", "/", logged);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    // Told on the first page, once: why their access is not their work account's, and how that ends.
    const first = await engage.sessions.getSession(
      new Request("http://localhost/", { headers: { Cookie: response.headers.get("Set-Cookie")!.split(";")[0] } }),
    );
    expect(first.get("important")).toMatch(
      /^Your work account no longer makes you an administrator, but you are Engage's only active administrator/,
    );
    // Still the administrator; the rest of the work account (name, prison) is taken as usual.
    expect(await state(sol)).toEqual({ role: "admin", active: true });
    expect(await database.selectFrom("users").select("display_name").where("id", "=", sol).executeTakeFirst()).toEqual({
      display_name: "Sol Adminson",
    });
    expect(await activeAdmins()).toBe(1);
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 40);
    expect(warnings).toEqual([expect.objectContaining({ userId: sol })]);
    expect((await auditOf(sol)).slice(-3)).toEqual([
      { action: "user.updated_from_sign_in", details: { changes: ["name", "prison"] } },
      { action: "user.kept_administrator", details: { claimed: "manager" } },
      { action: "sign_in.succeeded", details: { method: "single sign-on" } },
    ]);

    // Once there is another administrator, the work account's role applies at the next sign-in.
    await database.updateTable("users").set({ active: true }).where("id", "=", local).execute();
    const again = (await signInAs("sol.admin", "/", engage)).response;
    expect(again.status).toBe(302);
    expect(await state(sol)).toEqual({ role: "manager", active: true });
    const next = await engage.sessions.getSession(
      new Request("http://localhost/", { headers: { Cookie: again.headers.get("Set-Cookie")!.split(";")[0] } }),
    );
    expect(next.get("important")).toBeUndefined();
  });

  it("still takes away the access of an administrator who is not the last", async () => {
    const { engage, sol, state, activeAdmins } = await estate();
    provider.accounts.set("sol.admin", { name: "Sol Admin", ...MANAGER });
    expect((await signInAs("sol.admin", "/", engage)).response.status).toBe(302);
    expect(await state(sol)).toEqual({ role: "manager", active: true });
    expect(await activeAdmins()).toBe(2);
  });

  describe.runIf(TEST_ENGINE === "postgres")("at the same moment as another change, on PostgreSQL", () => {
    it("two administrators whose work accounts lose it, signing in at once: the second stays one", async () => {
      const { database, engage, local, sol, tam, state, activeAdmins } = await estate();
      await database.updateTable("users").set({ active: false }).where("id", "=", local).execute();
      provider.accounts.set("sol.admin", { name: "Sol Admin", ...MANAGER });
      provider.accounts.set("tam.admin", { name: "Tam Admin", ...MANAGER });
      const solSignsIn = await atProvider("sol.admin", engage);
      const tamSignsIn = await atProvider("tam.admin", engageOver(anotherInstance(database)));
      const held = await holdUsers(database, [sol, tam]);
      const first = await held.start(solSignsIn.finish);
      const second = await held.start(tamSignsIn.finish);
      await held.release();

      expect([(await first.result).status, (await second.result).status]).toEqual([302, 302]);
      expect([await state(sol), await state(tam)]).toEqual([
        { role: "manager", active: true },
        { role: "admin", active: true },
      ]);
      expect(await activeAdmins()).toBe(1);
    });

    it("an administrator deactivating the other while their own sign-in takes their access away", async () => {
      const { database, engage, local, sol, tam, state, activeAdmins } = await estate();
      await database.updateTable("users").set({ active: false }).where("id", "=", tam).execute();
      const solAtTheirDesk = await currentUserNamed(engage, "sol.admin");
      provider.accounts.set("sol.admin", { name: "Sol Admin", ...MANAGER });
      const solSignsIn = await atProvider("sol.admin", engageOver(anotherInstance(database)));
      const held = await holdUsers(database, [local, sol]);
      const deactivation = await held.start(() => setUserActive(database, solAtTheirDesk, local, false));
      const signIn = await held.start(solSignsIn.finish);
      await held.release();

      expect(await deactivation.result).toEqual({ ok: true });
      expect((await signIn.result).status).toBe(302);
      expect([await state(local), await state(sol)]).toEqual([
        { role: "admin", active: false },
        { role: "admin", active: true },
      ]);
      expect(await activeAdmins()).toBe(1);
    });
  });
});
