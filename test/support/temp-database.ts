// A fresh SQLite file per test file: the real data layer, never a mock.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Points the app's database at a new temporary file. Call before anything calls getDb(). */
export function useTempDatabase(name = "engage") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engage-test-"));
  const file = path.join(dir, `${name}.sqlite`);
  process.env.DATABASE_PATH = file;
  return file;
}
