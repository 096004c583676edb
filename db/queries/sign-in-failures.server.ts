// Failed sign-ins per username, for throttling.
import type { Kysely } from "kysely";
import type { Database } from "../schema";

export function recordSignInFailure(db: Kysely<Database>, usernameKey: string, at: Date) {
  return db.insertInto("sign_in_failures").values({ username_key: usernameKey, at: at.toISOString() }).execute();
}

export function recentSignInFailures(db: Kysely<Database>, usernameKey: string, since: Date, limit: number) {
  return db
    .selectFrom("sign_in_failures")
    .select("at")
    .where("username_key", "=", usernameKey)
    .where("at", ">=", since.toISOString())
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
}

export function clearSignInFailures(db: Kysely<Database>, usernameKey: string) {
  return db.deleteFrom("sign_in_failures").where("username_key", "=", usernameKey).execute();
}
