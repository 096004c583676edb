/**
 * The step service on a real SQLite file: the server is the only authority on what is recorded.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../support/database";

const { startAttempt, takeStep, abandonAttempt } = await import("~/practice/attempts.server");
const { getScenarioVersion, getCurriculum, bumpLibraryGeneration } = await import("~/curriculum/curriculum.server");
const { countBehaviours } = await import("~/domain/indicators");
const { recordOf, recordCsv } = await import("~/practice/record.server");
const { neutraliseCell } = await import("~/domain/reporting/csv");
const { insertScenarioVersion } = await import("~db/queries/scenario-versions.server");
type MiCode = import("~/domain/mi-codes").MiCode;
type RecordEntry = import("~/practice/record.server").RecordEntry;

const db = await testDatabase();

let officer: { id: number; establishmentId: number | null };
let other: { id: number; establishmentId: number | null };

async function officerNamed(username: string) {
  const row = await db
    .selectFrom("users")
    .select(["id", "establishment_id"])
    .where("username_key", "=", username)
    .executeTakeFirstOrThrow();
  return { id: row.id, establishmentId: row.establishment_id };
}

async function attemptRow(id: string) {
  return db.selectFrom("attempts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
async function stepRows(id: string) {
  return db.selectFrom("attempt_steps").selectAll().where("attempt_id", "=", id).orderBy("seq").execute();
}

/** Where the attempt is now, and what it offers, read from its stored snapshot and scenario. */
async function position(id: string) {
  const row = await attemptRow(id);
  const version = (await getScenarioVersion(db, row.scenario_version_id))!;
  const nodeId = (JSON.parse(row.snapshot) as { value: string }).value;
  return { row, nodeId, node: version.scenario.nodes[nodeId] };
}

async function started(scenarioId: string, mode: "practice" | "assessment" = "practice", who = officer) {
  const result = await startAttempt(db, who, scenarioId, mode);
  if (!result.ok) throw new Error("could not start");
  return result.attemptId;
}

beforeAll(async () => {
  officer = await officerNamed("officer");
  other = await officerNamed("officer2");
});

describe("starting an attempt", () => {
  it("uses the newest version, an unguessable id, a persisted snapshot and row version 1", async () => {
    const id = await started("appeal-denial");
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const row = await attemptRow(id);
    const newest = (await getCurriculum(db)).flatMap((m) => m.scenarios).find((s) => s.id === "appeal-denial")!;
    expect(row).toMatchObject({
      officer_id: officer.id,
      scenario_version_id: newest.versionId,
      module_id: "listening-on-the-landing",
      status: "in_progress",
      row_version: 1,
      step_count: 0,
    });
    expect(JSON.parse(row.snapshot)).toMatchObject({ value: "opening", status: "active" });
    // A second start (another click, another tab) returns the same attempt.
    expect(await startAttempt(db, officer, "appeal-denial", "assessment")).toEqual({
      ok: true,
      attemptId: id,
      resumed: true,
    });
    expect(await abandonAttempt(db, officer, id)).toEqual({ kind: "ok" });
  });

  it("refuses a scenario that is not in the curriculum", async () => {
    expect(await startAttempt(db, officer, "no-such-scenario", "practice")).toEqual({
      ok: false,
      reason: "unknown-scenario",
    });
  });
});

