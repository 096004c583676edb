/**
 * What the play and review pages show about one attempt: the persona, the conversation so far as
 * turns (officer line with its MI code and feedback, prisoner reply with its talk type), the
 * current node with its options in this attempt's order, and, at the end, the indicators.
 */
import type { Kysely } from "kysely";
import type { Attempt, Database } from "~db/schema";
import { getOwnAttempt, stepsWithReviews } from "~db/queries/attempts.server";
import { getCurriculum, getScenarioVersion } from "~/curriculum/curriculum.server";
import { assessmentResult } from "~/domain/assessment-result";
import { attemptMarks } from "~/domain/competency";
import { countBehaviours, describeIndicators, indicatorsOf } from "~/domain/indicators";
import { toAttemptRecord } from "~/domain/reporting/records";
import { isMiCode, MI_CODE_INFO, OUTCOME_INFO, TALK_TYPE_INFO, type TalkType } from "~/domain/mi-codes";
import { shuffleForNode } from "~/domain/shuffle";
import { currentNodeId, restoreConversation } from "~/domain/scenario";
import { formatDateTime } from "~/domain/dates.server";

export interface PrisonerLine {
  text: string;
  talk: string;
  talkDescription: string;
}

export interface Turn {
  seq: number;
  officer: {
    text: string;
    written: boolean;
    code: string | null;
    codeDescription: string | null;
    feedback: string | null;
    review: { rating: number; comment: string | null } | null;
  };
  prisoner: PrisonerLine;
}

function prisonerLine(text: string, talk: TalkType): PrisonerLine {
  const info = TALK_TYPE_INFO[talk];
  return { text, talk: info.label, talkDescription: info.description };
}

/** Everything about one of the officer's own attempts, or null (the route answers 404). */
export async function loadAttemptView(db: Kysely<Database>, officerId: number, attemptId: string) {
  const row = await getOwnAttempt(db, officerId, attemptId);
  return row ? attemptViewOf(db, row) : null;
}

/** The view of an attempt whose row the caller has already read (and checked is the officer's own). */
export async function attemptViewOf(db: Kysely<Database>, row: Attempt) {
  const version = await getScenarioVersion(db, row.scenario_version_id);
  if (!version) throw new Error(`Scenario version ${row.scenario_version_id} cannot be loaded.`);
  const { scenario } = version;
  const steps = await stepsWithReviews(db, [row.id]);

  const start = scenario.nodes[scenario.start];
  const opening = prisonerLine(start.prisoner, start.talk);
  const turns: Turn[] = steps.map((s) => {
    const node = scenario.nodes[s.node_id];
    const choice = s.choice_id ? node?.choices?.find((c) => c.id === s.choice_id) : undefined;
    const code = isMiCode(s.mi_code) ? MI_CODE_INFO[s.mi_code] : null;
    const reply = scenario.nodes[s.reply_node_id];
    return {
      seq: s.seq,
      officer: {
        text: s.free_text ?? choice?.say ?? "",
        written: s.free_text !== null,
        code: code?.label ?? null,
        codeDescription: code?.description ?? null,
        feedback: (s.free_text !== null ? node?.write?.feedback : choice?.feedback) ?? null,
        review: s.rating !== null ? { rating: s.rating, comment: s.comment } : null,
      },
      prisoner: prisonerLine(reply?.prisoner ?? "", reply?.talk ?? s.reply_talk),
    };
  });

  let current = null;
  if (row.status === "in_progress") {
    const nodeId = currentNodeId(restoreConversation(version.machine, JSON.parse(row.snapshot)));
    const node = scenario.nodes[nodeId];
    current = {
      nodeId,
      prisoner: prisonerLine(node.prisoner, node.talk),
      options: shuffleForNode(row.shuffle_seed, nodeId, node.choices ?? []).map((c) => ({ id: c.id, say: c.say })),
      write: node.write ? { prompt: node.write.prompt } : null,
    };
  }

  const ending = row.ending_node ? scenario.nodes[row.ending_node]?.ending : undefined;
  const counts =
    row.status === "finished"
      ? toAttemptRecord(row).counts
      : countBehaviours(steps.map((s) => s.mi_code).filter(isMiCode));
  return {
    attempt: {
      id: row.id,
      mode: row.mode,
      status: row.status,
      rowVersion: row.row_version,
      versionId: row.scenario_version_id,
      stepCount: row.step_count,
      startedAt: formatDateTime(row.started_at),
      finishedAt: row.finished_at ? formatDateTime(row.finished_at) : null,
    },
    scenario: { id: scenario.id, title: scenario.title, summary: scenario.summary, persona: scenario.persona },
    opening,
    turns,
    current,
    ending:
      ending && row.outcome
        ? {
            label: ending.label,
            outcome: OUTCOME_INFO[row.outcome].label,
            outcomeDescription: OUTCOME_INFO[row.outcome].description,
          }
        : null,
    indicators: describeIndicators(indicatorsOf(counts)),
  };
}

export type AttemptView = Awaited<ReturnType<typeof attemptViewOf>>;

/**
 * Where a finished attempt leaves the officer: the module the scenario is in now (its marks apply,
 * those in force when it was finished or now: competency.ts policy 5), and for an assessment whether
 * it passed and what it missed.
 */
export async function judgeAttempt(db: Kysely<Database>, officerId: number, attemptId: string) {
  const [row, curriculum] = await Promise.all([getOwnAttempt(db, officerId, attemptId), getCurriculum(db)]);
  if (!row || row.status !== "finished") return null;
  const module = curriculum.find((m) => m.scenarios.some((s) => s.id === row.scenario_id)) ?? null;
  const record = toAttemptRecord(row);
  const result = assessmentResult(record, attemptMarks(module?.rules, record));
  return { module: module && { id: module.id, title: module.title }, result };
}
