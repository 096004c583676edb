// Users: look-ups for sign-in and the guard, and the admin's user management.
import {
  expressionBuilder,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type Transaction,
} from "kysely";
import { contains } from "../like";
import { isPostgres } from "../migrations/helpers";
import type { Database, NewUser, Role } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

/** Usernames are unique ignoring case and Unicode width/compatibility forms. */
export function usernameKey(username: string): string {
  return username.normalize("NFKC").trim().toLowerCase();
}

export function findUserForSignIn(db: Db, username: string) {
  return db
    .selectFrom("users")
    .select(["id", "password_hash", "active", "role", "display_name", "must_change_password", "device_cookie_stamp"])
    .where("username_key", "=", usernameKey(username))
    .executeTakeFirst();
}

const withPlace = (db: Db) =>
  db
    .selectFrom("users")
    .leftJoin("establishments", "establishments.id", "users.establishment_id")
    .leftJoin("units", "units.id", "users.unit_id")
    .select([
      "users.id",
      "users.username",
      "users.display_name",
      "users.role",
      "users.active",
      "users.mi_coach",
      "users.establishment_id",
      "users.unit_id",
      "users.created_at",
      "users.updated_at",
      "users.email",
      "users.must_change_password",
      "users.row_version",
      "establishments.name as establishment_name",
      "units.name as unit_name",
    ]);

export type UserWithPlace = NonNullable<Awaited<ReturnType<typeof getUserWithPlace>>>;

export function getUserWithPlace(db: Db, id: number) {
  return withPlace(db).where("users.id", "=", id).executeTakeFirst();
}

/** Which users a list or a count covers. */
export interface UserFilter {
  establishmentId?: number | null;
  unitId?: number | null;
  role?: Role;
  active?: boolean;
  /** part of a name or username */
  search?: string;
}

/** A user whose name or username contains `search`, ignoring case and accents (like.ts). */
export function nameContains(db: Db, search: string) {
  const eb = expressionBuilder<Database, "users">();
  return eb.or([contains(db, "users.username_key", search), contains(db, "users.display_name", search)]);
}

function filtered<Q extends SelectQueryBuilder<Database, "users", object>>(db: Db, q: Q, f: UserFilter): Q {
  let out = q;
  if (f.establishmentId != null) out = out.where("users.establishment_id", "=", f.establishmentId) as Q;
  if (f.unitId != null) out = out.where("users.unit_id", "=", f.unitId) as Q;
  if (f.role) out = out.where("users.role", "=", f.role) as Q;
  if (f.active !== undefined) out = out.where("users.active", "=", f.active) as Q;
  if (f.search) {
    out = out.where(nameContains(db, f.search)) as Q;
  }
  return out;
}

/** One page of users in name order; `countUsers` with the same filter gives the total. */
export function listUsers(db: Db, filter: UserFilter & { limit: number; offset?: number }) {
  return filtered(db, withPlace(db), filter)
    .orderBy("users.display_name")
    .orderBy("users.id")
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
}

/** A user's password hash, and the stamp their device cookies must carry (db/migrations/0020-device-cookie-stamps.ts). */
export function getPasswordAndStamp(db: Db, id: number) {
  return db
    .selectFrom("users")
    .select(["password_hash", "device_cookie_stamp"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Display names of the given users, by id. */
export async function displayNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "display_name"]).where("id", "in", ids).execute();
  return new Map(rows.map((u) => [u.id, u.display_name]));
}

