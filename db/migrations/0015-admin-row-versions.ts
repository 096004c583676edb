import type { Kysely } from "kysely";

// Users, prisons and their wings and teams are edited in place by admins, so each row gets a version
// every write bumps: a form carries the one it was made from, and a save from an out-of-date form is
// refused rather than putting back what someone else changed meanwhile.
const TABLES = ["users", "establishments", "units"];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES)
    await db.schema
      .alterTable(table)
      .addColumn("row_version", "integer", (c) => c.notNull().defaultTo(1))
      .execute();
}
