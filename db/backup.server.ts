// Online backup of the SQLite database: SQLite's backup API (through better-sqlite3) copies a
// consistent snapshot page by page while Engage keeps reading and writing. The copy is written
// beside its destination first and renamed into place once it has passed an integrity check, so
// a half-written file never carries the destination's name.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

const ALL_PAGES = 0x7fffffff;

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
}

export async function backupSqlite(source: string, destination: string): Promise<BackupResult> {
  if (!fs.existsSync(source)) throw new Error(`there is no database at ${source}`);
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists: choose a new file name`);
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const partial = `${destination}.partial-${process.pid}`;
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // All pages in one step: copied in small steps, a busy database would restart the copy after
    // every write by another connection and never finish. With WAL, writers carry on meanwhile.
    const { totalPages } = await db.backup(partial, { progress: () => ALL_PAGES });
    const copy = new SQLite(partial, { fileMustExist: true });
    try {
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new Error(`the copy failed SQLite's integrity check: ${String(check)}`);
      // A single file to keep: no write-ahead log beside it.
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    fs.renameSync(partial, destination);
    return { file: destination, bytes: fs.statSync(destination).size, pages: totalPages };
  } catch (error) {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(leftover, { force: true });
    throw error;
  } finally {
    db.close();
  }
}
