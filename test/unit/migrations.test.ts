import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest, migrationState } from "~db/connection.server";
import { migrationProvider } from "~db/migrations/index";
import { blankDatabase, TEST_ENGINE } from "../support/database";

const TABLES = [
  "establishments",
  "units",
  "users",
  "sessions",
  "audit_events",
  "attempts",
  "attempt_steps",
  "scenario_versions",
  "scenario_draft_revisions",
  "observations",
  "observation_requests",
];

describe(`migrations on ${TEST_ENGINE}`, () => {
  it("apply to an empty database and are idempotent (on PostgreSQL, from two instances at once)", async () => {
    const { db, reopen } = await blankDatabase();
    const second = reopen();
    // SQLite is one process's database; PostgreSQL instances race, and the migrator's lock decides.
    const [first, other] =
      TEST_ENGINE === "postgres"
        ? await Promise.all([migrateToLatest(db), migrateToLatest(second)])
        : [await migrateToLatest(db), await migrateToLatest(second)];
    // Whoever ran first applied everything; the other found nothing left to do.
    const all = Object.keys(await migrationProvider.getMigrations());
    expect(first.length + other.length).toBe(all.length);
    expect(Math.min(first.length, other.length)).toBe(0);
    expect(await migrationState(db)).toMatchObject({ pending: 0, last: all.at(-1) });
    expect(await migrateToLatest(db)).toEqual([]);
    await second.destroy();

    const names =
      TEST_ENGINE === "sqlite"
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows
        : (
            await sql<{
              name: string;
            }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)
          ).rows;
    for (const t of TABLES) expect(names.map((r) => r.name)).toContain(t);
    await db.destroy();

    const again = reopen();
    expect(await migrateToLatest(again)).toEqual([]);
    if (TEST_ENGINE === "sqlite") {
      const pragma = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(again);
      expect(pragma.rows[0].foreign_keys).toBe(1);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(again);
      expect(mode.rows[0].journal_mode).toBe("wal");
    }
    await again.destroy();
  });

  it.runIf(TEST_ENGINE === "postgres")(
    "gives PostgreSQL timestamptz times, boolean flags, dates and identity keys",
    async () => {
      const { db } = await blankDatabase();
      await migrateToLatest(db);
      const columns = (
        await sql<{ table_name: string; column_name: string; data_type: string; is_identity: string }>`
        select table_name, column_name, data_type, is_identity from information_schema.columns
        where table_schema = 'public'`.execute(db)
      ).rows;
      const type = (table: string, column: string) =>
        columns.find((c) => c.table_name === table && c.column_name === column)?.data_type;
      const times = columns.filter((c) => /(^|_)at$/.test(c.column_name));
      expect(times.length).toBeGreaterThan(15);
      for (const c of times)
        expect(`${c.table_name}.${c.column_name} ${c.data_type}`).toMatch(/timestamp with time zone$/);
      expect(type("users", "active")).toBe("boolean");
      expect(type("establishment_targets", "target_date")).toBe("date");
      expect(columns.find((c) => c.table_name === "users" && c.column_name === "id")?.is_identity).toBe("YES");
      await db.destroy();
    },
  );
});
