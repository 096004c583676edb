// A fresh installation has no known sign-in: outside the demo the first start creates no users
// and says how to make the first administrator; `npm run users:create-admin` makes one with a
// password the operator chooses, under the same rules as every other password.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { openDatabase } from "~db/connection.server";
import { countUsers } from "~db/queries/users.server";
import { readConfig } from "~/config.server";
import { prepareDatabase } from "~/server/start-up.server";
import { blankDatabase, TEST_ENGINE } from "../support/database";

describe("no known credentials outside the demo", () => {
  it("the demo never loads in production unless asked for", () => {
    const production = readConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) });
    expect(production.ok && production.config.demo).toBe(false);
    const asked = readConfig({ NODE_ENV: "production", ENGAGE_DEMO: "true" });
    expect(asked.ok && asked.config.demo).toBe(true);
  });

  it("a first start without the demo creates no users and points to users:create-admin", async () => {
    const { db } = await blankDatabase();
    const read = readConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) });
    if (!read.ok) throw new Error(read.problems.join());
    const lines: string[] = [];
    const log = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line).msg) });
    await prepareDatabase(db, read.config, log);
    expect(await countUsers(db)).toBe(0);
    expect(lines.join("\n")).toContain("npm run users:create-admin");
    expect(lines.join("\n")).not.toMatch(/practise-reflections/);
    await db.destroy();
  });

  it.runIf(TEST_ENGINE === "sqlite")(
    "users:create-admin refuses a weak password and creates the administrator with a chosen one",
    async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "engage-admin-")), "engage.sqlite");
      const create = (password: string, again = password) => {
        const child = execFile(
          "npx",
          ["tsx", "app/cli/users-create-admin.ts", "--username", "jo.admin", "--name", "Jo Admin"],
          { env: { ...process.env, DATABASE_PATH: file, NODE_ENV: "test" } },
        );
        child.stdin!.end(`${password}\n${again}\n`);
        return new Promise<{ code: number | null; out: string }>((resolve) => {
          let out = "";
          child.stdout!.on("data", (d) => (out += d));
          child.stderr!.on("data", (d) => (out += d));
          child.on("close", (code) => resolve({ code, out }));
        });
      };
      const weak = await create("jo.admin.2026");
      expect(weak.code).toBe(1);
      expect(weak.out).toMatch(/based on your username/);
      const mismatch = await create("kettle biscuit landing", "kettle biscuit lending");
      expect(mismatch).toMatchObject({ code: 1, out: expect.stringMatching(/do not match/) });
      const made = await create("kettle biscuit landing");
      expect(made.out).toMatch(/Created the administrator jo.admin/);
      expect(made.out).not.toContain("kettle");
      const db = openDatabase({ engine: "sqlite", path: file });
      const users = await db.selectFrom("users").select(["username", "role", "establishment_id"]).execute();
      expect(users).toEqual([{ username: "jo.admin", role: "admin", establishment_id: null }]);
      const { verifyPassword } = await import("~/auth/password.server");
      const { password_hash } = await db.selectFrom("users").select("password_hash").executeTakeFirstOrThrow();
      expect(await verifyPassword("kettle biscuit landing", password_hash)).toBe(true);
      await db.destroy();
    },
    60_000,
  );
});
