/**
 * The practice loop's one authority: starting an attempt, taking a step, abandoning. The browser
 * only proposes a choice; the server restores the stored snapshot, checks the choice is allowed
 * at the current node and writes the step and the next snapshot together, guarded by row_version,
 * so a forged choice, a stale page, a double submit or a replay never records anything twice.
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { isUniqueViolation } from "~db/errors";
import type { Attempt, AttemptMode, Database } from "~db/schema";
import {
  abandonAttemptRow,
  advanceAttempt,
  getOwnAttempt,
  inProgressAttemptFor,
  insertAttempt,
  insertStep,
  stepsOf,
} from "~db/queries/attempts.server";
import { getCurriculum, getScenarioVersion, newestVersionOf, type LoadedVersion } from "~/curriculum/curriculum.server";
import { countBehaviours } from "~/domain/indicators";
import { isMiCode } from "~/domain/mi-codes";
import { newShuffleSeed } from "~/domain/shuffle";
import {
  canChoose,
  canWrite,
  choose,
  currentNodeId,
  endingOf,
  persistConversation,
  restoreConversation,
  startConversation,
  writeReply,
  type ScenarioSnapshot,
} from "~/domain/scenario";

export const MAX_REPLY_CHARS = 2000;

/** Who is acting: an officer's id and prison (the attempt keeps the prison for reports). */
export interface Officer {
  id: number;
  establishmentId: number | null;
}

/**
 * 128 random bits, URL-safe: attempt ids cannot be guessed or enumerated. Drawn again until the
 * id starts with a letter or digit, so no id ever starts with "-" (a spreadsheet formula) or "_".
 */
export function newAttemptId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

export type StartResult = { ok: true; attemptId: string; resumed: boolean } | { ok: false; reason: "unknown-scenario" };

/**
 * Starts an attempt on the newest version of a scenario in the curriculum. An officer has at most
 * one attempt in progress per scenario: starting again (or a double click) returns that one.
 */
export async function startAttempt(
  db: Kysely<Database>,
  officer: Officer,
  scenarioId: string,
  mode: AttemptMode,
): Promise<StartResult> {
  const inCurriculum = (await getCurriculum(db)).some((m) => m.scenarios.some((s) => s.id === scenarioId));
  const version = inCurriculum ? await newestVersionOf(db, scenarioId) : null;
  if (!version) return { ok: false, reason: "unknown-scenario" };
  const id = newAttemptId();
  const snapshot = JSON.stringify(persistConversation(startConversation(version.machine)));
  const at = new Date().toISOString();
  const existing = await inProgressAttemptFor(db, officer.id, scenarioId);
  if (existing) return { ok: true, attemptId: existing.id, resumed: true };
  try {
    await insertAttempt(db, {
      id,
      officerId: officer.id,
      establishmentId: officer.establishmentId,
      scenarioVersionId: version.id,
      scenarioId,
      moduleId: version.scenario.module,
      mode,
      snapshot,
      shuffleSeed: newShuffleSeed(),
      at,
    });
    return { ok: true, attemptId: id, resumed: false };
  } catch (error) {
    // Two quick clicks (on one instance or two): the partial unique index on attempts in progress
    // let only one insert through; the other resumes it.
    if (!isUniqueViolation(error)) throw error;
    const winner = await inProgressAttemptFor(db, officer.id, scenarioId);
    if (!winner) throw error;
    return { ok: true, attemptId: winner.id, resumed: true };
  }
}

export type StepInput = { nodeId: string; rowVersion: number } & ({ choiceId: string } | { text: string });

export type StepResult =
  /** `attempt`: the attempt's row as the step left it */
  | { kind: "ok"; finished: boolean; attempt: Attempt }
  | { kind: "not-found" }
  | { kind: "not-in-progress" }
  /** the page was out of date: another tab, a double submit or a replay */
  | { kind: "stale" }
  /** a choice that is not on offer at this node, or a reply where none is asked for */
  | { kind: "not-allowed" }
  | { kind: "invalid-text"; message: string };

class Refused extends Error {
  constructor(readonly result: StepResult) {
    super(result.kind);
  }
}

