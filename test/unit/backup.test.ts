// npm run db:backup's engine: SQLite's online backup, taken while another connection keeps
// writing, gives a copy that passes the integrity check and that Engage can open and use.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { migrationState, openDatabase } from "~db/connection.server";
import { backupSqlite } from "~db/backup.server";
import { recordAudit } from "~db/queries/audit.server";
import { TEST_ENGINE } from "../support/database";

describe.runIf(TEST_ENGINE === "sqlite")("db:backup", () => {
  it("copies the database while it is being written, and the copy restores", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engage-backup-"));
    const live = path.join(dir, "engage.sqlite");
    fs.copyFileSync(inject("templates").demo, live);
    const db = openDatabase({ engine: "sqlite", path: live });
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await recordAudit(db, { actorUserId: null, action: "test.write", details: { n: written } });
        written++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const copyFile = path.join(dir, "backups", "copy.sqlite");
    const result = await backupSqlite(live, copyFile);
    writing = false;
    await writer;
    await db.destroy();
    expect(result.bytes).toBeGreaterThan(0);
    await expect(backupSqlite(live, copyFile)).rejects.toThrow(/already exists/);
    expect(fs.readdirSync(path.dirname(copyFile))).toEqual(["copy.sqlite"]);

    // Restored: Engage opens it with every migration applied and the writes up to the snapshot.
    const restored = openDatabase({ engine: "sqlite", path: copyFile });
    expect((await migrationState(restored)).pending).toBe(0);
    const copied = await restored
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "test.write")
      .execute();
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.length).toBeLessThanOrEqual(written);
    // A consistent snapshot: the writes it holds are the first n, with none missing in between.
    expect(copied.map((r) => JSON.parse(r.details!).n)).toEqual(copied.map((_, i) => i));
    expect(
      await restored.selectFrom("users").select("username").where("username", "=", "admin").execute(),
    ).toHaveLength(1);
    await restored.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
