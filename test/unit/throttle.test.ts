import { describe, expect, it } from "vitest";
import { ADDRESS_MAX_GUESSES, guessVerdict, MAX_GUESSES } from "~/auth/throttle";
import { requestAs, testContext, testDatabase, userIdOf } from "../support/database";

const signInService = await import("~/auth/sign-in.server");
const { DEMO_PASSWORD } = await import("~/seed/demo.server");
const passwordRoute = await import("~/routes/account.password");

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

describe("the change-password form spends the username's guesses", () => {
  const context = testContext(db);
  const NEW_PASSWORD = "my own choice of words for the landing";

  async function change(cookie: string, currentPassword: string, newPassword = NEW_PASSWORD) {
    const request = new Request("http://localhost/account/password", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      body: new URLSearchParams({ currentPassword, newPassword, confirmPassword: newPassword }),
    });
    const answer = (await passwordRoute.action({ request, params: {}, context })) as unknown as
      Response | { data: { errors: Record<string, string> }; init: { status: number } };
    return answer instanceof Response
      ? { status: answer.status, errors: {} }
      : { status: answer.init.status, errors: answer.data.errors };
  }

  it("refuses even the right current password after five wrong ones, and audits each", async () => {
    const cookie = (await requestAs(context, "manager")).headers.get("Cookie")!;
    for (let i = 0; i < MAX_GUESSES; i++)
      expect(await change(cookie, `wrong password ${i}`)).toEqual({
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
      expect(await change(cookie, DEMO_PASSWORD, DEMO_PASSWORD)).toEqual({
        status: 400,
        errors: { newPassword: "Choose a password different from your current one" },
      });
  });
});
