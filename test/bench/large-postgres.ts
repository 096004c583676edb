// The large data set's prisons, officers and attempts copied into a throwaway PostgreSQL server, for
// bench:reports on the estate's engine. Only what the reports read is copied: the attempts'
// conversation snapshots and steps stay behind (the reports never read them).
import type { Kysely } from "kysely";
import { sql } from "kysely";
import pino from "pino";
import { openDatabase } from "~db/connection.server";
import type { Database } from "~db/schema";
import { readConfig } from "~/config.server";
import { prepareDatabase } from "~/server/start-up.server";
import { startPostgres } from "../support/postgres-server";

const BATCH = 1000;

async function copy<T extends keyof Database>(from: Kysely<Database>, to: Kysely<Database>, table: T) {
  const rows = await from.selectFrom(table).selectAll().execute();
  for (let i = 0; i < rows.length; i += BATCH)
    await to
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
}

/** A throwaway PostgreSQL server holding `lite`'s report data; `stop` removes it. */
export async function largeOnPostgres(lite: Kysely<Database>) {
  const server = await startPostgres();
  try {
    return { url: await fill(server.url(), lite), stop: () => server.stop() };
  } catch (error) {
    server.stop();
    throw error;
  }
}

async function fill(url: string, lite: Kysely<Database>) {
  const read = readConfig({ ...process.env, DATABASE_URL: url, ENGAGE_DEMO: "false" }, "command");
  if (!read.ok) throw new Error(read.problems.join("; "));
  const db = openDatabase({ engine: "postgres", url });
  await prepareDatabase(db, read.config, pino({ level: "silent" }));
  for (const table of ["establishments", "units", "users", "establishment_targets", "engagement_figures"] as const)
    await copy(lite, db, table);
  // Explicit ids were copied: the identity sequences go on after them.
  for (const table of ["establishments", "units", "users"])
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
      db,
    );
  const versions = new Map(
    (await db.selectFrom("scenario_versions").select(["id", "scenario_id"]).execute()).map((v) => [
      v.scenario_id,
      v.id,
    ]),
  );
  const attempts = await lite.selectFrom("attempts").selectAll().execute();
  for (let i = 0; i < attempts.length; i += BATCH)
    await db
      .insertInto("attempts")
      .values(
        attempts
          .slice(i, i + BATCH)
          .map((a) => ({ ...a, snapshot: "{}", scenario_version_id: versions.get(a.scenario_id)! })),
      )
      .execute();
  await sql`analyze`.execute(db);
  await db.destroy();
  return url;
}
