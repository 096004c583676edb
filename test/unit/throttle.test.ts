import { describe, expect, it } from "vitest";
import { lockedUntil } from "~/auth/throttle";
import { testContext, testDatabase } from "../support/database";

const { signIn } = await import("~/auth/sign-in.server");
const { DEMO_PASSWORD } = await import("~/seed/demo.server");

const db = await testDatabase();
const context = testContext(db);

const minutes = (n: number) => n * 60_000;

describe("lockedUntil", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const ago = (m: number) => new Date(now.getTime() - minutes(m));

  it("is open below five failures", () => {
    expect(lockedUntil([ago(1), ago(2), ago(3), ago(4)], now)).toBeNull();
  });
  it("locks for 15 minutes after the fifth failure within 15 minutes", () => {
    expect(lockedUntil([ago(1), ago(2), ago(3), ago(4), ago(5)], now)).toEqual(
      new Date(ago(1).getTime() + minutes(15)),
    );
  });
  it("does not lock when the five failures spread over more than 15 minutes", () => {
    expect(lockedUntil([ago(1), ago(2), ago(3), ago(4), ago(20)], now)).toBeNull();
  });
  it("opens again 15 minutes after the last failure", () => {
    expect(lockedUntil([ago(16), ago(17), ago(18), ago(19), ago(20)], now)).toBeNull();
  });
});

describe("signIn throttling against the database", () => {
  it("refuses even the right password after five failures, then lets the user in 15 minutes later", async () => {
    const start = new Date();
    for (let i = 0; i < 5; i++) {
      const r = await signIn(db, "Officer4", "wrong password " + i, new Date(start.getTime() + i * 1000));
      expect(r).toMatchObject({ ok: false, reason: "wrong" });
    }
    const locked = await signIn(db, "officer4", DEMO_PASSWORD, new Date(start.getTime() + 10_000));
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    if (!locked.ok) expect(locked.message).toMatch(/Too many failed sign-in attempts/);
    // Other usernames are unaffected.
    expect(await signIn(db, "officer5", DEMO_PASSWORD, new Date(start.getTime() + 10_000))).toMatchObject({ ok: true });
    const later = await signIn(db, "officer4", DEMO_PASSWORD, new Date(start.getTime() + 4000 + minutes(15) + 1000));
    expect(later).toMatchObject({ ok: true });
  });

  it("counts failures for unknown usernames the same way", async () => {
    for (let i = 0; i < 5; i++) await signIn(db, "nobody-here", "wrong password");
    expect(await signIn(db, "nobody-here", "wrong password")).toMatchObject({ ok: false, reason: "locked" });
  });
});
