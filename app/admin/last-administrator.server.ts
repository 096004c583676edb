// Engage always keeps an active administrator: an estate with none cannot fix anything. Every change that can
// take administrator access away (an administrator's form, a sign-in through single sign-on) asks here, holding
// the rows it counts until its change is written.
import type { Transaction } from "kysely";
import type { Database } from "~db/schema";
import { activeAdministratorIds, countUsers, lockUsers, type LockedUser } from "~db/queries/users.server";

/** Taking `user`'s administrator access away would leave Engage with no one to manage it. `user` is locked. */
export async function isLastAdministrator(trx: Transaction<Database>, user: LockedUser) {
  return user.active && user.role === "admin" && (await countUsers(trx, { role: "admin", active: true })) <= 1;
}

/**
 * Holds `ids` and every active administrator's row, in one id order (as `lockUsers` does, so no deadlock). A
 * change with no administrator making it (a sign-in demoting the person signing in) has no actor's row to queue
 * behind: two such sign-ins at once would each count the other as the administrator left.
 */
export async function lockWithAdministrators(trx: Transaction<Database>, ids: number[]) {
  return lockUsers(trx, [...ids, ...(await activeAdministratorIds(trx))]);
}
