// What happens once when the server starts, after migrations: the demo prison on an empty
// database, and a log of where Engage is and how to sign in.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { countUsers, findUserForSignIn } from "~db/queries/users.server";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "~db/seed/demo.server";
import { deleteExpiredSessions } from "~db/queries/sessions.server";
import { importLibrary } from "~/curriculum.server";

export async function startUp(db: Kysely<Database>, { file }: { file: string }) {
  if ((await countUsers(db)) === 0 && process.env.ENGAGE_SEED_DEMO !== "false") {
    await seedDemo(db);
    console.log(`Engage: created the demo prison in ${file}`);
  }
  await deleteExpiredSessions(db, new Date());
  await importLibrary(db);
  console.log(`Engage: database ${file}`);
  console.log(`Engage: open http://localhost:${process.env.PORT || "3000"}`);
  if (await findUserForSignIn(db, "admin")) {
    console.log(`Engage: demo sign-ins (password "${DEMO_PASSWORD}" unless an admin has reset it):`);
    for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(10)} ${u.role.padEnd(8)} ${u.display_name}`);
  }
}
