import { describe, expect, it } from "vitest";
import { mapClaims, parseRoleMap, roleFrom, type ClaimRules } from "~/domain/sso-claims";

const rules: ClaimRules = {
  roleClaim: "roles",
  roleMap: { ROLE_ENGAGE_MANAGER: "manager", ROLE_ENGAGE_TRAINER: "trainer" },
  requireRole: false,
  prisonClaim: "prison",
};

describe("claim mapping", () => {
  it("maps preferred_username, name, email, a mapped role and the prison code", () => {
    const result = mapClaims(
      {
        sub: "abc-123",
        preferred_username: "JSMITH_GEN",
        name: "Jo Smith",
        email: "jo.smith@justice.example",
        roles: ["ROLE_PRISON", "ROLE_ENGAGE_MANAGER"],
        prison: "hbk",
      },
      rules,
    );
    expect(result).toEqual({
      ok: true,
      identity: {
        subject: "abc-123",
        username: "JSMITH_GEN",
        displayName: "Jo Smith",
        email: "jo.smith@justice.example",
        role: "manager",
        prisonCode: "HBK",
      },
    });
  });

  it("falls back to sub for the username and given and family names for the name; drops a bad email", () => {
    const result = mapClaims(
      { sub: "officer-77", given_name: "Ali", family_name: "Khan", email: "not an email", prison: "HBK" },
      rules,
    );
    expect(result).toMatchObject({
      ok: true,
      identity: { username: "officer-77", displayName: "Ali Khan", email: null, role: "officer" },
    });
  });

  it("takes a role named directly, from a string or an array, the highest when several", () => {
    expect(roleFrom("trainer", rules)).toBe("trainer");
    expect(roleFrom("ROLE_ENGAGE_TRAINER ROLE_ENGAGE_MANAGER", rules)).toBe("manager");
    expect(roleFrom(["officer", "ADMIN"], rules)).toBe("admin");
    expect(roleFrom(["ROLE_SOMETHING_ELSE"], rules)).toBeNull();
    expect(roleFrom(42, rules)).toBeNull();
  });

  it("reads the role and prison from the claims the deployment names", () => {
    const result = mapClaims(
      { sub: "s1", preferred_username: "abc", groups: ["ROLE_ENGAGE_TRAINER"], activeCaseLoadId: "MDI" },
      { ...rules, roleClaim: "groups", prisonClaim: "activeCaseLoadId" },
    );
    expect(result).toMatchObject({ ok: true, identity: { role: "trainer", prisonCode: "MDI" } });
  });

  it("refuses someone with no mapped role when a role is required, and anyone without a prison but admins", () => {
    expect(
      mapClaims({ sub: "s", preferred_username: "abc", prison: "HBK" }, { ...rules, requireRole: true }),
    ).toMatchObject({
      ok: false,
      reason: "no_role",
    });
    expect(mapClaims({ sub: "s", preferred_username: "abc" }, rules)).toMatchObject({ ok: false, reason: "no_prison" });
    expect(mapClaims({ sub: "s", preferred_username: "abc", roles: "admin" }, rules)).toMatchObject({
      ok: true,
      identity: { role: "admin", prisonCode: null },
    });
    expect(mapClaims({ sub: "s", preferred_username: "abc", prison: ["HBK", "MDI"] }, rules)).toMatchObject({
      ok: false,
      reason: "several_prisons",
    });
  });

  it("refuses a missing subject and a username Engage cannot use, and strips hidden characters from names", () => {
    expect(mapClaims({ preferred_username: "abc", prison: "HBK" }, rules)).toMatchObject({ reason: "no_subject" });
    expect(mapClaims({ sub: "s", preferred_username: "a b", prison: "HBK" }, rules)).toMatchObject({
      reason: "bad_username",
    });
    expect(
      mapClaims({ sub: "s", preferred_username: "abc", name: "Zed\u202eevil", prison: "HBK" }, rules),
    ).toMatchObject({
      identity: { displayName: "Zedevil" },
    });
  });

  it("reads OIDC_ROLE_MAP and names what is wrong with it", () => {
    expect(parseRoleMap("ROLE_ENGAGE_MANAGER=manager, ROLE_ENGAGE_TRAINER=trainer")).toEqual({
      ok: true,
      map: { ROLE_ENGAGE_MANAGER: "manager", ROLE_ENGAGE_TRAINER: "trainer" },
    });
    expect(parseRoleMap("")).toEqual({ ok: true, map: {} });
    expect(parseRoleMap("X=boss")).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"boss" is not a role'),
    });
    expect(parseRoleMap("justone")).toMatchObject({ ok: false });
  });
});
