// npm run db:seed: loads the demo prison into an empty database (and refuses a database with users).
import { migrateToLatest, openDatabase } from "~db/connection.server";
import { countUsers } from "~db/queries/users.server";
import { loadConfigOrExit } from "~/config.server";
import { importLibrary } from "~/curriculum/curriculum.server";
import { DEMO_PASSWORD, DEMO_SIGN_INS, seedDemo } from "~/seed/demo.server";
import { describeTarget } from "./database-name";

const config = loadConfigOrExit("command");
const db = openDatabase(config.database);
const where = describeTarget(config.database);
try {
  await migrateToLatest(db);
  if ((await countUsers(db)) > 0) {
    console.error(`${where} already has users: the demo data is only loaded into an empty database.`);
    process.exitCode = 1;
  } else {
    // The demo's training history is played on the library's scenario versions.
    await importLibrary(db, { dir: config.scenariosDir, log: console.log });
    const made = await seedDemo(db);
    console.log(
      `Seeded the demo prison into ${where}: ${made?.officers} officers, ${made?.attempts} attempts. Sign in with password "${DEMO_PASSWORD}" as:`,
    );
    for (const u of DEMO_SIGN_INS) console.log(`  ${u.username} (${u.role})`);
  }
} finally {
  await db.destroy();
}
