import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEFAULT_THRESHOLDS, type AttemptRecord } from "~/domain/competency";
import {
  buildStatement,
  isoDuration,
  statementBuilder,
  statementsToJson,
  uuidV5,
  VERBS,
} from "~/domain/reporting/xapi";

const schema = z.fromJSONSchema(
  JSON.parse(fs.readFileSync(new URL("../schemas/xapi-statement.schema.json", import.meta.url), "utf8")),
);

const record = (over: Partial<AttemptRecord> = {}): AttemptRecord => ({
  scenarioId: "wing-safety",
  mode: "assessment",
  status: "finished",
  startedAt: "2026-03-01T10:00:00.000Z",
  finishedAt: "2026-03-01T10:12:34.560Z",
  outcome: "engaged",
  counts: {
    openQuestions: 2,
    closedQuestions: 0,
    simpleReflections: 1,
    complexReflections: 2,
    miAdherent: 1,
    miNonAdherent: 0,
  },
  ...over,
});

const input = (over: Partial<AttemptRecord> = {}, attemptId = "0f8fad5b-d9cb-469f-a165-70867728950e") => ({
  attemptId,
  actorName: "c2a4bd47-3c07-5a55-9d0c-2a8e3f2c1b6d",
  record: record(over),
  scenarioTitle: "Wing safety",
  moduleId: "listening-on-the-landing",
  moduleTitle: "Listening on the landing",
  thresholds: DEFAULT_THRESHOLDS,
});
const opts = { baseUrl: "https://engage.example/" };

describe("uuidV5", () => {
  it("matches the RFC 4122 example (DNS namespace, www.example.com)", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });
});

describe("isoDuration", () => {
  it("writes hours, minutes and seconds to 0.01 s", () => {
    expect(isoDuration("2026-03-01T10:00:00.000Z", "2026-03-01T10:12:34.560Z")).toBe("PT12M34.56S");
    expect(isoDuration("2026-03-01T10:00:00.000Z", "2026-03-01T11:00:00.000Z")).toBe("PT1H");
    expect(isoDuration("2026-03-01T10:00:00.000Z", "2026-03-01T10:00:00.000Z")).toBe("PT0S");
    expect(isoDuration("2026-03-01T10:00:00.000Z", "2026-03-01T09:00:00.000Z")).toBe("PT0S");
  });
});

describe("buildStatement", () => {
  it("builds statements that meet the xAPI 1.0.3 rules in the schema", () => {
    const cases = [
      input(),
      input({ mode: "practice" }),
      input({
        counts: {
          openQuestions: 0,
          closedQuestions: 0,
          simpleReflections: 0,
          complexReflections: 0,
          miAdherent: 0,
          miNonAdherent: 2,
        },
      }),
      input({}, "attempt-id-that-is-not-a-uuid"),
      input({ finishedAt: "2026-03-01T13:00:00.000Z" }),
    ];
    for (const c of cases) {
      const s = buildStatement(c, opts);
      const result = schema.safeParse(s);
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
      const score = s.result.score as { raw: number; min: number; max: number; scaled: number };
      expect(score.raw).toBeGreaterThanOrEqual(score.min);
      expect(score.raw).toBeLessThanOrEqual(score.max);
    }
  });

  it("the schema rejects statements that break the rules", () => {
    const good = buildStatement(input(), opts);
    const bad = [
      { ...good, id: "not-a-uuid" },
      { ...good, actor: { ...good.actor, name: "Sam Okafor" } },
      { ...good, actor: { objectType: "Agent", mbox: "mailto:sam@example.org" } },
      { ...good, verb: { display: { "en-GB": "completed" } } },
      { ...good, result: { ...good.result, duration: "12 minutes" } },
      { ...good, result: { ...good.result, score: { scaled: 1.5 } } },
      { ...good, context: { ...good.context, registration: "attempt-1" } },
      { ...good, timestamp: "1 March 2026" },
      { ...good, object: { objectType: "Activity", id: "no spaces allowed" } },
    ];
    for (const b of bad) expect(schema.safeParse(b).success).toBe(false);
    const { verb: _v, ...noVerb } = good;
    expect(schema.safeParse(noVerb).success).toBe(false);
  });

  it("uses completed for practice and passed or failed for assessment, with success only for assessment", () => {
    const practice = buildStatement(input({ mode: "practice" }), opts);
    expect(practice.verb.id).toBe(VERBS.completed.id);
    expect(practice.result.completion).toBe(true);
    expect(practice.result.success).toBeUndefined();
    const passed = buildStatement(input(), opts);
    expect(passed.verb.id).toBe(VERBS.passed.id);
    expect(passed.result.success).toBe(true);
    const failed = buildStatement(input({ counts: { ...record().counts, miNonAdherent: 1 } }), opts);
    expect(failed.verb.id).toBe(VERBS.failed.id);
    expect(failed.result.success).toBe(false);
    const disengaged = buildStatement(input({ outcome: "disengaged" }), opts);
    expect(disengaged.verb.id).toBe(VERBS.failed.id);
  });

  it("keeps ids stable, puts the attempt in registration, the module as parent and the programme as grouping", () => {
    const a = buildStatement(input(), opts);
    const b = buildStatement(input(), { baseUrl: "https://other.example" });
    expect(a.id).toBe(b.id);
    expect(buildStatement(input({}, "another-attempt"), opts).id).not.toBe(a.id);
    expect(a.context.registration).toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(a.context.contextActivities.parent[0].id).toBe(
      "https://engage.example/xapi/activities/modules/listening-on-the-landing",
    );
    expect(a.context.contextActivities.grouping[0].id).toBe("https://engage.example/xapi/activities/programme");
    expect(a.timestamp).toBe("2026-03-01T10:12:34.560Z");
    expect(JSON.stringify(a.actor)).not.toMatch(/Sam|@/);
  });

  it("refuses an attempt that is not finished", () => {
    expect(() => buildStatement(input({ status: "in_progress", finishedAt: null }), opts)).toThrow();
  });
});

describe("statementsToJson", () => {
  it("writes the same statements as JSON.stringify, with shared parts reused", () => {
    const build = statementBuilder(opts);
    const list = [
      build(input()),
      build(input({ mode: "practice" }, "a2")),
      build({ ...input({}, "a3"), moduleId: "other-module", moduleTitle: "Other" }),
      build(input({ scenarioId: "appeal-denial", outcome: "disengaged" }, "a4")),
    ];
    expect(list[0].object).toBe(list[1].object); // shared, so written once
    const json = statementsToJson(list);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(list)));
    expect(statementsToJson([])).toBe("[]");
    for (const s of JSON.parse(json)) expect(schema.safeParse(s).success).toBe(true);
  });
});
