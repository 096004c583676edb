import { sql, type Kysely } from "kysely";
import { timestamp, withId } from "./helpers";

// A module's scenarios change over time (a trainer publishes a new one, retires one, moves one),
// and competency is judged against the module as it stood (app/domain/competency.ts). Each row is
// one spell of a scenario in a module; a scenario is in at most one module at a time.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("module_memberships"))
    .addColumn("module_id", "text", (c) => c.notNull())
    .addColumn("scenario_id", "text", (c) => c.notNull())
    // null: a member from the start (the curriculum as first installed)
    .addColumn("added_at", timestamp(db))
    .addColumn("added_by", "integer", (c) => c.references("users.id"))
    .addColumn("removed_at", timestamp(db))
    .addColumn("removed_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema
    .createIndex("module_memberships_current")
    .on("module_memberships")
    .column("scenario_id")
    .unique()
    .where(sql.ref("removed_at"), "is", null)
    .execute();
  await db.schema.createIndex("module_memberships_module").on("module_memberships").column("module_id").execute();

  // Every scenario already published has been in its module all along.
  await sql`
    insert into module_memberships (module_id, scenario_id)
    select v.module_id, v.scenario_id from scenario_versions v
    where v.id = (select max(n.id) from scenario_versions n where n.scenario_id = v.scenario_id)
    order by v.id`.execute(db);

  // How long a scenario usually takes, from its finished attempts.
  await db.schema
    .createIndex("attempts_scenario_finished")
    .on("attempts")
    .columns(["scenario_id", "status", "finished_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("attempts_scenario_finished").execute();
  await db.schema.dropTable("module_memberships").execute();
}
