import type { Kysely } from "kysely";

// A trainer may change a rating of a written reply: the change form carries the version it was made
// from, so a change made on an out-of-date page is refused rather than undoing another trainer's.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("written_reply_reviews")
    .addColumn("row_version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}
