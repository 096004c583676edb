import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { v5 } from "uuid";
import { z } from "zod";
import { DEFAULT_THRESHOLDS, type AttemptRecord } from "~/domain/competency";
import {
  isoDuration,
  statementWriter,
  uuidV5,
  uuidV5Namer,
  VERBS,
  type Statement,
  type StatementInput,
  type XapiOptions,
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

/** One statement, read back from the text the writer writes. */
const buildStatement = (i: StatementInput, o: XapiOptions) => JSON.parse(statementWriter(o)(i).json) as Statement;

describe("uuidV5", () => {
  it("matches the RFC 4122 example (DNS namespace, www.example.com) and the uuid package's ids", () => {
    const dns = uuidV5Namer("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    expect(dns("www.example.com")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    for (const name of [
      "",
      "statement:0f8fad5b-d9cb-469f-a165-70867728950e",
      "officer:12",
      "café ✓ 🙂",
      "x".repeat(200),
    ]) {
      expect(dns(name)).toBe(v5(name, "6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
      expect(uuidV5(name)).toBe(v5(name, "5d1e8f0a-3c57-4b8e-9a0f-6f2b7c1d4e93"));
    }
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

describe("statementWriter", () => {
  it("writes each statement as JSON.stringify would write it, with its id beside it", () => {
    const write = statementWriter(opts);
    const list = [
      write(input()),
      write(input({ mode: "practice" }, "a2")),
      write({ ...input({}, "a3"), moduleId: "other-module", moduleTitle: "Other" }),
      write(input({ scenarioId: "appeal-denial", outcome: "disengaged" }, "a4")),
      write({
        ...input({ scenarioId: "quoted" }),
        scenarioTitle: 'Title with "quotes" and \\ and \n',
        actorName: 'odd "actor"',
      }),
    ];
    for (const s of list) {
      const statement = JSON.parse(s.json) as Statement;
      expect(JSON.stringify(statement)).toBe(s.json);
      expect(statement.id).toBe(s.id);
      expect(schema.safeParse(statement).success).toBe(true);
    }
  });
});
