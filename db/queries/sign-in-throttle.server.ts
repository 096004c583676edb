// Sign-in guess counters, one row per key ("user:<username key>", "address:<client address>").
// A guess is counted in one atomic upsert before the password is checked: however many requests
// arrive at once, on one instance or several, each sees its own count.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

export interface GuessCount {
  guesses: number;
  windowStartedAt: string;
}

/**
 * Counts one guess for `key`: the first of a new window when the last window started at or before
 * `windowEndedBefore`, otherwise one more in the current window. Returns the count after this guess.
 */
export async function countGuess(db: Db, key: string, now: Date, windowEndedBefore: Date): Promise<GuessCount> {
  const at = now.toISOString();
  const expired = windowEndedBefore.toISOString();
  const row = await db
    .insertInto("sign_in_throttle")
    .values({ key, window_started_at: at, guesses: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => {
        const ended = eb("sign_in_throttle.window_started_at", "<=", expired);
        return {
          guesses: eb
            .case()
            .when(ended)
            .then(1)
            .else(eb("sign_in_throttle.guesses", "+", 1))
            .end(),
          window_started_at: eb.case().when(ended).then(at).else(eb.ref("sign_in_throttle.window_started_at")).end(),
        };
      }),
    )
    .returning(["guesses", "window_started_at"])
    .executeTakeFirstOrThrow();
  return { guesses: Number(row.guesses), windowStartedAt: new Date(row.window_started_at).toISOString() };
}

/** Gives back a guess that turned out right, if its window is still the current one. */
export function giveBackGuess(db: Db, key: string, windowStartedAt: string) {
  return db
    .updateTable("sign_in_throttle")
    .set((eb) => ({ guesses: eb("guesses", "-", 1) }))
    .where("key", "=", key)
    .where("window_started_at", "=", windowStartedAt)
    .where("guesses", ">", 0)
    .execute();
}

/** After a wrong guess that reached the limit: the window (and so the lock) runs from now. */
export function restartWindowAt(db: Db, key: string, now: Date, limit: number) {
  return db
    .updateTable("sign_in_throttle")
    .set({ window_started_at: now.toISOString() })
    .where("key", "=", key)
    .where("guesses", ">=", limit)
    .where("window_started_at", "<", now.toISOString())
    .execute();
}

/** An administrator set a new password: the username's lock ends. */
export function forgetGuesses(db: Db, key: string) {
  return db.deleteFrom("sign_in_throttle").where("key", "=", key).execute();
}

/** Counters whose window ended before `before`: nothing to remember. */
export function deleteEndedWindows(db: Db, before: Date) {
  return db.deleteFrom("sign_in_throttle").where("window_started_at", "<", before.toISOString()).execute();
}
