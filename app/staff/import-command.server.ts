// `npm run users:import -- FILE.csv [--dry-run] [--deactivate-missing]`: the nightly HR feed.
// One line per problem ("line N: message"), then the counts; exit code 1 when any row has an
// error, and then nothing at all is written.
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { describeCounts } from "~/domain/staff-import";
import { applyStaffPlan, MAX_STAFF_FILE_BYTES, planStaffFile } from "~/staff/import.server";

const USAGE = "usage: npm run users:import -- FILE.csv [--dry-run] [--deactivate-missing]";

export async function runUsersImport(
  db: Kysely<Database>,
  args: string[],
  print: (line: string) => void,
): Promise<number> {
  const flags = new Set(args.filter((a) => a.startsWith("--")));
  const files = args.filter((a) => !a.startsWith("--"));
  const unknown = [...flags].filter((f) => f !== "--dry-run" && f !== "--deactivate-missing");
  if (files.length !== 1 || unknown.length) {
    print(unknown.length ? `unknown option ${unknown.join(", ")}` : "name one CSV file");
    print(USAGE);
    return 2;
  }
  const file = files[0];
  let bytes: Buffer;
  try {
    if (fs.statSync(file).size > MAX_STAFF_FILE_BYTES) {
      print(`line 1: the file is larger than ${MAX_STAFF_FILE_BYTES.toLocaleString("en-GB")} bytes`);
      print(`import: ${describeCounts({ new: 0, changed: 0, unchanged: 0, deactivated: 0, errors: 1 })}`);
      return 1;
    }
    bytes = fs.readFileSync(file);
  } catch {
    print(`cannot read ${file}`);
    return 2;
  }
  const options = { onlyPrisonId: null, deactivateMissing: flags.has("--deactivate-missing"), actorId: null };
  const { plan, errors } = await planStaffFile(db, new Uint8Array(bytes), options);
  for (const e of errors) print(`line ${e.line}: ${e.message}`);
  const counts = plan?.counts ?? { new: 0, changed: 0, unchanged: 0, deactivated: 0, errors: errors.length };
  if (!plan || errors.length) {
    print(`import: ${describeCounts({ ...counts, errors: errors.length })}`);
    return 1;
  }
  if (!flags.has("--dry-run")) {
    const applied = await applyStaffPlan(db, plan, {
      ...options,
      source: "command line",
      fileName: path.basename(file),
    });
    if (!applied.ok) {
      print(applied.message);
      print(`import: ${describeCounts({ ...counts, errors: 1 })}`);
      return 1;
    }
  }
  print(`import: ${describeCounts(counts)}${flags.has("--dry-run") ? " (dry run: nothing written)" : ""}`);
  return 0;
}
