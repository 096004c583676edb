/**
 * npm run bench:scale
 * The bench:play officer load (N officers, no think time, JavaScript off: form POST and full page)
 * against, in one run on this machine: SQLite with one instance; PostgreSQL with one instance; and
 * PostgreSQL with two instances, each officer's requests alternating between them (as a
 * round-robin load balancer would send them). PostgreSQL is a throwaway server started here.
 * Prints figures; asserts nothing. Options: BENCH_OFFICERS (20), BENCH_SECONDS (15 per phase).
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { startPostgres } from "../support/postgres-server";
import {
  buildIfNeeded,
  freePort,
  Officer,
  phase,
  play,
  prepareBenchDatabase,
  startServer,
  waitUntilUp,
} from "./play-harness";

async function measure(label: string, usernames: string[], database: Record<string, string>, instances: number) {
  const servers: ChildProcess[] = [];
  try {
    const bases: string[] = [];
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      servers.push(startServer(port, database));
      bases.push(`http://localhost:${port}`);
    }
    await Promise.all(bases.map(waitUntilUp));
    const officers = usernames.map((u) => new Officer(bases, u));
    for (const o of officers) await o.signIn(); // scrypt per sign-in: done before timing
    // Warm up every instance: compile each scenario version once, as a running server has.
    await Promise.all(bases.map((b) => play(new OfficerOn(b, officers[0]), "page", performance.now() + 3000)));
    return await phase(officers, "page", label, servers);
  } finally {
    for (const s of servers) s.kill("SIGTERM");
  }
}

/** The same signed-in officer, sent to one instance only (for warming it up). */
class OfficerOn extends Officer {
  constructor(base: string, from: Officer) {
    super([base], from.username);
    this.cookie = from.cookie;
  }
}

async function main() {
  buildIfNeeded();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engage-scale-"));
  const postgres = await startPostgres();
  try {
    const sqliteFile = path.join(dir, "scale.sqlite");
    const sqliteUsers = await prepareBenchDatabase({ engine: "sqlite", path: sqliteFile });
    const sqlite1 = await measure("sqlite-1", sqliteUsers, { DATABASE_PATH: sqliteFile }, 1);

    const admin = new pg.Client({ connectionString: postgres.url() });
    await admin.connect();
    await admin.query("create database scale_one");
    await admin.query("create database scale_two");
    await admin.end();
    const one = postgres.url("scale_one");
    const two = postgres.url("scale_two");
    const postgres1 = await measure(
      "postgres-1",
      await prepareBenchDatabase({ engine: "postgres", url: one }),
      { DATABASE_URL: one },
      1,
    );
    const postgres2 = await measure(
      "postgres-2",
      await prepareBenchDatabase({ engine: "postgres", url: two }),
      { DATABASE_URL: two },
      2,
    );

    const n = (r: { stepsPerSecond: number }) => r.stepsPerSecond.toFixed(0);
    console.log(
      `targets: postgres-1 / sqlite-1 ${(postgres1.stepsPerSecond / sqlite1.stepsPerSecond).toFixed(2)} (>= 0.8); ` +
        `speed-up ${(postgres2.stepsPerSecond / postgres1.stepsPerSecond).toFixed(2)} (>= 1.5); ${os.cpus().length} cores`,
    );
    console.log(
      `scale: sqlite-1 ${n(sqlite1)} steps/s; postgres-1 ${n(postgres1)} steps/s; postgres-2 ${n(postgres2)} steps/s; speed-up ${(postgres2.stepsPerSecond / postgres1.stepsPerSecond).toFixed(2)}`,
    );
  } finally {
    postgres.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
