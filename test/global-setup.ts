// Once per Vitest run: the migrated template databases every test file copies (with and without the
// demo prison's sign-ins), and, for ENGAGE_TEST_DB=postgres, a throwaway PostgreSQL server to hold them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import type { TestProject } from "vitest/node";
import { openDatabase, type DatabaseTarget } from "~db/connection.server";
import { readConfig } from "~/config.server";
import { prepareDatabase } from "~/server/start-up.server";
import { startPostgres, type PostgresServer } from "./support/postgres-server";

export default async function setup(project: TestProject) {
  const postgres = process.env.ENGAGE_TEST_DB === "postgres";
  let server: PostgresServer | null = null;
  let dir: string | null = null;
  const targets: Record<"demo" | "empty", DatabaseTarget> = postgres
    ? await (async () => {
        server = await startPostgres();
        const admin = openDatabase({ engine: "postgres", url: server.url() });
        const { sql } = await import("kysely");
        await sql`create database template_demo`.execute(admin);
        await sql`create database template_empty`.execute(admin);
        await admin.destroy();
        return {
          demo: { engine: "postgres", url: server.url("template_demo") },
          empty: { engine: "postgres", url: server.url("template_empty") },
        } as const;
      })()
    : (() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "engage-templates-"));
        return {
          demo: { engine: "sqlite", path: path.join(dir, "demo.sqlite") },
          empty: { engine: "sqlite", path: path.join(dir, "empty.sqlite") },
        } as const;
      })();

  for (const kind of ["demo", "empty"] as const) {
    const read = readConfig({ NODE_ENV: "test", ENGAGE_DEMO: kind === "demo" ? "true" : "false" });
    if (!read.ok) throw new Error(read.problems.join("; "));
    const db = openDatabase(targets[kind]);
    // Tests know the demo prison as its nine sign-ins with no training yet; a test of the full
    // demo (with its generated staff and history) makes one itself.
    await prepareDatabase(db, read.config, pino({ level: "silent" }), { history: false });
    await db.destroy();
    if (targets[kind].engine === "sqlite") {
      // One file to copy: fold the write-ahead log into it.
      const sqlite = openDatabase(targets[kind]);
      const { sql } = await import("kysely");
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(sqlite);
      await sqlite.destroy();
    }
  }

  project.provide(
    "templates",
    postgres
      ? { demo: "template_demo", empty: "template_empty" }
      : {
          demo: (targets.demo as { path: string }).path,
          empty: (targets.empty as { path: string }).path,
        },
  );
  project.provide("postgresUrl", server ? (server as PostgresServer).url() : null);

  return () => {
    server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
