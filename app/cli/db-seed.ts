// npm run db:seed: loads the demo prison into an empty database (and refuses a database with users).
import { databasePath, migrateToLatest, openDatabase } from "../../db/connection.server";
import { countUsers } from "../../db/queries/users.server";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "../../db/seed/demo.server";

const file = databasePath();
const db = openDatabase(file);
await migrateToLatest(db);
if ((await countUsers(db)) > 0) {
  console.error(`${file} already has users: the demo data is only loaded into an empty database.`);
  await db.destroy();
  process.exit(1);
}
await seedDemo(db);
console.log(`Seeded the demo prison into ${file}. Sign in with password "${DEMO_PASSWORD}" as:`);
for (const u of DEMO_USERS) console.log(`  ${u.username} (${u.role})`);
await db.destroy();
