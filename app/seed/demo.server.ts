// The demo prison: invented names only (no real prison, no real people).
import type { Kysely } from "kysely";
import type { Database, Role } from "~db/schema";
import { hashPassword } from "~/auth/password.server";
import { insertEstablishment, insertUnit, updateListedNames } from "~db/queries/establishments.server";
import { insertUser } from "~db/queries/users.server";

export const DEMO_PASSWORD = "practise-reflections";

export const DEMO_PRISON = { code: "HBK", name: "HMP Hollowbrook (demo)" };
const WINGS = ["A wing", "B wing", "C wing"];

/** Observations refuse these: a prison would list the forms of address and names it wants kept out. */
const DEMO_LISTED_NAMES = ["Mr *"];

export const DEMO_USERS: {
  username: string;
  display_name: string;
  role: Role;
  wing: string | null;
  mi_coach?: boolean;
}[] = [
  { username: "officer", display_name: "Sam Okafor", role: "officer", wing: "A wing" },
  { username: "officer2", display_name: "Priya Lindqvist", role: "officer", wing: "A wing" },
  { username: "officer3", display_name: "Tom Haverly", role: "officer", wing: "B wing" },
  { username: "officer4", display_name: "Jo Marchetti", role: "officer", wing: "B wing" },
  { username: "officer5", display_name: "Kieran Ashdown", role: "officer", wing: "C wing" },
  { username: "officer6", display_name: "Dana Whitfield", role: "officer", wing: "C wing", mi_coach: true },
  { username: "trainer", display_name: "Morgan Ellery", role: "trainer", wing: null },
  { username: "manager", display_name: "Chris Pemberton", role: "manager", wing: null },
  { username: "admin", display_name: "Alex Rowan", role: "admin", wing: null },
];

export async function seedDemo(db: Kysely<Database>) {
  // Hash outside the transaction: scrypt is slow and the transaction should be short.
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const establishmentId = await insertEstablishment(trx, DEMO_PRISON);
    await updateListedNames(trx, establishmentId, DEMO_LISTED_NAMES.join("\n"));
    const wingIds = new Map<string, number>();
    for (const name of WINGS)
      wingIds.set(name, await insertUnit(trx, { establishment_id: establishmentId, name, kind: "wing" }));
    for (const u of DEMO_USERS) {
      await insertUser(trx, {
        username: u.username,
        display_name: u.display_name,
        role: u.role,
        establishment_id: u.role === "admin" ? null : establishmentId,
        unit_id: u.wing ? wingIds.get(u.wing)! : null,
        password_hash: hash,
        active: true,
        mi_coach: u.mi_coach ?? false,
      });
    }
  });
}
