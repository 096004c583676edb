/**
 * npm run bench:demo
 * What the demo prison adds to a first start (target: under 5 s), on SQLite in this process: each
 * round prepares a fresh database as the server does at first start (migrations, the scenario
 * library, the demo), once with the demo's sign-ins only (the baseline) and once with its full
 * history, and prints wall and CPU time for each (CPU time is the fairer figure on a busy
 * machine). Prints figures; asserts nothing. Option: BENCH_ROUNDS (3).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { openDatabase } from "~db/connection.server";
import { readConfig } from "~/config.server";
import type { DemoOptions } from "~/seed/demo.server";
import { prepareDatabase } from "~/server/start-up.server";

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);

async function firstStart(dir: string, name: string, demo: DemoOptions) {
  const read = readConfig({ NODE_ENV: "production", ENGAGE_DEMO: "true", SESSION_SECRET: "x".repeat(32) });
  if (!read.ok) throw new Error(read.problems.join("; "));
  const db = openDatabase({ engine: "sqlite", path: path.join(dir, `${name}.sqlite`) });
  const cpu = process.cpuUsage();
  const started = performance.now();
  await prepareDatabase(db, read.config, pino({ level: "silent" }), demo);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const attempts = await db
    .selectFrom("attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  await db.destroy();
  return { wall, cpu: (used.user + used.system) / 1000, attempts: Number(attempts?.n ?? 0) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${Math.round(x).toLocaleString("en-GB")} ms`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engage-demo-bench-"));
  const base: Awaited<ReturnType<typeof firstStart>>[] = [];
  const full: Awaited<ReturnType<typeof firstStart>>[] = [];
  try {
    // Alternate, so a burst of load on the machine falls on both alike.
    for (let i = 0; i < ROUNDS; i++) {
      base.push(await firstStart(dir, `base-${i}`, { history: false }));
      full.push(await firstStart(dir, `full-${i}`, {}));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const row = (label: string, rs: typeof base) =>
    `${label.padEnd(34)} wall ${ms(median(rs.map((r) => r.wall))).padStart(9)}   cpu ${ms(median(rs.map((r) => r.cpu))).padStart(9)}   attempts ${rs[0].attempts}`;
  console.log(
    `first start on SQLite, median of ${ROUNDS} rounds (load average ${os.loadavg()[0].toFixed(1)}, ${os.cpus().length} cores)`,
  );
  console.log(row("migrations, library, sign-ins only", base));
  console.log(row("migrations, library, full demo", full));
  console.log(
    `the demo's history adds: wall ${ms(median(full.map((r) => r.wall)) - median(base.map((r) => r.wall)))}, cpu ${ms(
      median(full.map((r) => r.cpu)) - median(base.map((r) => r.cpu)),
    )}`,
  );
}

await main();
