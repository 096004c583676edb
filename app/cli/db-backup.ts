// npm run db:backup -- FILE: a consistent copy of the SQLite database while Engage runs (SQLite's
// online backup). To restore, stop Engage, put the copy in place of DATABASE_PATH (removing any
// -wal and -shm files beside it) and start Engage again. PostgreSQL is backed up with its own
// tools (pg_dump): see README.
import { backupSqlite } from "~db/backup.server";
import { loadConfigOrExit } from "~/config.server";

const file = process.argv[2];
const config = loadConfigOrExit("command");

if (config.database.engine === "postgres") {
  console.error("Engage is using PostgreSQL (DATABASE_URL): back it up with PostgreSQL's own tools, for example");
  console.error('  pg_dump --format=custom --file=engage.dump "$DATABASE_URL"');
  console.error('and restore with pg_restore --clean --dbname="$DATABASE_URL" engage.dump. See README, Backups.');
  process.exit(1);
}
if (!file || file.startsWith("-")) {
  console.error("Say where to write the copy: npm run db:backup -- backups/engage-2026-11-30.sqlite");
  process.exit(1);
}
try {
  const result = await backupSqlite(config.database.path, file);
  const mb = (result.bytes / (1024 * 1024)).toFixed(1);
  console.log(
    `Backed up ${config.database.path} to ${result.file} (${mb} MB, ${result.pages} pages, integrity checked).`,
  );
} catch (error) {
  console.error(`The backup was not made: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
