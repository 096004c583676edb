import type { Kysely } from "kysely";
import { flag, notNull, timestamp } from "./helpers";

// A module's title and summary as a trainer wrote them in Engage: a module added in Engage (not in
// scenarios/modules.yaml), or new words for one of the library's. follows_library marks a library
// module put back on the file's words; the row stays so its row_version only ever grows (a stale
// form can never match it again).
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
    .execute();
  await db.schema.createIndex("module_details_changed_by").on("module_details").column("changed_by").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("module_details").execute();
}
