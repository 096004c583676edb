import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { createDeviceCookies } from "~/auth/device-cookie.server";
import { ADDRESS_MAX_GUESSES, DEVICE_MAX_GUESSES, guessVerdict, MAX_GUESSES } from "~/auth/throttle";
import { currentUserOf, requestAs, testContext, testDatabase, userIdOf } from "../support/database";

const signInService = await import("~/auth/sign-in.server");
const { resetPassword, setUserActive } = await import("~/admin/users.server");
const { deactivateUsers } = await import("~db/queries/users.server");
const { DEMO_PASSWORD } = await import("~/seed/demo.server");
const passwordRoute = await import("~/routes/account.password");
const signInRoute = await import("~/routes/sign-in");

const db = await testDatabase();
const { sessions } = testContext(db);
const signIn = (attempt: { username: string; password: string; address: string }, now?: Date) =>
  signInService.signIn(
    db,
    attempt,
    (userId, hash, audit) =>
      sessions.startPasswordSession(new Request("http://localhost/sign-in"), userId, hash, audit),
    now,
  );

const minutes = (n: number) => n * 60_000;
const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

describe("guessVerdict", () => {
  const windowStartedAt = "2026-11-26T12:00:00.000Z";
  it("allows up to the limit and then refuses until the window ends", () => {
    expect(guessVerdict("username", { guesses: MAX_GUESSES, windowStartedAt })).toEqual({ allowed: true });
    expect(guessVerdict("username", { guesses: MAX_GUESSES + 1, windowStartedAt })).toEqual({
      allowed: false,
      until: new Date("2026-11-26T12:15:00.000Z"),
    });
    expect(guessVerdict("address", { guesses: ADDRESS_MAX_GUESSES, windowStartedAt })).toEqual({ allowed: true });
  });
});

const from = (address: string) => (username: string, password: string) => ({ username, password, address });
const office = from("10.0.0.1");

describe("signIn throttling against the database", () => {
  it("refuses even the right password after five wrong ones, then lets the user in when the lock ends", async () => {
    const start = new Date();
    for (let i = 0; i < MAX_GUESSES; i++) {
      const r = await signIn(office("Officer4", `wrong password ${i}`), at(start, i * 1000));
      expect(r).toMatchObject({ ok: false, reason: "wrong" });
    }
    const locked = await signIn(office("officer4", DEMO_PASSWORD), at(start, 10_000));
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    if (!locked.ok) expect(locked.message).toMatch(/Too many failed sign-in attempts for this username/);
    // Other usernames are unaffected.
    expect(await signIn(office("officer5", DEMO_PASSWORD), at(start, 10_000))).toMatchObject({ ok: true });
    // The lock runs 15 minutes from the fifth wrong guess.
    expect(await signIn(office("officer4", DEMO_PASSWORD), at(start, 4000 + minutes(15) - 1000))).toMatchObject({
      reason: "locked",
    });
    expect(await signIn(office("officer4", DEMO_PASSWORD), at(start, 4000 + minutes(15) + 1000))).toMatchObject({
      ok: true,
    });
  });

  it("gives a right guess back, so signing in often never locks anyone out", async () => {
    const start = new Date();
    for (let i = 0; i < MAX_GUESSES + 2; i++)
      expect(await signIn(office("officer6", DEMO_PASSWORD), at(start, i))).toMatchObject({ ok: true });
  });

  it("counts guesses for unknown usernames the same way, and audits refused attempts", async () => {
    for (let i = 0; i < MAX_GUESSES; i++) await signIn(office("nobody-here", "wrong password"));
    expect(await signIn(office("nobody-here", "wrong password"))).toMatchObject({ ok: false, reason: "locked" });
    const refused = await db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "sign_in.refused")
      .execute();
    expect(refused.map((r) => JSON.parse(r.details!))).toContainEqual(
      expect.objectContaining({ username: "nobody-here", limit: "username" }),
    );
  });

  it("limits one client address across usernames without locking those usernames for others", async () => {
    const attacker = from("203.0.113.9");
    const start = new Date();
    // Every request counts against the address, even those refused for a locked username.
    for (let i = 0; i < ADDRESS_MAX_GUESSES; i++) {
      const r = await signIn(attacker("victim", "wrong password"), at(start, i));
      expect(r).toMatchObject({ reason: i < MAX_GUESSES ? "wrong" : "locked" });
    }
    const refused = await signIn(attacker("trainer", DEMO_PASSWORD), at(start, 100));
    expect(refused).toMatchObject({ ok: false, reason: "locked" });
    if (!refused.ok) expect(refused.message).toMatch(/from your network/);
    // The same username from another address is fine: the address limit spent none of its guesses.
    expect(await signIn(office("trainer", DEMO_PASSWORD), at(start, 100))).toMatchObject({ ok: true });
  });
});

