import type { Kysely } from "kysely";

// A device cookie (app/auth/device-cookie.server.ts) carries its user's stamp as it was when it was issued;
// a password reset or change, or a deactivation, moves the stamp on, so every device cookie issued before
// stops giving its browser guesses of its own.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("device_cookie_stamp", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}
