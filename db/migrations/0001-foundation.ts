import type { Kysely } from "kysely";
import { flag, flagValue, notNull, timestamp, withId } from "./helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("establishments"))
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", notNull)
    .addColumn("created_at", timestamp(db), notNull)
    .execute();

  await withId(db, db.schema.createTable("units"))
    .addColumn("establishment_id", "integer", (c) => c.notNull().references("establishments.id"))
    .addColumn("name", "text", notNull)
    .addColumn("kind", "text", notNull)
    .addColumn("created_at", timestamp(db), notNull)
    .addUniqueConstraint("units_establishment_name", ["establishment_id", "name"])
    .execute();

  await withId(db, db.schema.createTable("users"))
    .addColumn("username", "text", notNull)
    .addColumn("username_key", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", notNull)
    .addColumn("role", "text", notNull)
    .addColumn("establishment_id", "integer", (c) => c.references("establishments.id"))
    .addColumn("unit_id", "integer", (c) => c.references("units.id"))
    .addColumn("password_hash", "text", notNull)
    .addColumn("active", flag(db), (c) => c.notNull().defaultTo(flagValue(db, true)))
    .addColumn("created_at", timestamp(db), notNull)
    .addColumn("updated_at", timestamp(db), notNull)
    .execute();
  await db.schema.createIndex("users_establishment").on("users").columns(["establishment_id", "role"]).execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("data", "text", notNull)
    .addColumn("created_at", timestamp(db), notNull)
    .addColumn("expires_at", timestamp(db), notNull)
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await withId(db, db.schema.createTable("audit_events"))
    .addColumn("at", timestamp(db), notNull)
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("action", "text", notNull)
    .addColumn("subject_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("establishment_id", "integer", (c) => c.references("establishments.id"))
    .addColumn("details", "text")
    .execute();
  await db.schema.createIndex("audit_events_at").on("audit_events").column("at").execute();

  // Settings the server generates for itself, such as the cookie-signing secret.
  await db.schema
    .createTable("app_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", notNull)
    .execute();

  await withId(db, db.schema.createTable("sign_in_failures"))
    .addColumn("username_key", "text", notNull)
    .addColumn("at", timestamp(db), notNull)
    .execute();
  await db.schema
    .createIndex("sign_in_failures_key_at")
    .on("sign_in_failures")
    .columns(["username_key", "at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "sign_in_failures",
    "app_settings",
    "audit_events",
    "sessions",
    "users",
    "units",
    "establishments",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