describe("taking a step", () => {
  it("records a valid choice with its MI code and the reply's talk type, and bumps the row version", async () => {
    const id = await started("appeal-denial");
    expect(
      await takeStep(db, officer, id, { nodeId: "opening", rowVersion: 1, choiceId: "putting-name" }),
    ).toMatchObject({
      kind: "ok",
      finished: false,
      attempt: { id, row_version: 2, step_count: 1, status: "in_progress" },
    });
    const [step] = await stepRows(id);
    expect(step).toMatchObject({
      seq: 1,
      node_id: "opening",
      choice_id: "putting-name",
      mi_code: "complex_reflection",
      reply_node_id: "looked-at",
      reply_talk: "neutral",
      free_text: null,
    });
    expect(await attemptRow(id)).toMatchObject({ row_version: 2, step_count: 1 });
    await abandonAttempt(db, officer, id);
  });

  it("records nothing for a forged choice id", async () => {
    const id = await started("appeal-denial");
    expect(await takeStep(db, officer, id, { nodeId: "opening", rowVersion: 1, choiceId: "dad-matters-most" })).toEqual(
      {
        kind: "not-allowed",
      },
    );
    expect(await takeStep(db, officer, id, { nodeId: "opening", rowVersion: 1, choiceId: "<script>" })).toEqual({
      kind: "not-allowed",
    });
    // A written reply where the node offers choices is refused too.
    expect(await takeStep(db, officer, id, { nodeId: "opening", rowVersion: 1, text: "Hello" })).toEqual({
      kind: "not-allowed",
    });
    expect(await stepRows(id)).toHaveLength(0);
    expect(await attemptRow(id)).toMatchObject({ row_version: 1, step_count: 0 });
    await abandonAttempt(db, officer, id);
  });

  it("records nothing from a stale page: old row version or old node", async () => {
    const id = await started("appeal-denial");
    await takeStep(db, officer, id, { nodeId: "opening", rowVersion: 1, choiceId: "not-while-appealing" });
    // The same request again (a replay, or the back button and submit).
    expect(
      await takeStep(db, officer, id, { nodeId: "opening", rowVersion: 1, choiceId: "not-while-appealing" }),
    ).toEqual({
      kind: "stale",
    });
    // The right version but a node the officer has left.
    expect(await takeStep(db, officer, id, { nodeId: "opening", rowVersion: 2, choiceId: "jury" })).toEqual({
      kind: "stale",
    });
    // A future version nobody has reached.
    expect(await takeStep(db, officer, id, { nodeId: "looked-at", rowVersion: 7, choiceId: "whats-he-like" })).toEqual({
      kind: "stale",
    });
    expect(await stepRows(id)).toHaveLength(1);
    expect(await attemptRow(id)).toMatchObject({ row_version: 2, step_count: 1 });
    await abandonAttempt(db, officer, id);
  });

  it("records one step for a double submit sent at the same moment", async () => {
    const id = await started("appeal-denial");
    const input = { nodeId: "opening", rowVersion: 1, choiceId: "putting-name" };
    const results = await Promise.all([
      takeStep(db, officer, id, input),
      takeStep(db, officer, id, input),
      takeStep(db, officer, id, { ...input, choiceId: "jury" }),
    ]);
    expect(results.filter((r) => r.kind === "ok")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "stale")).toHaveLength(2);
    expect(await stepRows(id)).toHaveLength(1);
    expect(await attemptRow(id)).toMatchObject({ row_version: 2, step_count: 1 });
    await abandonAttempt(db, officer, id);
  });

  it("refuses another officer's attempt as if it did not exist", async () => {
    const id = await started("appeal-denial");
    expect(await takeStep(db, other, id, { nodeId: "opening", rowVersion: 1, choiceId: "putting-name" })).toEqual({
      kind: "not-found",
    });
    expect(await abandonAttempt(db, other, id)).toEqual({ kind: "not-found" });
    expect(await stepRows(id)).toHaveLength(0);
    expect((await attemptRow(id)).status).toBe("in_progress");
    await abandonAttempt(db, officer, id);
  });

  it("stores a written reply as free text with no MI code, and refuses an empty or over-long one", async () => {
    const id = await started("what-youll-write");
    // Walk to the first write node by always taking the first listed choice until one appears.
    for (let guard = 0; guard < 30; guard++) {
      const { row, nodeId, node } = await position(id);
      if (node.write) {
        expect(await takeStep(db, officer, id, { nodeId, rowVersion: row.row_version, text: "   " })).toMatchObject({
          kind: "invalid-text",
        });
        expect(
          await takeStep(db, officer, id, { nodeId, rowVersion: row.row_version, text: "x".repeat(2001) }),
        ).toMatchObject({ kind: "invalid-text" });
        expect(await takeStep(db, officer, id, { nodeId, rowVersion: row.row_version, choiceId: "anything" })).toEqual({
          kind: "not-allowed",
        });
        const before = (await stepRows(id)).length;
        expect(
          await takeStep(db, officer, id, {
            nodeId,
            rowVersion: row.row_version,
            text: "You want to know what you're walking into.",
          }),
        ).toMatchObject({ kind: "ok" });
        const steps = await stepRows(id);
        expect(steps).toHaveLength(before + 1);
        expect(steps.at(-1)).toMatchObject({
          node_id: nodeId,
          choice_id: null,
          mi_code: null,
          free_text: "You want to know what you're walking into.",
        });
        // A trainer's rating of the reply shows in the officer's record and its CSV.
        const trainer = await officerNamed("trainer");
        await db
          .insertInto("written_reply_reviews")
          .values({
            step_id: steps.at(-1)!.id,
            reviewer_id: trainer.id,
            rating: 4,
            comment: "=Good: it names his caution",
            at: new Date().toISOString(),
          })
          .execute();
        const entry = (await recordOf(db, officer.id)).find((e) => e.id === id)!;
        expect(entry.writtenReplies).toEqual([
          expect.objectContaining({
            reply: "You want to know what you're walking into.",
            rating: 4,
            comment: "=Good: it names his caution",
          }),
        ]);
        expect(recordCsv([entry])).toContain(
          "Rating: 4 out of 5, reflection adding meaning | Comment: =Good: it names his caution",
        );
        await abandonAttempt(db, officer, id);
        return;
      }
      await takeStep(db, officer, id, { nodeId, rowVersion: row.row_version, choiceId: node.choices![0].id });
    }
    throw new Error("no write node reached");
  });
});

