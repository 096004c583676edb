/**
 * xAPI 1.0.3 statements for finished attempts. One statement per finished attempt: "completed"
 * for practice, "passed" or "failed" for assessment (against the module's thresholds, via
 * passesAssessment). Ids are UUID v5 of the attempt id, so building a statement again (a retry,
 * a second export) gives the same id and an LRS never stores it twice. The actor is an account
 * with an opaque name: never a name or an email.
 */
import { v5, validate } from "uuid";
import { passesAssessment, type AttemptRecord, type Thresholds } from "../competency";
import { indicatorsOf, meetsPercentComplex, meetsReflectionToQuestion } from "../indicators";

/** Engage's own UUID namespace for v5 ids (random, fixed forever). */
const ENGAGE_NAMESPACE = "5d1e8f0a-3c57-4b8e-9a0f-6f2b7c1d4e93";

/** RFC 9562 name-based UUID, version 5 (SHA-1), from the uuid package. */
export function uuidV5(name: string, namespace: string = ENGAGE_NAMESPACE): string {
  return v5(name, namespace);
}

const isUuid = (s: string) => validate(s);

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

export type Statement = ReturnType<ReturnType<typeof statementBuilder>>;

const SIMULATION = "http://adlnet.gov/expapi/activities/simulation";
const MODULE = "http://adlnet.gov/expapi/activities/module";
const COURSE = "http://adlnet.gov/expapi/activities/course";
const PROGRAMME_NAME = "Engage motivational interviewing programme";

/** The statement for one finished attempt; throws for an attempt that is not finished. */
export function buildStatement(input: StatementInput, options: XapiOptions) {
  return statementBuilder(options)(input);
}

/**
 * A builder for many statements: the activity objects of each scenario and module are made
 * once and shared, which matters when a prison's whole year is exported.
 */
export function statementBuilder({ baseUrl }: XapiOptions) {
  const base = baseUrl.replace(/\/+$/, "");
  const scenarios = new Map<string, ReturnType<typeof scenarioActivity>>();
  const contexts = new Map<string, ReturnType<typeof contextActivities>>();
  const scenarioActivity = (id: string, title: string) => ({
    objectType: "Activity" as const,
    id: `${base}/xapi/activities/scenarios/${encodeURIComponent(id)}`,
    definition: { name: { "en-GB": title }, type: SIMULATION },
  });
  // Definitions of the module and programme go with each statement so an LRS that sees only
  // some statements can still name them.
  const contextActivities = (moduleId: string, moduleTitle: string) => ({
    parent: [
      {
        objectType: "Activity" as const,
        id: `${base}/xapi/activities/modules/${encodeURIComponent(moduleId)}`,
        definition: { name: { "en-GB": moduleTitle }, type: MODULE },
      },
    ],
    grouping: [
      {
        objectType: "Activity" as const,
        id: `${base}/xapi/activities/programme`,
        definition: { name: { "en-GB": PROGRAMME_NAME }, type: COURSE },
      },
    ],
  });
  const indicatorsKey = `${base}/xapi/extensions/indicators`;
  const modeKey = `${base}/xapi/extensions/mode`;

  return (input: StatementInput) => {
    const { record: a } = input;
    if (a.status !== "finished" || !a.finishedAt) throw new Error("Only finished attempts become xAPI statements");
    const assessment = a.mode === "assessment";
    const passed = assessment && passesAssessment(a, input.thresholds);
    const verb = assessment ? (passed ? VERBS.passed : VERBS.failed) : VERBS.completed;
    const i = indicatorsOf(a.counts);
    // The score is how many of the module's three competency checks the attempt met: never a
    // MITI score, just a count of checks (R:Q, %CR, no MI-non-adherent responses).
    const met =
      (meetsReflectionToQuestion(i, input.thresholds.minReflectionToQuestion) ? 1 : 0) +
      (meetsPercentComplex(i, input.thresholds.minPercentComplexReflections) ? 1 : 0) +
      (i.miNonAdherent <= input.thresholds.maxMiNonAdherent ? 1 : 0);
    const result: Record<string, unknown> = {
      score: { scaled: Math.round((met / 3) * 1000) / 1000, raw: met, min: 0, max: 3 },
      completion: true,
      duration: isoDuration(a.startedAt, a.finishedAt),
      extensions: {
        [indicatorsKey]: {
          reflectionToQuestion: i.reflectionToQuestion,
          percentComplexReflections: i.percentComplexReflections,
          percentOpenQuestions: i.percentOpenQuestions,
          miAdherent: i.miAdherent,
          miNonAdherent: i.miNonAdherent,
          outcome: a.outcome,
        },
      },
    };
    if (assessment) result.success = passed;
    let object = scenarios.get(a.scenarioId);
    if (!object) scenarios.set(a.scenarioId, (object = scenarioActivity(a.scenarioId, input.scenarioTitle)));
    let context = contexts.get(input.moduleId);
    if (!context) contexts.set(input.moduleId, (context = contextActivities(input.moduleId, input.moduleTitle)));
    return {
      id: uuidV5(`statement:${input.attemptId}`),
      actor: { objectType: "Agent" as const, account: { homePage: base, name: input.actorName } },
      verb,
      object,
      result,
      context: {
        registration: isUuid(input.attemptId)
          ? input.attemptId.toLowerCase()
          : uuidV5(`registration:${input.attemptId}`),
        contextActivities: context,
        platform: "Engage",
        language: "en-GB",
        extensions: { [modeKey]: a.mode },
      },
      timestamp: new Date(a.finishedAt).toISOString(),
    };
  };
}

/**
 * Many statements as one JSON array. The same as JSON.stringify, but the parts statements share
 * (verb, scenario activity, module and programme activities) are written once and reused.
 */
export function statementsToJson(statements: Statement[]): string {
  const shared = new WeakMap<object, string>();
  const once = (o: object) => {
    let s = shared.get(o);
    if (s === undefined) shared.set(o, (s = JSON.stringify(o)));
    return s;
  };
  const parts = statements.map((s) => {
    const { contextActivities, ...context } = s.context;
    const rest = JSON.stringify(context).slice(1); // '"registration":...}'
    return `{"id":${JSON.stringify(s.id)},"actor":${JSON.stringify(s.actor)},"verb":${once(s.verb)},"object":${once(s.object)},"result":${JSON.stringify(s.result)},"context":{"contextActivities":${once(contextActivities)},${rest},"timestamp":${JSON.stringify(s.timestamp)}}`;
  });
  return `[${parts.join(",")}]`;
}
