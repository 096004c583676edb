import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest, migrationState } from "~db/connection.server";
import { isUniqueViolation } from "~db/errors";
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

  it("keeps a shared email address on one user, clears it from the others with an audit row, then refuses another", async () => {
    const { db } = await blankDatabase();
    const migrated = await new Migrator({ db, provider: migrationProvider }).migrateTo("0015-admin-row-versions");
    expect(migrated.error).toBeUndefined();
    const now = new Date().toISOString();
    const add = async (username: string, email: string | null, active = true) =>
      (
        await db
          .insertInto("users")
          .values({
            username,
            username_key: username,
            display_name: username,
            role: "admin",
            password_hash: "none",
            email,
            active,
            created_at: now,
            updated_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    // Jo's older account is deactivated: the address stays with the active one, whatever its age.
    const joOld = await add("jo.old", "jo@justice.example", false);
    const jo = await add("jo", "JO@justice.example");
    const sam = await add("sam", "sam@justice.example");
    const samAgain = await add("sam.again", "Sam@Justice.example");
    const samThird = await add("sam.third", "SAM@justice.example");
    const pat = await add("pat", "pat@justice.example");
    const none = await add("none", null);
    const none2 = await add("none2", null);

    await migrateToLatest(db);
    const emails = Object.fromEntries(
      (await db.selectFrom("users").select(["id", "email", "row_version"]).execute()).map((u) => [u.id, u]),
    );
    expect([joOld, jo, sam, samAgain, samThird, pat, none, none2].map((id) => emails[id].email)).toEqual([
      null,
      "JO@justice.example",
      "sam@justice.example",
      null,
      null,
      "pat@justice.example",
      null,
      null,
    ]);
    expect(emails[samAgain].row_version).toBe(2); // an admin's form opened before the upgrade is out of date
    expect(emails[sam].row_version).toBe(1);
    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "subject_user_id", "actor_user_id", "details"])
      .orderBy("id")
      .execute();
    expect(audit.map((a) => ({ ...a, details: JSON.parse(a.details!) }))).toEqual([
      {
        action: "user.email_cleared",
        subject_user_id: joOld,
        actor_user_id: null,
        details: { email: "jo@justice.example", keptBy: jo, reason: "shared" },
      },
      {
        action: "user.email_cleared",
        subject_user_id: samAgain,
        actor_user_id: null,
        details: { email: "Sam@Justice.example", keptBy: sam, reason: "shared" },
      },
      {
        action: "user.email_cleared",
        subject_user_id: samThird,
        actor_user_id: null,
        details: { email: "SAM@justice.example", keptBy: sam, reason: "shared" },
      },
    ]);

    // From now on the database itself refuses a second user with the address, in any capitals.
    const refused = await add("pat.copy", "PAT@justice.example").catch((error: unknown) => error);
    expect(isUniqueViolation(refused)).toBe(true);
    await add("none3", null);
    await db.destroy();
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
