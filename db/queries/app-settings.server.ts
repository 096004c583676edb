// Values the server keeps for itself: the cookie-signing secret, the last good module list, the
// library generation that tells every instance the curriculum changed.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom("app_settings").select("value").where("key", "=", key).executeTakeFirst())?.value;
}

export async function putSetting(db: Db, key: string, value: string) {
  await db
    .insertInto("app_settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

/** Returns the stored value, or stores and returns `create()` when there is none yet (first writer wins). */
export async function getOrCreateSetting(db: Db, key: string, create: () => string) {
  const existing = await getSetting(db, key);
  if (existing !== undefined) return existing;
  await db
    .insertInto("app_settings")
    .values({ key, value: create() })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return (await db.selectFrom("app_settings").select("value").where("key", "=", key).executeTakeFirstOrThrow()).value;
}
