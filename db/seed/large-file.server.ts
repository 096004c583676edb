// The large data set's file: generated on demand, for the seed:large script and the benchmark.
import fs from "node:fs";
import { hashPassword } from "../../app/auth/password.server";
import { DEMO_PASSWORD } from "./demo.server";
import { generateLarge } from "./large.server";

export const DEFAULT_LARGE_PATH = "db/data/large.sqlite";

export function largeDatabasePath() {
  return process.env.LARGE_DATABASE_PATH || DEFAULT_LARGE_PATH;
}

/**
 * Points the app at the large database (DATABASE_PATH) and fills it when it is missing or when
 * `replace` is set. Call before anything opens the app's database.
 */
export async function ensureLargeDatabase({ replace = false, log = (_: string) => {} } = {}) {
  const file = largeDatabasePath();
  if (replace) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const exists = fs.existsSync(file);
  process.env.DATABASE_PATH = file;
  process.env.ENGAGE_SEED_DEMO = "false";
  const quiet = console.log;
  console.log = () => {}; // start-up's sign-in hints are for the demo database
  const { getDb } = await import("../../app/db.server");
  const { getCurriculum } = await import("../../app/curriculum.server");
  const db = await getDb();
  console.log = quiet;
  const totals = { officers: 0, attempts: 0, steps: 0, reviews: 0 };
  if (exists) return { file, db, totals, generated: false };
  const seed = Number(process.env.LARGE_SEED || 20261126);
  const endDay = process.env.LARGE_SEED_END || new Date().toISOString().slice(0, 10);
  const end = new Date(`${endDay}T12:00:00.000Z`);
  const modules = (await getCurriculum()).map((m) => ({
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
