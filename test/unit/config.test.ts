import { describe, expect, it } from "vitest";
import { readConfig } from "~/config.server";

const problems = (env: Record<string, string>) => {
  const result = readConfig(env);
  return result.ok ? [] : result.problems;
};

describe("configuration", () => {
  it("has working defaults for the embedded demo: SQLite, loopback, port 3000, demo on outside production", () => {
    const result = readConfig({});
    expect(result).toMatchObject({
      ok: true,
      config: {
        port: 3000,
        host: "127.0.0.1",
        database: { engine: "sqlite", path: "db/data/engage.sqlite" },
        demo: true,
        trustProxy: false,
        production: false,
      },
    });
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const result = readConfig({ DATABASE_URL: "postgres://u:p@db:5432/engage", DATABASE_POOL_SIZE: "20" });
    expect(result).toMatchObject({
      ok: true,
      config: { database: { engine: "postgres", url: "postgres://u:p@db:5432/engage", poolSize: 20 } },
    });
  });

  it("names each bad variable", () => {
    expect(problems({ PORT: "eighty" })).toEqual(["PORT must be a whole number"]);
    expect(problems({ PORT: "70000" })).toEqual(["PORT must be between 1 and 65535"]);
    expect(problems({ TRUST_PROXY: "yes" })).toEqual(['TRUST_PROXY must be "true" or "false"']);
    expect(problems({ DATABASE_URL: "mysql://x/y" })).toEqual([
      "DATABASE_URL must start with postgres:// or postgresql://",
    ]);
    expect(problems({ SESSION_SECRET: "short" })[0]).toMatch(/^SESSION_SECRET must be at least 32 characters/);
    expect(problems({ LRS_ENDPOINT: "not a url" })[0]).toMatch(/^LRS_ENDPOINT must be a full address/);
    expect(problems({ LOG_LEVEL: "loud" })[0]).toMatch(/^LOG_LEVEL/);
  });

  it("in production requires SESSION_SECRET and loads no demo unless asked", () => {
    expect(problems({ NODE_ENV: "production" })).toEqual([
      "SESSION_SECRET is required in production (NODE_ENV=production): at least 32 random characters",
    ]);
    const secret = "x".repeat(32);
    expect(readConfig({ NODE_ENV: "production", SESSION_SECRET: secret })).toMatchObject({ config: { demo: false } });
    expect(readConfig({ NODE_ENV: "production", ENGAGE_DEMO: "true" })).toMatchObject({ config: { demo: true } });
  });

  it("a command (app/cli) loads in production without SESSION_SECRET: it signs no one in; the server does not", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://u:p@db:5432/engage" };
    expect(readConfig(production, "command")).toMatchObject({
      ok: true,
      config: { production: true, demo: false, sessionSecret: undefined, database: { engine: "postgres" } },
    });
    expect(readConfig(production, "server")).toEqual({
      ok: false,
      problems: ["SESSION_SECRET is required in production (NODE_ENV=production): at least 32 random characters"],
    });
    // Every other rule still applies to a command.
    expect(readConfig({ ...production, SESSION_SECRET: "short" }, "command")).toMatchObject({ ok: false });
    expect(readConfig({ ...production, SMTP_URL: "smtp://mail" }, "command")).toMatchObject({ ok: false });
  });

  it("treats empty values as unset", () => {
    expect(readConfig({ DATABASE_URL: "", LRS_ENDPOINT: "" })).toMatchObject({
      config: { database: { engine: "sqlite" }, lrs: null },
    });
  });
});