// A database of its own: these tests lock the demo usernames the tests above use.
const deviceDb = await testDatabase();

const DEVICE = "engage_device=";
/** The first cookie of a Set-Cookie list that `starts`, as a browser would send it back ("" for none). */
const cookieFrom = (response: Response, starts: (cookie: string) => boolean) =>
  response.headers.getSetCookie().find(starts)?.split(";")[0] ?? "";

/** Posts the sign-in form from `address` by a browser carrying `cookie`: refused, or signed in (its new cookies). */
const signInFormOf =
  (context: AppLoadContext) =>
  async (address: string, username: string, password: string, cookie = "") => {
    const request = new Request("http://localhost/sign-in", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      body: new URLSearchParams({ username, password }),
    });
    try {
      const answer = (await signInRoute.action({
        request,
        params: {},
        context: { ...context, clientAddress: address },
      })) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
      return { status: answer.init.status, error: answer.data.errors.username, device: "", session: "" };
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      const device = cookieFrom(thrown, (c) => c.startsWith(DEVICE));
      return { status: thrown.status, error: "", device, session: cookieFrom(thrown, (c) => !c.startsWith(DEVICE)) };
    }
  };

/** Posts the change-password form with `cookie`: its errors, or the device cookie a change gives this browser. */
const changePasswordOf =
  (context: AppLoadContext) =>
  async (cookie: string, currentPassword: string, newPassword = "my own choice of words for the landing") => {
    const request = new Request("http://localhost/account/password", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      body: new URLSearchParams({ currentPassword, newPassword, confirmPassword: newPassword }),
    });
    const answer = (await passwordRoute.action({ request, params: {}, context })) as unknown as
      Response | { data: { errors: Record<string, string> }; init: { status: number } };
    return answer instanceof Response
      ? { status: answer.status, errors: {}, device: cookieFrom(answer, (c) => c.startsWith(DEVICE)) }
      : { status: answer.init.status, errors: answer.data.errors, device: "" };
  };

