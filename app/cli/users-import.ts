// npm run users:import -- FILE.csv [--dry-run] [--deactivate-missing]
import { migrateToLatest, openDatabase } from "~db/connection.server";
import { loadConfigOrExit } from "~/config.server";
import { runUsersImport } from "~/staff/import-command.server";

const config = loadConfigOrExit("command");
const db = openDatabase(config.database);
try {
  await migrateToLatest(db);
  process.exitCode = await runUsersImport(db, process.argv.slice(2), (line) => console.log(line));
} finally {
  await db.destroy();
}
