import { sql, type Kysely } from "kysely";
import { flag, notNull, timestamp } from "./helpers";

// A module's title and summary as a trainer wrote them in Engage: a module added in Engage (not in
// scenarios/modules.yaml), or new words for one of the library's. follows_library marks a library
// module put back on the file's words; the row stays so its row_version only ever grows (a stale
// form can never match it again). A module added by mistake is removed (removed_at) rather than
// deleted, for the same reason, and its id is never used again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("module_details")
    .addColumn("module_id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", notNull)
    .addColumn("summary", "text", notNull)
    .addColumn("added_in_engage", flag(db), notNull)
    .addColumn("follows_library", flag(db), notNull)
    .addColumn("added_at", timestamp(db), notNull)
    .addColumn("row_version", "integer", notNull)
    .addColumn("changed_by", "integer", (c) => c.references("users.id"))
    .addColumn("changed_at", timestamp(db), notNull)
    .addColumn("removed_at", timestamp(db))
    .execute();
  // No two modules in use share a title, whatever its case, even when two trainers add one at once.
  await db.schema
    .createIndex("module_details_title")
    .unique()
    .on("module_details")
    .expression(sql`lower(title)`)
    .where(sql.ref("removed_at"), "is", null)
    .execute();
  await db.schema.createIndex("module_details_changed_by").on("module_details").column("changed_by").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("module_details").execute();
}
