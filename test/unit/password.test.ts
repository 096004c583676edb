import { describe, expect, it } from "vitest";
import { CURRENT_PARAMS, hashPassword, needsRehash, verifyPassword } from "~/auth/password.server";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts each hash and records its parameters", async () => {
    const a = await hashPassword("same password here");
    const b = await hashPassword("same password here");
    expect(a).not.toBe(b);
    expect(a.split("$").slice(0, 4)).toEqual([
      "scrypt",
      String(CURRENT_PARAMS.N),
      String(CURRENT_PARAMS.r),
      String(CURRENT_PARAMS.p),
    ]);
  });

  it("still verifies hashes made with older, weaker parameters and flags them for upgrade", async () => {
    const old = await hashPassword("an older password", { N: 1024, r: 8, p: 1, keylen: 32 });
    expect(await verifyPassword("an older password", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword("a current password"))).toBe(false);
  });

  it("treats a malformed stored hash as no match", async () => {
    expect(await verifyPassword("anything at all", "plaintext")).toBe(false);
    expect(await verifyPassword("anything at all", "scrypt$x$8$1$c2FsdA==$a2V5")).toBe(false);
  });
});
