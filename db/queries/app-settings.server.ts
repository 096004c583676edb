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

/**
 * Stores `value` only if the setting still holds `expected` (undefined: not set yet); false when
 * another writer got there first, so of two saves from the same page one is refused.
 */
export async function replaceSetting(db: Db, key: string, expected: string | undefined, value: string) {
  if (expected === undefined) {
    const inserted = await db
      .insertInto("app_settings")
      .values({ key, value })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable("app_settings")
    .set({ value })
    .where("key", "=", key)
    .where("value", "=", expected)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
