import type { Kysely } from "kysely";
import { day, notNull, timestamp, withId } from "./helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("establishment_targets")
    .addColumn("establishment_id", "integer", (c) => c.primaryKey().references("establishments.id"))
    .addColumn("target_percent", "integer", notNull)
    .addColumn("target_date", day(db), notNull)
    .addColumn("set_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("set_at", timestamp(db), notNull)
    .execute();

  await withId(db, db.schema.createTable("engagement_figures"))
    .addColumn("establishment_id", "integer", (c) => c.notNull().references("establishments.id"))
    .addColumn("month", "text", notNull)
    .addColumn("eligible", "integer", notNull)
    .addColumn("not_engaging", "integer", notNull)
    .addColumn("recorded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", timestamp(db), notNull)
    .addUniqueConstraint("engagement_figures_month", ["establishment_id", "month"])
    .execute();

  await db.schema
    .createTable("xapi_deliveries")
    .addColumn("statement_id", "text", (c) => c.primaryKey())
    .addColumn("attempt_id", "text", (c) => c.notNull().references("attempts.id"))
    .addColumn("sent_at", timestamp(db), notNull)
    .execute();

  await db.schema
    .createTable("scenario_drafts")
    .addColumn("scenario_id", "text", (c) => c.primaryKey())
    .addColumn("yaml", "text", notNull)
    .addColumn("revision", "integer", notNull)
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", timestamp(db), notNull)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["scenario_drafts", "xapi_deliveries", "engagement_figures", "establishment_targets"]) {
    await db.schema.dropTable(t).execute();
  }
}