describe("device cookies: a browser someone signed in on with their password", () => {
  const context = testContext(deviceDb);
  const post = signInFormOf(context);

  const lockedFor = (why: RegExp) => ({ status: 429, error: expect.stringMatching(why) as unknown });
  const WRONG = { status: 400, error: expect.stringMatching(/^The username or password is not right/) as unknown };
  const SIGNED_IN = { status: 302 };

  async function deviceCookieOf(username: string) {
    const signedIn = await post("192.0.2.1", username, DEMO_PASSWORD);
    expect(signedIn.device).toMatch(/^engage_device=/);
    return signedIn.device;
  }
  async function lockUsername(username: string) {
    for (let i = 0; i < MAX_GUESSES; i++) expect(await post("192.0.2.2", username, `wrong ${i}`)).toMatchObject(WRONG);
    expect(await post("192.0.2.2", username, DEMO_PASSWORD)).toMatchObject(lockedFor(/for this username/));
  }

  it("is issued on signing in with a password: HttpOnly, SameSite=Lax, for a year, Secure over https", async () => {
    const signedIn = await post("192.0.2.1", "officer", DEMO_PASSWORD);
    expect(signedIn.status).toBe(302);
    const cookies = context.sessions.deviceCookies;
    const issued = await cookies.issue(new Request("https://engage.example/sign-in"), "officer", 1);
    expect(issued).toMatch(/; Max-Age=31536000; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(await cookies.issue(new Request("http://localhost/sign-in"), "officer", 1)).not.toMatch(/Secure/);
    expect(await cookies.read(new Request("http://x/", { headers: { Cookie: issued.split(";")[0] } }))).toMatchObject({
      username: "officer",
    });
  });

  it("still lets its username sign in with the right password while their network is locked", async () => {
    const device = await deviceCookieOf("officer");
    const network = "198.51.100.7";
    for (let i = 0; i < ADDRESS_MAX_GUESSES; i++)
      await signInService.signIn(deviceDb, from(network)("nobody", "wrong"), () => Promise.resolve(null));
    expect(await post(network, "officer", DEMO_PASSWORD)).toMatchObject(lockedFor(/from your network/));
    expect(await post(network, "officer2", DEMO_PASSWORD, device)).toMatchObject(lockedFor(/from your network/));
    const passed = await post(network, "OFFICER", DEMO_PASSWORD, device);
    expect(passed).toMatchObject(SIGNED_IN);
    // Signing in again gives a new device cookie.
    expect(passed.device).toMatch(/^engage_device=/);
    expect(passed.device).not.toBe(device);
  });

  it("still lets its username in while others' wrong guesses lock the username, and its own wrong guesses do not count", async () => {
    const device = await deviceCookieOf("officer2");
    await lockUsername("officer2");
    expect(await post("192.0.2.3", "officer2", "wrong again", device)).toMatchObject(WRONG);
    expect(await post("192.0.2.3", "officer2", DEMO_PASSWORD, device)).toMatchObject(SIGNED_IN);
    // Without the cookie the username is still locked, as before.
    expect(await post("192.0.2.3", "officer2", DEMO_PASSWORD)).toMatchObject(lockedFor(/for this username/));

    // A device cookie's wrong guesses leave the username's limit for everyone else untouched.
    const own = await deviceCookieOf("officer3");
    for (let i = 0; i < DEVICE_MAX_GUESSES; i++)
      expect(await post("192.0.2.4", "officer3", `wrong ${i}`, own)).toMatchObject(WRONG);
    expect(await post("192.0.2.5", "officer3", DEMO_PASSWORD)).toMatchObject(SIGNED_IN);
  });

  it("gives no way past a lock when forged, altered, or naming another username", async () => {
    const genuine = await deviceCookieOf("officer4");
    const otherUsernames = await deviceCookieOf("officer5");
    await lockUsername("officer4");
    await lockUsername("officer5");
    // The username changed inside a genuine cookie, keeping its signature.
    const [value, signature] = decodeURIComponent(genuine.slice(DEVICE.length)).split(".");
    const said = JSON.parse(atob(value)) as { nonce: string; username: string };
    const altered = `${DEVICE}${encodeURIComponent(`${btoa(JSON.stringify({ ...said, username: "officer5" }))}.${signature}`)}`;
    const forged = (
      await createDeviceCookies("not the secret", () => false).issue(new Request("http://x/"), "officer4", 1)
    ).split(";")[0];
    const unsigned = `${DEVICE}${encodeURIComponent(btoa(JSON.stringify({ ...said, username: "officer4" })))}`;
    for (const cookie of [forged, unsigned, otherUsernames])
      expect(await post("192.0.2.6", "officer4", DEMO_PASSWORD, cookie)).toMatchObject(lockedFor(/for this username/));
    expect(await post("192.0.2.6", "officer5", DEMO_PASSWORD, altered)).toMatchObject(lockedFor(/for this username/));
    // The genuine one still works.
    expect(await post("192.0.2.6", "officer4", DEMO_PASSWORD, genuine)).toMatchObject(SIGNED_IN);
  });

  it("locks after its own wrong guesses, and then the username's lock applies to it too; audited", async () => {
    const device = await deviceCookieOf("officer6");
    await lockUsername("officer6");
    for (let i = 0; i < DEVICE_MAX_GUESSES; i++)
      expect(await post("192.0.2.7", "officer6", `wrong ${i}`, device)).toMatchObject(WRONG);
    expect(await post("192.0.2.7", "officer6", DEMO_PASSWORD, device)).toMatchObject(lockedFor(/for this username/));
    const audit = await deviceDb
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("subject_user_id", "=", await userIdOf(deviceDb, "officer6"))
      .where("action", "like", "sign_in.%")
      .orderBy("id")
      .execute();
    expect(audit.slice(-2).map((a) => [a.action, JSON.parse(a.details!)])).toEqual([
      ["sign_in.failed", { username: "officer6", deviceCookie: "used" }],
      ["sign_in.refused", expect.objectContaining({ limit: "username", deviceCookie: "locked" })],
    ]);
  });
});

describe("the change-password form spends the username's guesses", () => {
  const context = testContext(db);
  const change = changePasswordOf(context);

  it("refuses even the right current password after five wrong ones, and audits each", async () => {
    const cookie = (await requestAs(context, "manager")).headers.get("Cookie")!;
    for (let i = 0; i < MAX_GUESSES; i++)
      expect(await change(cookie, `wrong password ${i}`)).toMatchObject({
        status: 400,
        errors: { currentPassword: "Your current password is not right" },
      });
    const locked = await change(cookie, DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.errors.currentPassword).toMatch(
      /^Too many wrong passwords for your username\. Wait 15 minutes and try again, or ask an administrator/,
    );
    // The same limit as the sign-in form's: the username is locked there too, and the password is unchanged.
    expect(await signIn(office("manager", DEMO_PASSWORD))).toMatchObject({ ok: false, reason: "locked" });
    const audit = await db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_user_id", "=", await userIdOf(db, "manager"))
      .where("action", "like", "user.password%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      ...Array<string>(MAX_GUESSES).fill("user.password_change_failed"),
      "user.password_change_refused",
    ]);
  });

  it("gives a right current password back", async () => {
    const cookie = (await requestAs(context, "officer3")).headers.get("Cookie")!;
    for (let i = 0; i < MAX_GUESSES + 2; i++)
      expect(await change(cookie, DEMO_PASSWORD, DEMO_PASSWORD)).toMatchObject({
        status: 400,
        errors: { newPassword: "Choose a password different from your current one" },
      });
  });
});

