// What the platform asks of an instance: is it ready for traffic, and what is it running.
import { sql, type Kysely } from "kysely";
import { engineOf, migrationState } from "~db/connection.server";
import type { Database } from "~db/schema";
import packageJson from "../../package.json";

const READY_TIMEOUT_MS = 2_000;

export type Readiness = { status: "ready" } | { status: "not ready"; reason: string };

export async function checkReadiness(db: Kysely<Database>): Promise<Readiness> {
  try {
    const state = await withTimeout(
      (async () => {
        await sql`select 1`.execute(db);
        return migrationState(db);
      })(),
    );
    if (state.pending > 0) return { status: "not ready", reason: "migrations pending" };
    return { status: "ready" };
  } catch {
    return { status: "not ready", reason: "database unavailable" };
  }
}

export async function describeInstance(db: Kysely<Database>, commit: string | undefined) {
  let lastMigration: string | null = null;
  try {
    lastMigration = (await withTimeout(migrationState(db))).last;
  } catch {
    // The database is down: say what is known.
  }
  return {
    name: "engage",
    version: packageJson.version,
    commit: commit ?? null,
    database: engineOf(db),
    lastMigration,
  };
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), READY_TIMEOUT_MS).unref()),
  ]);
}
