import { describe, expect, it } from "vitest";
import { passwordProblem } from "~/auth/password-policy.server";

const jan = { username: "jan.smith", displayName: "Jan Smith", prisonName: "HMP Berwyn" };

describe("new passwords (NCSC guidance: a deny-list, no composition rules)", () => {
  it.each([
    ["aaaaaaaaaaaa", /repeat/],
    ["passwordpassword", /repeat/],
    ["Password1234!", /common passwords/],
    ["qwertyuiopasdf", /common passwords|run of/],
    ["123456789012", /common passwords|run of/],
    ["engageengage", /based on your username|repeat/],
    ["Engage2026!!", /based on your username, your name, your prison or the name of this service/],
    ["jan.smith.1985", /based on your username/],
    ["BerwynBerwyn", /based on your username|repeat/],
    ["Summer2024Summer", /too easy to guess|repeat/],
  ])("refuses %s", (password, message) => {
    expect(passwordProblem(password, jan)).toMatch(message);
  });

  it.each([
    "correct horse battery staple",
    "kettle biscuit landing",
    "seagull-toast-ladder",
    "mittens and cardigan",
    "long enough password", // used by other tests
    "a long enough password",
    "first password here",
    "second password here",
  ])("accepts %s (no digits or symbols needed)", (password) => {
    expect(passwordProblem(password, jan)).toBeNull();
  });
});

describe("every place a password is set applies the rules", async () => {
  const { testContext, testDatabase, requestAs, userIdOf } = await import("../support/database");
  const { createUserAccount, resetPassword } = await import("~/admin/users.server");
  const { changeOwnPassword } = await import("~/auth/change-password.server");
  const { requireUser } = await import("~/auth/guard.server");
  const db = await testDatabase();
  const context = testContext(db);

  it("creating a user, an admin's reset and changing one's own", async () => {
    const admin = await requireUser(await requestAs(context, "admin"), context);
    const officer = await requireUser(await requestAs(context, "officer2"), context);
    const before = await db.selectFrom("users").select(["id", "password_hash"]).orderBy("id").execute();
    const created = await createUserAccount(db, admin, {
      username: "new.person",
      displayName: "New Person",
      password: "new.person2026",
      role: "admin",
      establishmentId: null,
      unitId: null,
    });
    expect(created).toMatchObject({ ok: false, errors: { password: expect.stringMatching(/based on your username/) } });
    expect(await resetPassword(db, admin, await userIdOf(db, "officer2"), "aaaaaaaaaaaa")).toMatchObject({
      ok: false,
      errors: { password: expect.stringMatching(/repeat/) },
    });
    const { DEMO_PASSWORD } = await import("~/seed/demo.server");
    expect(await changeOwnPassword(db, officer, DEMO_PASSWORD, "passwordpassword")).toMatchObject({
      ok: false,
      errors: { newPassword: expect.stringMatching(/^New password must not repeat/) },
    });
    expect(await db.selectFrom("users").select(["id", "password_hash"]).orderBy("id").execute()).toEqual(before);
  });
});
