import type { Kysely } from "kysely";
import { notNull, timestamp, withId } from "./helpers";

// The new-scenario wizard's form carries a one-time key: the first submit of it creates the scenario and
// stores the key here; a repeat (a double click, a resend, two tabs) finds the key taken and lands on that
// scenario instead of making a second. Kept when the draft is deleted or published, so a replay never
// makes it again.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("scenario_creations"))
    .addColumn("form_key", "text", (c) => c.notNull().unique())
    .addColumn("scenario_id", "text", notNull)
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", timestamp(db), notNull)
    .execute();
}
