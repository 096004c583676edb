import type { Kysely } from "kysely";
import { notNull, timestamp, withId } from "./helpers";

// Sign-in throttling by counter: one row per username (and per client address) whose guess count
// is raised in one atomic upsert before a password is checked, so concurrent guesses cannot slip
// past the limit (the old table was read, then written). Sessions learn when they were last used
// and on which browser, so people can see their sessions and end the ones they do not recognise.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_throttle")
    .addColumn("key", "text", (c) => c.primaryKey()) // "user:<username key>" or "address:<ip>"
    .addColumn("window_started_at", timestamp(db), notNull)
    .addColumn("guesses", "integer", notNull)
    .execute();
  await db.schema.dropTable("sign_in_failures").execute();

  await db.schema.alterTable("sessions").addColumn("last_seen_at", timestamp(db)).execute();
  await db.schema.alterTable("sessions").addColumn("user_agent", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("user_agent").execute();
  await db.schema.alterTable("sessions").dropColumn("last_seen_at").execute();
  await withId(db, db.schema.createTable("sign_in_failures"))
    .addColumn("username_key", "text", notNull)
    .addColumn("at", timestamp(db), notNull)
    .execute();
  await db.schema
    .createIndex("sign_in_failures_key_at")
    .on("sign_in_failures")
    .columns(["username_key", "at"])
    .execute();
  await db.schema.dropTable("sign_in_throttle").execute();
}
