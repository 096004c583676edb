/**
 * npm run bench:import
 * Times a staff import (check, then write in one transaction) of the largest file allowed
 * (MAX_STAFF_ROWS rows) beside a 100-row file measured in the same run, on SQLite and on a
 * throwaway PostgreSQL server: every row new, then the same file again (all unchanged), then every
 * name changed. Prints milliseconds and the cost per row; asserts nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Kysely } from "kysely";
import { migrateToLatest, openDatabase, type DatabaseTarget } from "~db/connection.server";
import type { Database } from "~db/schema";
import { MAX_STAFF_ROWS, STAFF_HEADER } from "~/domain/staff-import";
import { seedDemo } from "~/seed/demo.server";
import { applyStaffPlan, planStaffFile } from "~/staff/import.server";
import { startPostgres } from "../support/postgres-server";

const WINGS = ["A wing", "B wing", "C wing"];

function staffFile(rows: number, prefix: string, nameSuffix = "") {
  const lines = [STAFF_HEADER.join(",")];
  for (let i = 1; i <= rows; i++)
    lines.push(
      `${prefix}.${i},Officer ${i}${nameSuffix},${prefix}.${i}@justice.example,officer,HBK,${WINGS[i % WINGS.length]}`,
    );
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

async function timedImport(db: Kysely<Database>, bytes: Uint8Array) {
  const options = { onlyPrisonId: null, deactivateMissing: false, actorId: null };
  const started = performance.now();
  const { plan, errors } = await planStaffFile(db, bytes, options);
  const checked = performance.now();
  if (!plan || errors.length) throw new Error(`the bench file has errors: ${errors[0]?.message}`);
  const applied = await applyStaffPlan(db, plan, { ...options, source: "bench", fileName: "bench.csv" });
  if (!applied.ok) throw new Error(applied.message);
  return { check: checked - started, write: performance.now() - checked, counts: plan.counts };
}

async function measure(label: string, target: DatabaseTarget) {
  const db = openDatabase(target);
  try {
    await migrateToLatest(db);
    await seedDemo(db);
    for (const rows of [100, MAX_STAFF_ROWS]) {
      const prefix = `bench${rows}`;
      for (const [step, bytes] of [
        ["new", staffFile(rows, prefix)],
        ["unchanged", staffFile(rows, prefix)],
        ["changed", staffFile(rows, prefix, " Jr")],
      ] as const) {
        const t = await timedImport(db, bytes);
        const total = t.check + t.write;
        console.log(
          `${label.padEnd(10)} ${String(rows).padStart(5)} rows, ${step.padEnd(9)}: check ${t.check.toFixed(0).padStart(5)} ms, write ${t.write.toFixed(0).padStart(5)} ms, ${((total / rows) * 1000).toFixed(0).padStart(5)} µs a row (${t.counts.new} new, ${t.counts.changed} changed, ${t.counts.unchanged} unchanged)`,
        );
      }
    }
  } finally {
    await db.destroy();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engage-import-bench-"));
const postgres = await startPostgres();
try {
  console.log(`Staff import, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  await measure("SQLite", { engine: "sqlite", path: path.join(dir, "import.sqlite") });
  await measure("PostgreSQL", { engine: "postgres", url: postgres.url() });
} finally {
  postgres.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
