import { sql, type Kysely } from "kysely";
import { day, flag, flagValue, notNull, timestamp, withId } from "./helpers";

// Joining the prison service: single sign-on identities, e-mail addresses and first-sign-in
// password changes on users; staff imports awaiting confirmation; assignments with due dates;
// messages (one row per message, keyed so a retry never doubles one); and job leases so only one
// instance runs the daily reminders.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("email", "text").execute();
  await db.schema.alterTable("users").addColumn("oidc_subject", "text").execute();
  await db.schema
    .alterTable("users")
    .addColumn("must_change_password", flag(db), (c) => c.notNull().defaultTo(flagValue(db, false)))
    .execute();
  // When someone joined their prison and their wing: "within N days of joining" counts from these.
  await db.schema.alterTable("users").addColumn("prison_joined_at", timestamp(db)).execute();
  await db.schema.alterTable("users").addColumn("unit_joined_at", timestamp(db)).execute();
  await sql`update users set prison_joined_at = created_at where establishment_id is not null`.execute(db);
  await sql`update users set unit_joined_at = created_at where unit_id is not null`.execute(db);
  await db.schema.createIndex("users_oidc_subject").on("users").column("oidc_subject").unique().execute();

  await withId(db, db.schema.createTable("staff_imports"))
    .addColumn("uploaded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("establishment_id", "integer", (c) => c.references("establishments.id")) // a manager's prison
    .addColumn("file_name", "text", notNull)
    .addColumn("csv", "text", notNull)
    .addColumn("deactivate_missing", flag(db), notNull)
    .addColumn("uploaded_at", timestamp(db), notNull)
    .addColumn("applied_at", timestamp(db))
    .addColumn("summary", "text")
    .execute();

  await withId(db, db.schema.createTable("assignments"))
    .addColumn("establishment_id", "integer", (c) => c.notNull().references("establishments.id"))
    .addColumn("module_id", "text") // null: the whole programme
    .addColumn("unit_id", "integer", (c) => c.references("units.id"))
    .addColumn("officer_id", "integer", (c) => c.references("users.id"))
    .addColumn("due_on", day(db)) // a fixed date, or
    .addColumn("due_days", "integer") // within this many days of joining
    .addColumn("target_key", "text", notNull) // what and to whom, for the uniqueness below
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", timestamp(db), notNull)
    .addColumn("removed_by", "integer", (c) => c.references("users.id"))
    .addColumn("removed_at", timestamp(db))
    .execute();
  // The same module cannot be assigned twice to the same people: the second is refused, not doubled.
  await db.schema
    .createIndex("assignments_one_live")
    .on("assignments")
    .columns(["establishment_id", "target_key"])
    .unique()
    .where(sql.ref("removed_at"), "is", null)
    .execute();

  await withId(db, db.schema.createTable("messages"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", notNull)
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("subject", "text", notNull)
    .addColumn("body", "text", notNull)
    .addColumn("link", "text", notNull)
    .addColumn("details", "text") // JSON: what the message is about (for reminders, the items)
    .addColumn("email", "text")
    .addColumn("status", "text", notNull) // pending, sending, sent, failed, not_sent
    .addColumn("channel", "text")
    .addColumn("tries", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("provider_ref", "text")
    .addColumn("created_at", timestamp(db), notNull)
    .addColumn("updated_at", timestamp(db), notNull)
    .addColumn("sent_at", timestamp(db))
    .execute();
  await db.schema.createIndex("messages_user").on("messages").columns(["user_id", "created_at"]).execute();
  await db.schema.createIndex("messages_status").on("messages").column("status").execute();

  await db.schema
    .createTable("job_leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", notNull)
    .addColumn("expires_at", timestamp(db), notNull)
    .addColumn("last_run_on", day(db))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["job_leases", "messages", "assignments", "staff_imports"]) await db.schema.dropTable(t).execute();
  await db.schema.dropIndex("users_oidc_subject").execute();
  for (const c of ["unit_joined_at", "prison_joined_at", "must_change_password", "oidc_subject", "email"])
    await db.schema.alterTable("users").dropColumn(c).execute();
}
