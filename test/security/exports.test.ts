// Exports: attempt ids survive the CSV exactly (so each row finds its attempt), formula guards
// touch only free text, and every download, delivery, YAML export and opened reply is audited
// with who, what, the filters and the number of rows.
import { describe, expect, it } from "vitest";
import { newAttemptId } from "~/practice/attempts.server";
import { parseCsv } from "../support/csv";
import { Probe, securityFixtures, withCookie } from "./fixtures";

const f = await securityFixtures();
const probe = new Probe("exports", f.server.url);

async function auditRows(action: string) {
  const rows = await f.db
    .selectFrom("audit_events")
    .select(["actor_user_id", "subject_user_id", "establishment_id", "details"])
    .where("action", "=", action)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details ?? "{}") }));
}

describe("attempt ids in the CSV", () => {
  it("are made so they never start with a formula character", () => {
    for (let i = 0; i < 20_000; i++) expect(newAttemptId()).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{21}$/);
  });

  it("read back exactly, old ids starting with '-' included, while free text is still guarded", async () => {
    const template = await f.db
      .selectFrom("attempts")
      .selectAll()
      .where("id", "=", f.own.attemptFinished)
      .executeTakeFirstOrThrow();
    const made = [
      ...Array.from({ length: 120 }, () => newAttemptId()),
      "-legacyIdFromBefore012",
      "-2-3-formulaLooking0A",
    ];
    const started = Date.parse(template.started_at);
    for (const [i, id] of made.entries())
      await f.db
        .insertInto("attempts")
        .values({ ...template, id, started_at: new Date(started - (i + 1) * 60_000).toISOString() })
        .execute();
    await f.db
      .updateTable("users")
      .set({ display_name: '=HYPERLINK("x")' })
      .where("id", "=", f.own.officerId)
      .execute();

    const res = await probe.send("/reports/exports/attempts.csv", withCookie(await f.cookie("manager")));
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // The streamed download starts with the UTF-8 mark (for Excel) before its first part.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes));
    const idColumn = header.indexOf("Attempt");
    const inCsv = rows.map((r) => r[idColumn]).sort();
    const stored = (
      await f.db.selectFrom("attempts").select("id").where("establishment_id", "=", f.own.prisonId).execute()
    )
      .map((r) => r.id)
      .sort();
    expect(inCsv).toEqual(stored);
    expect(inCsv).toContain("-legacyIdFromBefore012");
    // The officer's name is free text: it is guarded.
    expect(rows[0][header.indexOf("Officer")]).toBe('\'=HYPERLINK("x")');

    const audit = await auditRows("export.attempts_csv");
    expect(audit.at(-1)).toMatchObject({
      establishment_id: f.own.prisonId,
      details: { rows: stored.length, filters: {} },
    });
  });
});

describe("every export is audited", () => {
  it("with who, what, the filters and the number of rows", async () => {
    const manager = await f.cookie("manager");
    const officer = await f.cookie("officer");
    const trainer = await f.cookie("trainer");
    for (const [who, path] of [
      [manager, "/reports/exports/attempts.csv?mode=assessment&status=finished"],
      [manager, "/reports/exports/matrix.csv?status=practised"],
      [manager, "/reports/exports/statements.json?mode=assessment"],
      [officer, "/record.csv"],
      [officer, "/record.json"],
      [officer, "/record/observations.csv"],
      [manager, "/reports/exports/observations.csv"],
      [trainer, `/studio/${f.scenarioId}/export`],
      [trainer, `/studio/reviews/${f.own.replyStepId}`],
    ] as const) {
      expect((await probe.send(path, withCookie(who))).status, path).toBe(200);
    }
    const managerId = (
      await f.db.selectFrom("users").select("id").where("username", "=", "manager").executeTakeFirstOrThrow()
    ).id;
    const assessments = await f.db
      .selectFrom("attempts")
      .select("id")
      .where("establishment_id", "=", f.own.prisonId)
      .where("mode", "=", "assessment")
      .where("status", "=", "finished")
      .execute();
    expect((await auditRows("export.attempts_csv")).at(-1)).toMatchObject({
      actor_user_id: managerId,
      details: { filters: { mode: "assessment", status: "finished" }, rows: assessments.length },
    });
    expect((await auditRows("export.matrix_csv")).at(-1)).toMatchObject({
      details: { filters: { status: "practised" }, rows: expect.any(Number) },
    });
    expect((await auditRows("export.statements_json")).at(-1)).toMatchObject({
      details: { filters: { mode: "assessment" }, rows: assessments.length },
    });
    expect((await auditRows("export.own_record_csv")).at(-1)).toMatchObject({
      subject_user_id: f.own.officerId,
      details: { rows: expect.any(Number) },
    });
    expect(await auditRows("export.own_record_json")).toHaveLength(1);
    expect((await auditRows("export.own_observations_csv")).at(-1)).toMatchObject({
      subject_user_id: f.own.officerId,
      details: { rows: 1 },
    });
    expect((await auditRows("export.observations_csv")).at(-1)).toMatchObject({
      actor_user_id: managerId,
      establishment_id: f.own.prisonId,
      details: { rows: 1 },
    });
    expect((await auditRows("export.scenario_yaml")).at(-1)).toMatchObject({
      details: { scenario: f.scenarioId, version: "draft", rows: 1 },
    });
    expect((await auditRows("reply.opened")).at(-1)).toMatchObject({
      subject_user_id: f.own.officerId,
      establishment_id: f.own.prisonId,
      details: { stepId: f.own.replyStepId },
    });
  });
});
