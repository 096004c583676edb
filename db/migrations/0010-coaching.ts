import { sql, type Kysely } from "kysely";
import { day, flag, flagValue, notNull, timestamp, withId } from "./helpers";

const COUNTS = [
  "questions",
  "simple_reflections",
  "complex_reflections",
  "affirms",
  "seeking_collaboration",
  "emphasizing_autonomy",
  "giving_information",
  "persuade_with_permission",
  "persuades",
  "confronts",
];
const RATINGS = ["cultivating_change_talk", "softening_sustain_talk", "partnership", "empathy"];

// Coaching on the wing: coaches (officers an admin marks, besides trainers and managers) observe
// officers' real conversations; a draft is saved as they go; two coaches' sheets of the same
// conversation can be linked for calibration; managers ask coaches to observe by a date.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("mi_coach", flag(db), (c) => c.notNull().defaultTo(flagValue(db, false)))
    .execute();
  // Words and name patterns the prison lists, one a line: observations refuse text that holds them.
  await db.schema
    .alterTable("establishments")
    .addColumn("listed_name_patterns", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  await withId(db, db.schema.createTable("observation_requests"))
    .addColumn("establishment_id", "integer", (c) => c.notNull().references("establishments.id"))
    .addColumn("officer_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("coach_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("due_on", day(db), notNull)
    .addColumn("requested_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("requested_at", timestamp(db), notNull)
    .addColumn("done_at", timestamp(db)) // when the coach recorded an observation of the officer
    .addColumn("cancelled_at", timestamp(db))
    .addColumn("cancelled_by", "integer", (c) => c.references("users.id"))
    .execute();
  // One open request per coach and officer: asking twice (or a double submit) records nothing twice.
  await db.schema
    .createIndex("observation_requests_one_open")
    .on("observation_requests")
    .columns(["coach_id", "officer_id"])
    .unique()
    .where(sql<boolean>`done_at is null and cancelled_at is null`)
    .execute();
  await db.schema
    .createIndex("observation_requests_prison")
    .on("observation_requests")
    .columns(["establishment_id", "due_on"])
    .execute();

  let table = withId(db, db.schema.createTable("observations"))
    .addColumn("establishment_id", "integer", (c) => c.notNull().references("establishments.id"))
    .addColumn("officer_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("coach_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", notNull) // draft, recorded
    .addColumn("row_version", "integer", notNull) // optimistic lock: each save bumps it
    .addColumn("started_at", timestamp(db), notNull)
    .addColumn("updated_at", timestamp(db), notNull)
    .addColumn("recorded_at", timestamp(db))
    .addColumn("minutes", "integer");
  for (const c of COUNTS) table = table.addColumn(c, "integer", (col) => col.notNull().defaultTo(0));
  for (const r of RATINGS) table = table.addColumn(r, "integer");
  table = table
    .addColumn("strengths", "text")
    .addColumn("next_step", "text")
    .addColumn("officer_reflection", "text")
    .addColumn("reflected_at", timestamp(db))
    // The other coach's sheet of the same conversation; set on both, each at most once.
    .addColumn("calibration_partner_id", "integer", (c) => c.references("observations.id").unique())
    .addCheckConstraint("observations_status", sql`status in ('draft', 'recorded')`)
    .addCheckConstraint("observations_minutes", sql`minutes is null or minutes between 0 and 20`)
    .addCheckConstraint("observations_not_self", sql`coach_id <> officer_id`);
  for (const c of COUNTS) table = table.addCheckConstraint(`observations_${c}`, sql`${sql.ref(c)} between 0 and 200`);
  for (const r of RATINGS)
    table = table.addCheckConstraint(`observations_${r}`, sql`${sql.ref(r)} is null or ${sql.ref(r)} between 1 and 5`);
  await table.execute();
  // One draft per coach and officer: a second "start" (a double tap) finds the first.
  await db.schema
    .createIndex("observations_one_draft")
    .on("observations")
    .columns(["coach_id", "officer_id"])
    .unique()
    .where(sql.ref("status"), "=", "draft")
    .execute();
  await db.schema.createIndex("observations_officer").on("observations").columns(["officer_id", "status"]).execute();
  await db.schema
    .createIndex("observations_prison")
    .on("observations")
    .columns(["establishment_id", "status", "recorded_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("observations").execute();
  await db.schema.dropTable("observation_requests").execute();
  await db.schema.alterTable("establishments").dropColumn("listed_name_patterns").execute();
  await db.schema.alterTable("users").dropColumn("mi_coach").execute();
}
