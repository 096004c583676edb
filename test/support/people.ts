// People and places a test adds beside the demo prison's, through the app's own query modules.
import type { Kysely } from "kysely";
import { insertEstablishment, insertUnit } from "~db/queries/establishments.server";
import { insertUser } from "~db/queries/users.server";
import type { Database } from "~db/schema";

/** A second prison with one wing: for checks that staff see only their own prison. */
export async function anotherPrison(
  db: Kysely<Database>,
  { code = "OTH", name = "HMP Elsewhere (test)", wing = "Z wing" } = {},
) {
  const id = await insertEstablishment(db, { code, name });
  return { id, wing: await insertUnit(db, { establishment_id: id, name: wing, kind: "wing" }) };
}

type NewUser = Parameters<typeof insertUser>[1];

/** A user beside the demo's, active, who signs in with the demo password unless given another hash. */
export async function addUser(
  db: Kysely<Database>,
  user: Pick<NewUser, "username" | "role" | "establishment_id"> & Partial<NewUser>,
) {
  const password_hash =
    user.password_hash ??
    (await db.selectFrom("users").select("password_hash").executeTakeFirstOrThrow()).password_hash;
  return insertUser(db, { display_name: user.username, unit_id: null, active: true, ...user, password_hash });
}

/** Every active officer's id, in every prison: those the reports and forecasts count. */
export async function activeOfficerIds(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "officer")
    .where("active", "=", true)
    .execute();
  return rows.map((r) => r.id);
}
