// Single sign-on against a real OpenID Provider (oidc-provider) on loopback: the authorization
// code flow with PKCE, state and nonce, claims to users, and every refusal changing nothing.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig, testContext, testDatabase } from "../support/database";
import { cookieOf, responseOf, signInAtProvider, startSignIn } from "../support/oidc-flow";
import { freePort } from "../support/ports";
import { startTestProvider, TEST_CLIENT, type TestProvider } from "../support/oidc-provider";

const start = await import("~/routes/auth.oidc._index");
const callback = await import("~/routes/auth.oidc.callback");
const signOut = await import("~/routes/sign-out");
const signInPage = await import("~/routes/sign-in");
const { DEMO_PASSWORD } = await import("~/seed/demo.server");

const db = await testDatabase();
let provider: TestProvider;
let context: ReturnType<typeof testContext>;

beforeAll(async () => {
  provider = await startTestProvider({ port: await freePort(), engageUrl: "http://localhost" });
  context = testContext(
    db,
    testConfig({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: TEST_CLIENT.id,
      OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
      OIDC_ROLE_MAP: "ROLE_ENGAGE_MANAGER=manager,ROLE_ENGAGE_TRAINER=trainer",
      ENGAGE_URL: "http://localhost",
    }),
  );
});
afterAll(() => provider.close());

const users = async () =>
  Number((await db.selectFrom("users").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const userNamed = (username: string) =>
  db.selectFrom("users").selectAll().where("username_key", "=", username.toLowerCase()).executeTakeFirst();

async function complete(callbackUrl: string, cookie: string) {
  return responseOf(() =>
    callback.loader({ request: new Request(callbackUrl, { headers: { Cookie: cookie } }), params: {}, context }),
  );
}

async function signInAs(login: string, returnTo = "/") {
  const started = await startSignIn(start.loader, context, returnTo);
  const url = await signInAtProvider(started.location, login, "http://localhost");
  return { started, url, response: await complete(url, started.cookie) };
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
