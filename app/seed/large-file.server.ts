// The large data set's file: generated on demand, for the seed:large script and the benchmark.
import fs from "node:fs";
import type { Kysely } from "kysely";
import pino from "pino";
import { openDatabase } from "~db/connection.server";
import type { Database } from "~db/schema";
import { hashPassword } from "~/auth/password.server";
import { readConfig } from "~/config.server";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { prepareDatabase } from "~/server/start-up.server";
import { DEMO_PASSWORD } from "./demo.server";
import { generateLarge } from "./large.server";

const DEFAULT_LARGE_PATH = "db/data/large.sqlite";

function largeDatabasePath() {
  return process.env.LARGE_DATABASE_PATH || DEFAULT_LARGE_PATH;
}

/** Opens the large database (LARGE_DATABASE_PATH), filling it when it is missing or when `replace` is set. */
export async function ensureLargeDatabase({ replace = false, log = (_: string) => {} } = {}): Promise<{
  file: string;
  db: Kysely<Database>;
  totals: { officers: number; attempts: number; steps: number; reviews: number };
  generated: boolean;
}> {
  const file = largeDatabasePath();
  if (replace) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const exists = fs.existsSync(file);
  const read = readConfig(
    { ...process.env, DATABASE_URL: undefined, DATABASE_PATH: file, ENGAGE_DEMO: "false" },
    "command",
  );
  if (!read.ok) throw new Error(read.problems.join("; "));
  const db = openDatabase({ engine: "sqlite", path: file });
  await prepareDatabase(db, read.config, pino({ level: "silent" }));
  const totals = { officers: 0, attempts: 0, steps: 0, reviews: 0 };
  if (exists) return { file, db, totals, generated: false };
  const seed = Number(process.env.LARGE_SEED || 20261126);
  const endDay = process.env.LARGE_SEED_END || new Date().toISOString().slice(0, 10);
  const end = new Date(`${endDay}T12:00:00.000Z`);
  const modules = (await getCurriculum(db)).map((m) => ({
    id: m.id,
    scenarios: m.scenarios.map((s) => ({ id: s.id, versionId: s.versionId })),
  }));
  log(`Generating the large data set (seed ${seed}, ending ${endDay}) into ${file}`);
  const t = await generateLarge(db, {
    seed,
    prisons: 3,
    officersPerPrison: 1200,
    wingsPerPrison: 6,
    months: 12,
    end,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    modules,
    log,
  });
  return { file, db, totals: t, generated: true };
}