// A database of its own: these tests reset, change and deactivate the demo sign-ins.
const withdrawnDb = await testDatabase();

// Each test checks a dozen or more passwords with scrypt: room for a busy machine.
describe(
  "device cookies after a password reset or change, or a deactivation, and on the change-password form",
  { timeout: 60_000 },
  () => {
    const context = testContext(withdrawnDb);
    const post = signInFormOf(context);
    const change = changePasswordOf(context);
    const NEW_PASSWORD = "a quiet word on the landing at teatime";
    const LOCKED = { status: 429, error: expect.stringMatching(/for this username/) as unknown };
    const SIGNED_IN = { status: 302 };

    async function signedInOn(username: string, password = DEMO_PASSWORD) {
      const signedIn = await post("192.0.2.1", username, password);
      expect(signedIn).toMatchObject({ status: 302, device: expect.stringMatching(/^engage_device=/) as unknown });
      return { ...signedIn, both: `${signedIn.session}; ${signedIn.device}` };
    }
    /** Someone else's wrong guesses lock the username. */
    async function lockUsername(username: string) {
      for (let i = 0; i < MAX_GUESSES; i++) await post("192.0.2.2", username, `wrong ${i}`);
    }
    const asAdmin = () => currentUserOf(context, "admin");

    it("an administrator's password reset withdraws every device cookie issued before it", async () => {
      const before = await signedInOn("officer");
      expect(
        await resetPassword(withdrawnDb, await asAdmin(), await userIdOf(withdrawnDb, "officer"), NEW_PASSWORD),
      ).toEqual({
        ok: true,
      });
      const after = await signedInOn("officer", NEW_PASSWORD);
      await lockUsername("officer");
      expect(await post("192.0.2.3", "officer", NEW_PASSWORD, before.device)).toMatchObject(LOCKED);
      expect(await post("192.0.2.3", "officer", NEW_PASSWORD, after.device)).toMatchObject(SIGNED_IN);
    });

    it("changing your own password withdraws them too, and the browser you changed it on is known again", async () => {
      const changedOn = await signedInOn("officer2");
      const elsewhere = await signedInOn("officer2");
      const changed = await change(changedOn.both, DEMO_PASSWORD, NEW_PASSWORD);
      expect(changed).toMatchObject({ status: 302, device: expect.stringMatching(/^engage_device=/) as unknown });
      await lockUsername("officer2");
      for (const before of [changedOn.device, elsewhere.device])
        expect(await post("192.0.2.3", "officer2", NEW_PASSWORD, before)).toMatchObject(LOCKED);
      expect(await post("192.0.2.3", "officer2", NEW_PASSWORD, changed.device)).toMatchObject(SIGNED_IN);
    });

    it("deactivating the account, by an administrator or a staff file, withdraws them, even once it is active again", async () => {
      const admin = await asAdmin();
      const byAdmin = await signedInOn("officer3");
      const byFile = await signedInOn("officer4");
      const [officer3, officer4] = [await userIdOf(withdrawnDb, "officer3"), await userIdOf(withdrawnDb, "officer4")];
      expect(await setUserActive(withdrawnDb, admin, officer3, false)).toEqual({ ok: true });
      await withdrawnDb.transaction().execute((trx) => deactivateUsers(trx, [officer4]));
      for (const id of [officer3, officer4])
        expect(await setUserActive(withdrawnDb, admin, id, true)).toEqual({ ok: true });
      for (const [username, before] of [
        ["officer3", byAdmin.device],
        ["officer4", byFile.device],
      ]) {
        await lockUsername(username);
        expect(await post("192.0.2.3", username, DEMO_PASSWORD, before)).toMatchObject(LOCKED);
      }
    });

    it("lets you change your password on your own browser while others' wrong guesses lock your username", async () => {
      const browser = await signedInOn("officer5");
      await lockUsername("officer5");
      expect(await change(browser.session, DEMO_PASSWORD)).toMatchObject({ status: 429 });
      expect(await change(browser.both, DEMO_PASSWORD, NEW_PASSWORD)).toMatchObject({ status: 302 });
    });

    it("spends the device cookie's own guesses on wrong current passwords, shared with the sign-in form, not the username's", async () => {
      const browser = await signedInOn("officer6");
      for (let i = 0; i < DEVICE_MAX_GUESSES; i++)
        expect(await change(browser.both, `wrong ${i}`)).toMatchObject({
          status: 400,
          errors: { currentPassword: "Your current password is not right" },
        });
      // The username's guesses are untouched: signing in anywhere else still works.
      expect(await post("192.0.2.4", "officer6", DEMO_PASSWORD)).toMatchObject(SIGNED_IN);
      // The cookie is over its limit on both forms: the username's guesses are spent now, as on any browser.
      expect(await change(browser.both, "wrong again")).toMatchObject({ status: 400 });
      expect(await post("192.0.2.4", "officer6", "wrong once more", browser.device)).toMatchObject({ status: 400 });
      const audit = await withdrawnDb
        .selectFrom("audit_events")
        .select(["action", "details"])
        .where("subject_user_id", "=", await userIdOf(withdrawnDb, "officer6"))
        .where((eb) => eb.or([eb("action", "like", "user.password%"), eb("action", "=", "sign_in.failed")]))
        .orderBy("id")
        .execute();
      expect(
        audit.map((a) => [a.action, a.details && (JSON.parse(a.details) as { deviceCookie?: string }).deviceCookie]),
      ).toEqual([
        ...Array<[string, string]>(DEVICE_MAX_GUESSES).fill(["user.password_change_failed", "used"]),
        ["user.password_change_failed", "locked"],
        ["sign_in.failed", "locked"],
      ]);
    });
  },
);
