import { sql, type Kysely } from "kysely";
import { notNull, timestamp, withId } from "./helpers";

// Every save of a draft is kept as a revision, so a trainer can see who changed what and when, and
// go back to an earlier text. One row per (scenario, revision): a replayed save cannot add two.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("scenario_draft_revisions"))
    .addColumn("scenario_id", "text", notNull)
    .addColumn("revision", "integer", notNull)
    .addColumn("yaml", "text", notNull)
    .addColumn("saved_by", "integer", (c) => c.references("users.id"))
    .addColumn("saved_at", timestamp(db), notNull)
    // How the text was made: form, yaml, wizard, import, or restore:N (revision N brought back).
    .addColumn("how", "text", notNull)
    .addUniqueConstraint("scenario_draft_revisions_one", ["scenario_id", "revision"])
    .execute();
  // The drafts already open start their history at their current text.
  await sql`
    insert into scenario_draft_revisions (scenario_id, revision, yaml, saved_by, saved_at, how)
    select scenario_id, revision, yaml, updated_by, updated_at, 'yaml' from scenario_drafts`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("scenario_draft_revisions").execute();
}