export async function usernameTaken(db: Db, username: string, exceptId?: number) {
  let q = db.selectFrom("users").select("id").where("username_key", "=", usernameKey(username));
  if (exceptId) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The unique index that keeps an email address to one user, in any capitals (db/migrations/0016-unique-emails.ts). */
export const EMAIL_INDEX = "users_email_unique";

/** The user other than `exceptId` who has this email address, compared as the unique index compares them. */
export function userWithEmail(db: Db, email: string, exceptId?: number) {
  let q = db
    .selectFrom("users")
    .select(["id", "username", "display_name"])
    .where("email", "is not", null)
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", eb.fn("lower", [eb.val(email)])));
  if (exceptId) q = q.where("id", "!=", exceptId);
  return q.executeTakeFirst();
}

export async function insertUser(db: Db, user: Omit<NewUser, "username_key" | "created_at" | "updated_at">) {
  const now = new Date().toISOString();
  const row = await db
    .insertInto("users")
    .values({
      prison_joined_at: user.establishment_id != null ? now : null,
      unit_joined_at: user.unit_id != null ? now : null,
      ...user,
      username_key: usernameKey(user.username),
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Moves the device cookie stamp on, in an update's `set`: device cookies issued before are withdrawn. */
const withdrawDeviceCookies = (eb: ExpressionBuilder<Database, "users">) => ({
  device_cookie_stamp: eb("device_cookie_stamp", "+", 1),
});

/**
 * Changes a user and bumps their row_version, so an admin's form made before any change is refused.
 * With `expectedVersion`, only from that version: false when someone else changed the user first.
 * A new password or a deactivation also moves their device cookie stamp on, in the same statement: every
 * device cookie issued before stops giving its browser guesses of its own (app/auth/throttle.ts).
 */
export async function updateUser(
  db: Db,
  id: number,
  changes: Partial<{
    display_name: string;
    role: Role;
    establishment_id: number | null;
    unit_id: number | null;
    password_hash: string;
    active: boolean;
    email: string | null;
    oidc_subject: string | null;
    must_change_password: boolean;
    prison_joined_at: string | null;
    unit_joined_at: string | null;
    mi_coach: boolean;
  }>,
  expectedVersion?: number,
): Promise<boolean> {
  let q = db
    .updateTable("users")
    .set((eb) => ({
      ...changes,
      updated_at: new Date().toISOString(),
      row_version: eb("row_version", "+", 1),
      ...(changes.password_hash !== undefined || changes.active === false ? withdrawDeviceCookies(eb) : {}),
    }))
    .where("id", "=", id);
  if (expectedVersion !== undefined) q = q.where("row_version", "=", expectedVersion);
  return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
}

/**
 * Whether `checked`, the hash a password was just checked against, is still the password of an active user;
 * if so it is replaced by `rehashed` when given (no change an admin's form could conflict with, so no new
 * row_version). Being an update, it holds the user's row to the end of a transaction: a password change, reset
 * or deactivation at the same moment waits for it, and then ends the session that transaction made.
 */
export async function confirmPasswordHash(db: Db, id: number, checked: string, rehashed = checked): Promise<boolean> {
  const kept = await db
    .updateTable("users")
    .set({ password_hash: rehashed })
    .where("id", "=", id)
    .where("password_hash", "=", checked)
    .where("active", "=", true)
    .executeTakeFirst();
  return Number(kept.numUpdatedRows) === 1;
}

/** Sets the wing of a user who has none yet (chosen once); false when they already have one. */
export async function setFirstUnit(db: Db, id: number, unitId: number): Promise<boolean> {
  const now = new Date().toISOString();
  const set = await db
    .updateTable("users")
    .set((eb) => ({ unit_id: unitId, unit_joined_at: now, updated_at: now, row_version: eb("row_version", "+", 1) }))
    .where("id", "=", id)
    .where("unit_id", "is", null)
    .executeTakeFirst();
  return Number(set.numUpdatedRows) === 1;
}

/**
 * Holds these users' rows to the end of the transaction and reads them as they are now, by id. On PostgreSQL
 * the rows are locked in id order, so two transactions locking overlapping users wait rather than deadlock (NO
 * KEY: rows that merely refer to these users, a session or an audit row, are not held up); SQLite has no FOR
 * UPDATE and needs none (its one connection runs one transaction at a time).
 */
export async function lockUsers(trx: Transaction<Database>, ids: number[]) {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const rows = [];
  for (let i = 0; i < sorted.length; i += 500) {
    let q = trx
      .selectFrom("users")
      .select(["id", "display_name", "role", "active", "establishment_id"])
      .where("id", "in", sorted.slice(i, i + 500))
      .orderBy("id");
    if (isPostgres(trx)) q = q.forNoKeyUpdate();
    rows.push(...(await q.execute()));
  }
  return new Map(rows.map((row) => [row.id, row] as const));
}

export type LockedUser = NonNullable<ReturnType<Awaited<ReturnType<typeof lockUsers>>["get"]>>;

/** The active administrators' ids, in id order. */
export async function activeAdministratorIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .where("active", "=", true)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}

/** How many users, optionally of one prison, wing, role or state: a count, never a capped list. */
export async function countUsers(db: Db, filter: UserFilter = {}): Promise<number> {
  const q = filtered(
    db,
    db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")),
    filter,
  );
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Everything a sign-in service or a staff file may change, for one user. */
const identityColumns = [
  "id",
  "username",
  "display_name",
  "email",
  "role",
  "establishment_id",
  "unit_id",
  "active",
  "oidc_subject",
] as const;

export function findUserByOidcSubject(db: Db, subject: string) {
  return db.selectFrom("users").select(identityColumns).where("oidc_subject", "=", subject).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom("users")
    .select(identityColumns)
    .where("username_key", "=", usernameKey(username))
    .executeTakeFirst();
}

/** Everyone, as a staff file sees them: usernames are unique across every prison. */
export function listStaffForImport(db: Db) {
  return db
    .selectFrom("users")
    .select([...identityColumns, "prison_joined_at", "unit_joined_at"])
    .orderBy("id")
    .execute();
}

/** The time a placement change starts: a new prison or wing restarts "within N days of joining". */
export function placementTimes(
  before: { establishment_id: number | null; unit_id: number | null },
  after: { establishment_id: number | null; unit_id: number | null },
  now = new Date().toISOString(),
) {
  return {
    ...(before.establishment_id !== after.establishment_id
      ? { prison_joined_at: after.establishment_id ? now : null }
      : {}),
    ...(before.unit_id !== after.unit_id ? { unit_joined_at: after.unit_id ? now : null } : {}),
  };
}

/** Deactivates users, a few hundred to a statement (staff no longer in an imported file); withdraws their device cookies. */
export async function deactivateUsers(db: Db, userIds: number[]) {
  const now = new Date().toISOString();
  for (let i = 0; i < userIds.length; i += 500)
    await db
      .updateTable("users")
      .set((eb) => ({
        active: false,
        updated_at: now,
        row_version: eb("row_version", "+", 1),
        ...withdrawDeviceCookies(eb),
      }))
      .where("id", "in", userIds.slice(i, i + 500))
      .execute();
}
