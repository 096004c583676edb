// Leases for jobs that only one instance may run at a time (several may share one database): a
// row per job, taken when free or expired, in one statement so two instances cannot both win.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

export async function acquireLease(db: Db, name: string, holder: string, until: Date, now: Date): Promise<boolean> {
  const row = await db
    .insertInto("job_leases")
    .values({ name, holder, expires_at: until.toISOString(), last_run_on: null })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ holder, expires_at: until.toISOString() })
        .where("job_leases.expires_at", "<", now.toISOString()),
    )
    .returning("holder")
    .executeTakeFirst();
  return row?.holder === holder;
}

export function releaseLease(db: Db, name: string, holder: string) {
  return db
    .updateTable("job_leases")
    .set({ expires_at: new Date(0).toISOString() })
    .where("name", "=", name)
    .where("holder", "=", holder)
    .execute();
}

export async function lastRunOn(db: Db, name: string): Promise<string | null> {
  const row = await db.selectFrom("job_leases").select("last_run_on").where("name", "=", name).executeTakeFirst();
  return row?.last_run_on ?? null;
}

export function setLastRunOn(db: Db, name: string, holder: string, day: string) {
  return db
    .updateTable("job_leases")
    .set({ last_run_on: day })
    .where("name", "=", name)
    .where("holder", "=", holder)
    .execute();
}
