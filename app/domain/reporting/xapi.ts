/**
 * xAPI 1.0.3 statements for finished attempts. One statement per finished attempt: "completed"
 * for practice, "passed" or "failed" for assessment (against the module's thresholds, via
 * passesAssessment). Ids are UUID v5 of the attempt id, so writing a statement again (a retry,
 * a second export) gives the same id and an LRS never stores it twice. The actor is an account
 * with an opaque name: never a name or an email.
 */
import { parse, v5, validate } from "uuid";
import { indicatorShortfalls, passesAssessment, type AttemptRecord, type Thresholds } from "../competency";
import type { Outcome } from "../mi-codes";
import { indicatorsOf } from "../indicators";

/** Engage's own UUID namespace for v5 ids (random, fixed forever). */
const ENGAGE_NAMESPACE = "5d1e8f0a-3c57-4b8e-9a0f-6f2b7c1d4e93";

/**
 * RFC 9562 name-based UUIDs, version 5, from the uuid package, under one namespace parsed once and
 * with names given as UTF-8 bytes (the package parses a namespace given as text again for every id,
 * and turns a name into bytes a character at a time: a year's export makes 70,000 ids).
 */
export function uuidV5Namer(namespace: string): (name: string) => string {
  const namespaceBytes = parse(namespace);
  const utf8 = new TextEncoder();
  return (name) => v5(utf8.encode(name), namespaceBytes);
}

/** A v5 UUID under Engage's own namespace. */
export const uuidV5 = uuidV5Namer(ENGAGE_NAMESPACE);

/** ISO 8601 duration of the time between two instants, to 0.01 s as xAPI allows: "PT1H2M3.5S". */
export function isoDuration(fromIso: string, toIso: string): string {
  const cs = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 10));
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  return `PT${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s || (!h && !m) ? `${s}S` : ""}`;
}

export const VERBS = {
  completed: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-GB": "completed" } },
  passed: { id: "http://adlnet.gov/expapi/verbs/passed", display: { "en-GB": "passed" } },
  failed: { id: "http://adlnet.gov/expapi/verbs/failed", display: { "en-GB": "failed" } },
} as const;

export interface StatementInput {
  attemptId: string;
  /** opaque account name for the officer (never a name or an email) */
  actorName: string;
  record: AttemptRecord;
  scenarioTitle: string;
  moduleId: string;
  moduleTitle: string;
  thresholds: Thresholds;
}

export interface XapiOptions {
  /** the site's address, used for the account home page and activity ids, e.g. https://engage.example */
  baseUrl: string;
}

/** One statement, written: its id (what an LRS and xapi_deliveries know it by) and its JSON text. */
export interface WrittenStatement {
  id: string;
  json: string;
}

interface Activity {
  objectType: "Activity";
  id: string;
  definition: { name: { "en-GB": string }; type: string };
}

/** A statement as Engage writes it (the shape of `JSON.parse(json)`), keys in the order written. */
export interface Statement {
  id: string;
  actor: { objectType: "Agent"; account: { homePage: string; name: string } };
  verb: (typeof VERBS)[keyof typeof VERBS];
  object: Activity;
  result: {
    score: { scaled: number; raw: number; min: 0; max: 3 };
    completion: true;
    duration: string;
    extensions: Record<
      string,
      {
        reflectionToQuestion: number | null;
        percentComplexReflections: number | null;
        percentOpenQuestions: number | null;
        miAdherent: number;
        miNonAdherent: number;
        outcome: Outcome | null;
      }
    >;
    success?: boolean;
  };
  context: {
    contextActivities: { parent: [Activity]; grouping: [Activity] };
    registration: string;
    platform: "Engage";
    language: "en-GB";
    extensions: Record<string, AttemptRecord["mode"]>;
  };
  timestamp: string;
}

const SIMULATION = "http://adlnet.gov/expapi/activities/simulation";
const MODULE = "http://adlnet.gov/expapi/activities/module";
const COURSE = "http://adlnet.gov/expapi/activities/course";
const PROGRAMME_NAME = "Engage motivational interviewing programme";

const activity = (id: string, name: string, type: string): Activity => ({
  objectType: "Activity",
  id,
  definition: { name: { "en-GB": name }, type },
});

/** The score is how many of the module's three competency checks were met: 0 to 3, written once each. */
const SCORES = [0, 1, 2, 3].map((met) =>
  JSON.stringify({ scaled: Math.round((met / 3) * 1000) / 1000, raw: met, min: 0, max: 3 }),
);

