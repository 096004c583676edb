import { describe, expect, it } from "vitest";
import { readConfig } from "~/config.server";

const base = { NODE_ENV: "test", SESSION_SECRET: "x".repeat(40) };
const problems = (env: Record<string, string>) => {
  const r = readConfig({ ...base, ...env });
  return r.ok ? [] : r.problems;
};

describe("configuration for single sign-on, email and reminders", () => {
  it("reads a complete single sign-on set-up with its claim rules", () => {
    const r = readConfig({
      ...base,
      OIDC_ISSUER: "https://sign-in.prison.example",
      OIDC_CLIENT_ID: "engage",
      OIDC_CLIENT_SECRET: "secret",
      OIDC_ROLE_MAP: "ROLE_ENGAGE_MANAGER=manager",
      OIDC_REQUIRE_ROLE: "true",
      PASSWORD_SIGN_IN: "false",
    });
    expect(r.ok && r.config.oidc).toMatchObject({
      issuer: "https://sign-in.prison.example",
      scopes: "openid profile email",
      claims: {
        roleClaim: "roles",
        roleMap: { ROLE_ENGAGE_MANAGER: "manager" },
        requireRole: true,
        prisonClaim: "prison",
      },
    });
    expect(r.ok && r.config.passwordSignIn).toBe(false);
    expect(r.ok && r.config.mail).toBeNull();
    expect(r.ok && r.config.reminders).toEqual({ inServer: true, hour: 7 });
  });

  it("names each variable that is missing or wrong", () => {
    expect(problems({ OIDC_ISSUER: "https://sign-in.prison.example" })).toEqual([
      "OIDC_CLIENT_ID is required with the other OIDC_ settings",
      "OIDC_CLIENT_SECRET is required with the other OIDC_ settings",
    ]);
    expect(problems({ PASSWORD_SIGN_IN: "false" })[0]).toMatch(
      /^PASSWORD_SIGN_IN can only be false when single sign-on/,
    );
    expect(problems({ OIDC_ROLE_MAP: "ROLE_X=boss" })[0]).toMatch(/^OIDC_ROLE_MAP "boss" is not a role/);
    expect(problems({ SMTP_URL: "smtp://mail.prison.example:25" })).toEqual([
      "SMTP_FROM is required with SMTP_URL, e.g. engage@prison.example",
    ]);
    expect(problems({ SMTP_URL: "http://mail.example" })[0]).toMatch(
      /^SMTP_URL must start with smtp:\/\/ or smtps:\/\//,
    );
    expect(problems({ NOTIFY_API_KEY: `k-${"a".repeat(36)}-${"b".repeat(36)}` })).toHaveLength(3);
    expect(problems({ REMINDER_HOUR: "25" })).toEqual(["REMINDER_HOUR must be a whole number from 0 to 23"]);
  });

  it("needs ENGAGE_URL in production once links leave the site", () => {
    const r = readConfig({
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      SMTP_URL: "smtp://mail.prison.example",
      SMTP_FROM: "engage@prison.example",
    });
    expect(r.ok ? [] : r.problems).toEqual([
      "ENGAGE_URL is required in production with single sign-on or email: the address people reach Engage at",
    ]);
  });

  it("prefers GOV.UK Notify when both Notify and SMTP are set", () => {
    const r = readConfig({
      ...base,
      SMTP_URL: "smtp://mail.prison.example",
      SMTP_FROM: "engage@prison.example",
      NOTIFY_API_KEY: `key-${"a".repeat(36)}-${"b".repeat(36)}`,
      NOTIFY_TEMPLATE_DUE_REMINDER: "t1",
      NOTIFY_TEMPLATE_MANAGER_SUMMARY: "t2",
      NOTIFY_TEMPLATE_REPLY_RATED: "t3",
    });
    expect(r.ok && r.config.mail?.kind).toBe("notify");
  });
});