describe("finishing", () => {
  it("stores the ending, outcome, time and behaviour counts of the choices made", async () => {
    const id = await started("appeal-denial", "assessment");
    const chosen: MiCode[] = [];
    let finished = false;
    for (let guard = 0; guard < 40 && !finished; guard++) {
      const { row, nodeId, node } = await position(id);
      if (node.write) {
        const r = await takeStep(db, officer, id, { nodeId, rowVersion: row.row_version, text: "A written reply." });
        finished = r.kind === "ok" && r.finished;
        continue;
      }
      // Prefer reflections so the path is a realistic good one; take the last choice otherwise.
      const choice = node.choices!.find((c) => c.mi === "complex_reflection") ?? node.choices!.at(-1)!;
      const r = await takeStep(db, officer, id, { nodeId, rowVersion: row.row_version, choiceId: choice.id });
      expect(r.kind).toBe("ok");
      chosen.push(choice.mi);
      finished = r.kind === "ok" && r.finished;
    }
    expect(finished).toBe(true);
    const row = await attemptRow(id);
    const { node, nodeId } = await position(id);
    const counts = countBehaviours(chosen);
    expect(row).toMatchObject({
      status: "finished",
      ending_node: nodeId,
      outcome: node.ending!.outcome,
      open_questions: counts.openQuestions,
      closed_questions: counts.closedQuestions,
      simple_reflections: counts.simpleReflections,
      complex_reflections: counts.complexReflections,
      mi_adherent: counts.miAdherent,
      mi_non_adherent: counts.miNonAdherent,
    });
    expect(counts.complexReflections).toBeGreaterThan(0);
    expect(row.finished_at).not.toBeNull();
    expect((await stepRows(id)).map((s) => s.seq)).toEqual(chosen.map((_, i) => i + 1));
    // Nothing more can be recorded on a finished attempt, and it cannot be abandoned.
    expect(await takeStep(db, officer, id, { nodeId, rowVersion: row.row_version, choiceId: "x" })).toEqual({
      kind: "not-in-progress",
    });
    expect(await abandonAttempt(db, officer, id)).toEqual({ kind: "not-in-progress" });

    const record = await recordOf(db, officer.id);
    const entry = record.find((e) => e.id === id)!;
    expect(entry).toMatchObject({ mode: "assessment", status: "Finished", scenarioId: "appeal-denial" });
    expect(entry.indicators["Complex reflections"]).toMatch(/%/);
  });

  it("an attempt in progress finishes on the version it started with", async () => {
    const id = await started("appeal-denial");
    const row = await attemptRow(id);
    const old = (await getScenarioVersion(db, row.scenario_version_id))!;
    // Publish a new version whose opening no longer offers "jury".
    const yaml = old.yaml.replace(/\n {6}- id: jury\n(?: {8}.*\n)+?(?= {6}- id:)/, "\n");
    expect(yaml).not.toBe(old.yaml);
    await insertScenarioVersion(db, {
      scenarioId: "appeal-denial",
      hash: "test-new",
      yaml,
      title: old.scenario.title,
      moduleId: old.scenario.module,
      source: "studio",
    });
    await bumpLibraryGeneration(db);
    expect(await takeStep(db, officer, id, { nodeId: "opening", rowVersion: 1, choiceId: "jury" })).toMatchObject({
      kind: "ok",
      finished: false,
    });
    const fresh = await started("closer-to-my-kids");
    await abandonAttempt(db, officer, fresh);
    const next = await startAttempt(db, officer, "appeal-denial", "practice");
    expect(next).toMatchObject({ ok: true, resumed: true, attemptId: id });
    await abandonAttempt(db, officer, id);
    const newer = await started("appeal-denial");
    expect((await attemptRow(newer)).scenario_version_id).toBeGreaterThan(row.scenario_version_id);
    expect(await takeStep(db, officer, newer, { nodeId: "opening", rowVersion: 1, choiceId: "jury" })).toEqual({
      kind: "not-allowed",
    });
    await abandonAttempt(db, officer, newer);
  });
});

describe("the record download", () => {
  /** One finished practice attempt as the record lists it, with `changes` made. */
  const entry = (changes: Partial<RecordEntry>): RecordEntry => ({
    id: "x",
    started: "1 January 2026 at midnight",
    finished: null,
    startedAt: "2026-01-01T00:00:00Z",
    finishedAt: null,
    assessment: null,
    scenarioId: "s",
    scenario: "Scenario",
    module: "m",
    mode: "practice",
    status: "Finished",
    ending: null,
    outcome: null,
    indicators: {},
    writtenReplies: [],
    ...changes,
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const bad of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseCell(bad)).toBe(`'${bad}`);
    expect(neutraliseCell("Plain words")).toBe("Plain words");
  });

  it("neutralises a written reply that starts like a formula", () => {
    const csv = recordCsv([entry({ scenario: '=HYPERLINK("http://evil")' })]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it("keeps an attempt with two written replies on one row: the line feed between them is quoted", () => {
    const reply = (text: string) => ({
      prompt: "p",
      reply: text,
      at: "2026-01-01T00:01:00Z",
      rating: null,
      comment: null,
    });
    const csv = recordCsv([entry({ writtenReplies: [reply("First"), reply("Second")] })]);
    // Outside quoted cells there is no line feed but the CRLF ending each row (a spreadsheet splits on either).
    expect(csv.replace(/"(?:[^"]|"")*"/g, "").match(/\r\n|\n|\r/g)).toEqual(["\r\n", "\r\n"]);
    expect(csv).toContain('"Reply: First | Rating: not yet rated\nReply: Second | Rating: not yet rated"');
  });
});
