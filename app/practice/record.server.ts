/**
 * An officer's own training record: every attempt with its date, scenario, mode, ending and
 * indicators, and any trainer's rating of their written replies. The page, the CSV and the JSON
 * download all come from recordOf, so they always agree.
 */
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { toCsv } from "~/domain/reporting/csv";
import { attemptsOfOfficer, stepsWithReviews } from "~db/queries/attempts.server";
import { getScenarioVersion } from "~/curriculum.server";
import { describeIndicators, indicatorsOf } from "~/domain/indicators";
import { OUTCOME_INFO } from "~/domain/mi-codes";
import { countsOfRow } from "~/practice/attempt-view.server";
import { OBSERVATIONS_NOTE } from "~/coaching/exports";
import type { ObservationView } from "~/coaching/view";

const STATUS_WORDS = { in_progress: "In progress", finished: "Finished", abandoned: "Abandoned" } as const;

export interface RecordEntry {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  scenarioId: string;
  scenario: string;
  module: string;
  mode: "practice" | "assessment";
  status: string;
  ending: string | null;
  outcome: string | null;
  indicators: Record<string, string>;
  writtenReplies: { prompt: string; reply: string; at: string; rating: number | null; comment: string | null }[];
}

export async function recordOf(db: Kysely<Database>, officerId: number): Promise<RecordEntry[]> {
  const rows = await attemptsOfOfficer(db, officerId);
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
    const lines = r.status === "finished" ? describeIndicators(indicatorsOf(countsOfRow(r))) : [];
    entries.push({
      id: r.id,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      scenarioId: r.scenario_id,
      scenario: r.title,
      module: r.module_id,
      mode: r.mode,
      status: STATUS_WORDS[r.status],
      ending,
      outcome: r.outcome ? OUTCOME_INFO[r.outcome].label : null,
      indicators: Object.fromEntries(lines.map((l) => [l.name, l.value])),
      writtenReplies: written
        .filter((s) => s.attempt_id === r.id)
        .map((s) => ({
          prompt: scenario?.nodes[s.node_id]?.write?.prompt ?? "",
          reply: s.free_text!,
          at: s.at,
          rating: s.rating,
          comment: s.comment,
        })),
    });
  }
  return entries;
}

export const INDICATOR_NAMES = describeIndicators(
  indicatorsOf({
    openQuestions: 0,
    closedQuestions: 0,
    simpleReflections: 0,
    complexReflections: 0,
    miAdherent: 0,
    miNonAdherent: 0,
  }),
).map((l) => l.name);

export function recordCsv(entries: RecordEntry[]): string {
  const header = [
    "Started",
    "Finished",
    "Scenario",
    "Module",
    "Mode",
    "Status",
    "Ending",
    "Outcome",
    ...INDICATOR_NAMES,
    "Written replies and trainer ratings",
  ];
  const rows = entries.map((e) => [
    e.startedAt,
    e.finishedAt ?? "",
    e.scenario,
    e.module,
    e.mode,
    e.status,
    e.ending ?? "",
    e.outcome ?? "",
    ...INDICATOR_NAMES.map((n) => e.indicators[n] ?? ""),
    e.writtenReplies
      .map(
        (w) =>
          `Reply: ${w.reply} | Rating: ${w.rating === null ? "not yet rated" : `${w.rating} out of 5`}${w.comment ? ` | Comment: ${w.comment}` : ""}`,
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
      exportedAt: new Date().toISOString(),
      note: "Practice indicators based on MITI 4.2.1, not a MITI coding. Open questions % is from MITI 3.1.1.",
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
          level: l.level,
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
