/**
 * An officer's own training record: every attempt with its date, scenario, mode, ending and
 * indicators, and any trainer's rating of their written replies. The page, the CSV and the JSON
 * download all come from recordOf, so they always agree.
 */
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { toCsv } from "~/domain/reporting/csv";
import { attemptsOfOfficer, stepsWithReviews } from "~db/queries/attempts.server";
import { getCurriculum, getScenarioVersion } from "~/curriculum/curriculum.server";
import { assessmentResult } from "~/domain/assessment-result";
import { attemptMarks } from "~/domain/competency";
import { formatDateTime, isoWithOffset } from "~/domain/dates.server";
import { describeIndicators, shownLevel, indicatorsOf, NO_BEHAVIOURS } from "~/domain/indicators";
import { OUTCOME_INFO } from "~/domain/mi-codes";
import { OBSERVATIONS_NOTE } from "~/coaching/exports";
import type { ObservationView } from "~/coaching/view";
import { ratingInWords } from "~/studio/hrq";
import { toAttemptRecord } from "~/domain/reporting/records";
import { ASSESSMENT_RESULT, ATTEMPT_STATUS, MODE } from "~/domain/vocabulary";

export interface RecordEntry {
  id: string;
  /** "1 July 2026 at 12:30am" (Europe/London) */
  started: string;
  finished: string | null;
  /** ISO 8601 with the London offset */
  startedAt: string;
  finishedAt: string | null;
  scenarioId: string;
  scenario: string;
  module: string;
  mode: "practice" | "assessment";
  status: string;
  ending: string | null;
  outcome: string | null;
  /** finished assessments only: did it pass the module's thresholds, and what it missed */
  assessment: { result: string; passed: boolean; missed: string[] } | null;
  indicators: Record<string, string>;
  writtenReplies: { prompt: string; reply: string; at: string; rating: number | null; comment: string | null }[];
}

export async function recordOf(db: Kysely<Database>, officerId: number): Promise<RecordEntry[]> {
  const [rows, curriculum] = await Promise.all([attemptsOfOfficer(db, officerId), getCurriculum(db)]);
  const modules = new Map(curriculum.map((m) => [m.id, m]));
  const written = (
    await stepsWithReviews(
      db,
      rows.map((r) => r.id),
    )
  ).filter((s) => s.free_text !== null);
  const entries: RecordEntry[] = [];
  for (const r of rows) {
    const version = await getScenarioVersion(db, r.scenario_version_id);
    const scenario = version?.scenario;
    const ending = r.ending_node ? (scenario?.nodes[r.ending_node]?.ending?.label ?? r.ending_node) : null;
    const record = toAttemptRecord(r);
    const lines = r.status === "finished" ? describeIndicators(indicatorsOf(record.counts)) : [];
    const module = modules.get(r.module_id);
    const result = assessmentResult(record, attemptMarks(module?.rules, record));
    entries.push({
      id: r.id,
      started: formatDateTime(r.started_at),
      finished: r.finished_at && formatDateTime(r.finished_at),
      startedAt: isoWithOffset(r.started_at),
      finishedAt: r.finished_at && isoWithOffset(r.finished_at),
      scenarioId: r.scenario_id,
      scenario: r.title,
      module: module?.title ?? r.module_id,
      mode: r.mode,
      status: ATTEMPT_STATUS[r.status].label,
      ending,
      outcome: r.outcome ? OUTCOME_INFO[r.outcome].label : null,
      assessment: result && {
        result: ASSESSMENT_RESULT[result.passed ? "passed" : "not_passed"].label,
        passed: result.passed,
        missed: result.missed.map((m) => m.short),
      },
      indicators: Object.fromEntries(lines.map((l) => [l.name, l.value])),
      writtenReplies: written
        .filter((s) => s.attempt_id === r.id)
        .map((s) => ({
          prompt: scenario?.nodes[s.node_id]?.write?.prompt ?? "",
          reply: s.free_text!,
          at: formatDateTime(s.at),
          rating: s.rating,
          comment: s.comment,
        })),
    });
  }
  return entries;
}

export const INDICATOR_NAMES = describeIndicators(indicatorsOf(NO_BEHAVIOURS)).map((l) => l.name);

export function recordCsv(entries: RecordEntry[]): string {
  const header = [
    "Started",
    "Started (ISO 8601)",
    "Finished",
    "Finished (ISO 8601)",
    "Scenario",
    "Module",
    "Mode",
    "Status",
    "Ending",
    "Outcome",
    "Assessment result",
    "What the assessment missed",
    ...INDICATOR_NAMES,
    "Written replies and trainer ratings",
  ];
  const rows = entries.map((e) => [
    e.started,
    e.startedAt,
    e.finished ?? "",
    e.finishedAt ?? "",
    e.scenario,
    e.module,
    MODE[e.mode].label,
    e.status,
    e.ending ?? "",
    e.outcome ?? "",
    e.assessment?.result ?? "",
    e.assessment?.missed.join("; ") ?? "",
    ...INDICATOR_NAMES.map((n) => e.indicators[n] ?? ""),
    e.writtenReplies
      .map(
        (w) =>
          `Reply: ${w.reply} | Rating: ${w.rating === null ? "not yet rated" : ratingInWords(w.rating)}${w.comment ? ` | Comment: ${w.comment}` : ""}`,
      )
      .join("\n"),
  ]);
  return toCsv(header, rows);
}

export function recordJson(
  officer: { username: string; displayName: string },
  entries: RecordEntry[],
  observations: ObservationView[] = [],
): string {
  return JSON.stringify(
    {
      officer: { username: officer.username, name: officer.displayName },
      exportedAt: isoWithOffset(new Date()),
      note: "Practice indicators based on MITI 4.2.1, not a MITI coding. Open questions % is from MITI 3.1.1. Times are in UK time (Europe/London).",
      attempts: entries,
      observationsNote: OBSERVATIONS_NOTE,
      observations: observations.map((o) => ({
        recordedAt: o.recordedAtIso,
        coach: o.coachName,
        minutes: o.minutes,
        indicators: [...o.indicators, ...o.globals].map((l) => ({
          name: l.name,
          value: l.value,
          fair: l.fair,
          good: l.good,
          higherIsBetter: l.higherIsBetter,
          level: shownLevel(l),
        })),
        ratings: Object.fromEntries(o.ratings.map((r) => [r.name, r.value])),
        counts: Object.fromEntries(o.counts.map((c) => [c.label, c.count])),
        strengths: o.strengths,
        nextStep: o.nextStep,
        reflection: o.reflection,
      })),
    },
    null,
    2,
  );
}
