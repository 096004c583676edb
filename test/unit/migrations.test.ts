import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "~db/connection.server";
import { useTempDatabase } from "../support/temp-database";

describe("migrations", () => {
  it("apply to an empty database and are idempotent", async () => {
    const file = useTempDatabase();
    const db = openDatabase(file);
    const first = await migrateToLatest(db);
    expect(first.length).toBeGreaterThanOrEqual(3);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    const names = tables.rows.map((r) => r.name);
    for (const t of [
      "establishments",
      "units",
      "users",
      "sessions",
      "audit_events",
      "attempts",
      "attempt_steps",
      "scenario_versions",
    ]) {
      expect(names).toContain(t);
    }
    expect(await migrateToLatest(db)).toEqual([]);
    await db.destroy();
    // Reopening the same file finds nothing to do.
    const again = openDatabase(file);
    expect(await migrateToLatest(again)).toEqual([]);
    const pragma = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(again);
    expect(pragma.rows[0].foreign_keys).toBe(1);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(again);
    expect(mode.rows[0].journal_mode).toBe("wal");
    await again.destroy();
  });
});
