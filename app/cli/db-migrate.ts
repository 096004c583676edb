// npm run db:migrate: applies pending migrations to the configured database (DATABASE_URL for
// PostgreSQL, else DATABASE_PATH, default db/data/engage.sqlite).
import { migrateToLatest, openDatabase } from "~db/connection.server";
import { loadConfigOrExit } from "~/config.server";
import { describeTarget } from "./database-name";

const config = loadConfigOrExit("command");
const db = openDatabase(config.database);
try {
  const applied = await migrateToLatest(db);
  const where = describeTarget(config.database);
  console.log(applied.length ? `Applied ${applied.join(", ")} to ${where}` : `${where} is up to date`);
} finally {
  await db.destroy();
}
