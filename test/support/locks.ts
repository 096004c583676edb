// PostgreSQL races made, not raced for: a connection of the test's own holds users' rows while the changes
// under test start and queue behind it, in a known order, then lets them go.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database } from "~db/schema";
import { anotherInstance } from "./database";

/**
 * PostgreSQL: holds the users' rows from a connection of its own and returns what lets them go. Each change
 * started meanwhile is awaited until it waits on a lock, so the changes queue in the order they were started.
 */
export async function holdUsers(db: Kysely<Database>, ids: number[]) {
  const holder = anotherInstance(db);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const done = holder.transaction().execute(async (trx) => {
    await trx.selectFrom("users").select("id").where("id", "in", ids).forNoKeyUpdate().execute();
    held();
    await released;
  });
  await holding;
  let started = 0;
  return {
    /** Starts a change and returns once it waits behind the held rows (and any change started before it). */
    async start<T>(change: () => Promise<T>): Promise<{ result: Promise<T> }> {
      const result = change();
      started++;
      await waitingOnLocks(db, started);
      return { result };
    },
    async release() {
      release();
      await done;
    },
  };
}

async function waitingOnLocks(db: Kysely<Database>, n: number) {
  for (let tries = 0; tries < 400; tries++) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if (rows[0].n >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${n} changes never waited on the held rows: something did not lock them`);
}