/** An instant as toISOString writes it (what both engines hand the app) needs no Date to say it again. */
const CANONICAL_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const utcInstant = (iso: string) => (CANONICAL_INSTANT.test(iso) ? iso : new Date(iso).toISOString());

/**
 * A writer of many statements as JSON text. The parts that are the same in many statements (the
 * actor's home page, verbs, the activity of each scenario, module and programme, the extension
 * keys) are serialised once; each statement only adds its own values, which are numbers, UUIDs,
 * times and durations that need no escaping. The text is what JSON.stringify would write for the
 * statement's object, keys in the order of `Statement`.
 */
export function statementWriter({ baseUrl }: XapiOptions): (input: StatementInput) => WrittenStatement {
  const base = baseUrl.replace(/\/+$/, "");
  const json = JSON.stringify;
  const actor = `,"actor":{"objectType":"Agent","account":{"homePage":${json(base)},"name":`;
  const verbs = {
    completed: `}},"verb":${json(VERBS.completed)},"object":`,
    passed: `}},"verb":${json(VERBS.passed)},"object":`,
    failed: `}},"verb":${json(VERBS.failed)},"object":`,
  };
  const indicators = `,"extensions":{${json(`${base}/xapi/extensions/indicators`)}:{"reflectionToQuestion":`;
  const modes = {
    practice: `","platform":"Engage","language":"en-GB","extensions":{${json(`${base}/xapi/extensions/mode`)}:"practice"}},"timestamp":"`,
    assessment: `","platform":"Engage","language":"en-GB","extensions":{${json(`${base}/xapi/extensions/mode`)}:"assessment"}},"timestamp":"`,
  };
  const objects = new Map<string, string>();
  const scenarioObject = (id: string, title: string) =>
    json(activity(`${base}/xapi/activities/scenarios/${encodeURIComponent(id)}`, title, SIMULATION));
  // Definitions of the module and programme go with each statement so an LRS that sees only
  // some statements can still name them.
  const programme = activity(`${base}/xapi/activities/programme`, PROGRAMME_NAME, COURSE);
  const contexts = new Map<string, string>();
  const contextStart = (moduleId: string, moduleTitle: string) =>
    `,"context":{"contextActivities":${json({
      parent: [activity(`${base}/xapi/activities/modules/${encodeURIComponent(moduleId)}`, moduleTitle, MODULE)],
      grouping: [programme],
    })},"registration":"`;

  /** The statement for one finished attempt; throws for an attempt that is not finished. */
  return (input) => {
    const { record: a } = input;
    if (a.status !== "finished" || !a.finishedAt) throw new Error("Only finished attempts become xAPI statements");
    const assessment = a.mode === "assessment";
    const i = indicatorsOf(a.counts);
    const passed = assessment && passesAssessment(a, input.thresholds, i);
    // The score is how many of the module's three competency checks the attempt met: never a
    // MITI score, just a count of checks (R:Q, %CR, no MI-non-adherent responses).
    const met = 3 - indicatorShortfalls(i, input.thresholds).length;
    let object = objects.get(a.scenarioId);
    if (object === undefined) objects.set(a.scenarioId, (object = scenarioObject(a.scenarioId, input.scenarioTitle)));
    let context = contexts.get(input.moduleId);
    if (context === undefined)
      contexts.set(input.moduleId, (context = contextStart(input.moduleId, input.moduleTitle)));
    const id = uuidV5(`statement:${input.attemptId}`);
    const registration = validate(input.attemptId)
      ? input.attemptId.toLowerCase()
      : uuidV5(`registration:${input.attemptId}`);
    // Numbers and null are written as JSON writes them (String(n), "null"); the outcome is one of a few words or null.
    const text =
      `{"id":"${id}"${actor}${json(input.actorName)}${assessment ? (passed ? verbs.passed : verbs.failed) : verbs.completed}` +
      `${object},"result":{"score":${SCORES[met]},"completion":true,"duration":"${isoDuration(a.startedAt, a.finishedAt)}"` +
      `${indicators}${i.reflectionToQuestion},"percentComplexReflections":${i.percentComplexReflections}` +
      `,"percentOpenQuestions":${i.percentOpenQuestions},"miAdherent":${i.miAdherent},"miNonAdherent":${i.miNonAdherent}` +
      `,"outcome":${json(a.outcome)}}}${assessment ? `,"success":${passed}` : ""}}` +
      `${context}${registration}${modes[a.mode]}${utcInstant(a.finishedAt)}"}`;
    return { id, json: text };
  };
}
