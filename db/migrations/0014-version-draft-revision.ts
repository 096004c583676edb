import type { Kysely } from "kysely";

// The draft revision a version closes. The studio's revisions carry on from it, so a form opened
// before a publish, a rollback or a new library version never matches the text after it (a
// draft's revisions used to start again at 1, and "no draft" was always 0).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("scenario_versions")
    .addColumn("draft_revision", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}