export async function takeStep(
  db: Kysely<Database>,
  officer: Officer,
  attemptId: string,
  input: StepInput,
): Promise<StepResult> {
  const row = await getOwnAttempt(db, officer.id, attemptId);
  if (!row) return { kind: "not-found" };
  if (row.status !== "in_progress") return { kind: "not-in-progress" };
  if ("text" in input) {
    const problem = replyProblem(input.text);
    if (problem) return { kind: "invalid-text", message: problem };
  }
  if (row.row_version !== input.rowVersion) return { kind: "stale" };
  // Load (and cache) the machine before the transaction: the connection is held while it runs.
  const version = await getScenarioVersion(db, row.scenario_version_id);
  if (!version) throw new Error(`Scenario version ${row.scenario_version_id} of attempt ${row.id} cannot be loaded.`);
  // The step is worked out from the row as read; the update below only goes through if the row is
  // still at that row_version (and in progress), so nothing read here can have changed meanwhile.
  const before = restoreConversation(version.machine, JSON.parse(row.snapshot) as unknown);
  const nodeId = currentNodeId(before);
  if (nodeId !== input.nodeId) return { kind: "stale" };
  if (!allowed(version, before, input)) return { kind: "not-allowed" };
  const after = next(version, before, input);
  const replyNodeId = currentNodeId(after);
  const node = version.scenario.nodes[nodeId];
  const choice = "choiceId" in input ? node.choices?.find((c) => c.id === input.choiceId) : undefined;
  const ending = endingOf(after);
  try {
    return await db.transaction().execute(async (trx) => {
      const at = new Date().toISOString();
      const seq = row.step_count + 1;
      let finished;
      if (ending) {
        const codes = (await stepsOf(trx, attemptId)).map((s) => s.mi_code);
        if (choice) codes.push(choice.mi);
        finished = {
          endingNode: ending.nodeId,
          outcome: ending.outcome,
          counts: countBehaviours(codes.filter(isMiCode)),
        };
      }
      const moved = await advanceAttempt(trx, attemptId, input.rowVersion, {
        snapshot: JSON.stringify(persistConversation(after)),
        stepCount: seq,
        at,
        finished,
      });
      if (!moved) {
        // Another tab, instance or double submit got there first: say which way it went.
        const now = await getOwnAttempt(trx, officer.id, attemptId);
        throw new Refused({ kind: now?.status === "in_progress" ? "stale" : "not-in-progress" });
      }
      await insertStep(trx, {
        attemptId,
        seq,
        nodeId,
        choiceId: choice?.id ?? null,
        // Written replies are rated by trainers later; they carry no MI code and no indicator.
        miCode: choice?.mi ?? null,
        replyNodeId,
        replyTalk: version.scenario.nodes[replyNodeId].talk,
        freeText: "text" in input ? input.text : null,
        at,
      });
      return { kind: "ok" as const, finished: Boolean(ending), attempt: moved };
    });
  } catch (e) {
    if (e instanceof Refused) return e.result;
    // Another process took the same seq first: the unique (attempt_id, seq) index said no.
    if (isUniqueViolation(e)) return { kind: "stale" };
    throw e;
  }
}

function allowed(version: LoadedVersion, before: ScenarioSnapshot, input: StepInput): boolean {
  return "choiceId" in input ? canChoose(version.machine, before, input.choiceId) : canWrite(before);
}

function next(version: LoadedVersion, before: ScenarioSnapshot, input: StepInput): ScenarioSnapshot {
  return "choiceId" in input
    ? choose(version.machine, before, input.choiceId)
    : writeReply(version.machine, before, input.text);
}

/** The same rule the form applies, kept here too: the service never trusts its caller. */
function replyProblem(text: string): string | null {
  if (!text.trim()) return "Enter your reply";
  if (text.length > MAX_REPLY_CHARS)
    return `Your reply must be ${MAX_REPLY_CHARS.toLocaleString("en-GB")} characters or fewer`;
  return null;
}

export type AbandonResult = { kind: "ok" } | { kind: "not-found" } | { kind: "not-in-progress" };

export async function abandonAttempt(
  db: Kysely<Database>,
  officer: Officer,
  attemptId: string,
): Promise<AbandonResult> {
  const row = await getOwnAttempt(db, officer.id, attemptId);
  if (!row) return { kind: "not-found" };
  if (row.status !== "in_progress") return { kind: "not-in-progress" };
  const done = await abandonAttemptRow(db, officer.id, attemptId, row.row_version, new Date().toISOString());
  if (done) return { kind: "ok" };
  // It moved on between the read and the write: abandon what is there now, if still in progress.
  const again = await getOwnAttempt(db, officer.id, attemptId);
  if (!again || again.status !== "in_progress") return { kind: "not-in-progress" };
  return (await abandonAttemptRow(db, officer.id, attemptId, again.row_version, new Date().toISOString()))
    ? { kind: "ok" }
    : { kind: "not-in-progress" };
}
