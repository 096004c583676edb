// npm run db:migrate: applies pending migrations to DATABASE_PATH (default db/data/engage.sqlite).
import { databasePath, migrateToLatest, openDatabase } from "../../db/connection.server";

const file = databasePath();
const db = openDatabase(file);
const applied = await migrateToLatest(db);
console.log(applied.length ? `Applied ${applied.join(", ")} to ${file}` : `${file} is up to date`);
await db.destroy();
