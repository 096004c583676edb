// Values the server generates once and keeps, such as the cookie-signing secret.
import type { Kysely } from "kysely";
import type { Database } from "../schema";

/** Returns the stored value, or stores and returns `create()` when there is none yet. */
export async function getOrCreateSetting(db: Kysely<Database>, key: string, create: () => string) {
  const row = await db.selectFrom("app_settings").select("value").where("key", "=", key).executeTakeFirst();
  if (row) return row.value;
  await db
    .insertInto("app_settings")
    .values({ key, value: create() })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return (await db.selectFrom("app_settings").select("value").where("key", "=", key).executeTakeFirstOrThrow()).value;
}
