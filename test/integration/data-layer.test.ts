// The data layer behaves the same on both engines: searches with wildcard characters, audit rows
// carrying the request id, booleans and times as the app expects them.
import { describe, expect, it } from "vitest";
import { checkCaseFolding } from "~db/like";
import { listAudit, recordAudit } from "~db/queries/audit.server";
import { insertUser, listUsers } from "~db/queries/users.server";
import { requestScope } from "~db/request-scope";
import { TEST_ENGINE, testDatabase } from "../support/database";

const db = await testDatabase();

describe(`data layer on ${TEST_ENGINE}`, () => {
  it("finds users by a search containing _ or %, case-insensitively, taking the wildcards literally", async () => {
    const base = { role: "officer" as const, establishment_id: null, unit_id: null, password_hash: "x", active: true };
    await insertUser(db, { ...base, username: "sam_o", display_name: "Sam O'Brien" });
    await insertUser(db, { ...base, username: "samxo", display_name: "Sam Xo" });
    await insertUser(db, { ...base, username: "pct", display_name: "Ninety% Sure" });
    expect((await listUsers(db, { search: "SAM_O", limit: 50 })).map((u) => u.username)).toEqual(["sam_o"]);
    expect((await listUsers(db, { search: "90%", limit: 50 })).map((u) => u.username)).toEqual([]);
    expect((await listUsers(db, { search: "ty% s", limit: 50 })).map((u) => u.username)).toEqual(["pct"]);
    expect((await listUsers(db, { search: "%", limit: 50 })).map((u) => u.username)).toEqual(["pct"]);
  });

  it("finds users and their audit events by any letter in either case, accented letters too", async () => {
    const base = { role: "officer" as const, establishment_id: null, unit_id: null, password_hash: "x", active: true };
    const elodie = await insertUser(db, { ...base, username: "ÉAberg", display_name: "Élodie Åberg" });
    await insertUser(db, { ...base, username: "zob", display_name: "Zoë O'Brien" });
    await insertUser(db, { ...base, username: "eaberg2", display_name: "Elodie Aberg" });
    const found = async (search: string) => (await listUsers(db, { search, limit: 50 })).map((u) => u.display_name);
    expect(await found("élodie")).toEqual(["Élodie Åberg"]);
    expect(await found("ÅBERG")).toEqual(["Élodie Åberg"]);
    expect(await found("zoë")).toEqual(["Zoë O'Brien"]);
    expect(await found("ZOË O'")).toEqual(["Zoë O'Brien"]);
    expect(await found("éa")).toEqual(["Élodie Åberg"]); // the username
    await recordAudit(db, { actorUserId: null, action: "test.folded", subjectUserId: elodie });
    const events = await listAudit(db, { person: "ÉLODIE", limit: 50, offset: 0 });
    expect(events.map((e) => e.action)).toEqual(["test.folded"]);
  });

  it("starts only where it can search so (PostgreSQL with ICU, as the test server is)", async () => {
    await expect(checkCaseFolding(db)).resolves.toBeUndefined();
  });

  it("filters the audit log by an action prefix with an underscore (sign_in)", async () => {
    await recordAudit(db, { actorUserId: null, action: "sign_in.failed" });
    await recordAudit(db, { actorUserId: null, action: "signxin.other" });
    const rows = await listAudit(db, { action: "sign_in", limit: 50, offset: 0 });
    expect(rows.map((r) => r.action)).toEqual(["sign_in.failed"]);
  });

  it("records the request id with each audit row written during a request", async () => {
    await requestScope.run({ requestId: "req-123" }, () =>
      recordAudit(db, { actorUserId: null, action: "test.scoped" }),
    );
    const row = await db
      .selectFrom("audit_events")
      .select(["request_id", "at"])
      .where("action", "=", "test.scoped")
      .executeTakeFirstOrThrow();
    expect(row.request_id).toBe("req-123");
    // Times come back as ISO 8601 UTC strings on both engines.
    expect(row.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("gives flags as booleans and compares times as times", async () => {
    const user = await db
      .selectFrom("users")
      .select(["active", "created_at"])
      .where("username_key", "=", "officer")
      .executeTakeFirstOrThrow();
    expect(user.active).toBe(true);
    const later = await db
      .selectFrom("users")
      .select("id")
      .where("username_key", "=", "officer")
      .where("created_at", "<", new Date(Date.now() + 60_000).toISOString())
      .execute();
    expect(later).toHaveLength(1);
  });
});
