/**
 * Attempt rows as the competency rules read them. Reports always pass every attempt (any mode,
 * any status) through competency.ts, so a report and an officer's own page never disagree.
 */
import type { AttemptRecord } from "../competency";
import type { Outcome } from "../mi-codes";

/** The columns of an attempt row that the competency rules need. */
export interface AttemptRow {
  officer_id: number;
  scenario_id: string;
  mode: "practice" | "assessment";
  status: "in_progress" | "finished" | "abandoned";
  started_at: string;
  finished_at: string | null;
  outcome: string | null;
  open_questions: number;
  closed_questions: number;
  simple_reflections: number;
  complex_reflections: number;
  mi_adherent: number;
  mi_non_adherent: number;
}

export function toAttemptRecord(row: Omit<AttemptRow, "officer_id">): AttemptRecord {
  return {
    scenarioId: row.scenario_id,
    mode: row.mode,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: (row.outcome as Outcome | null) ?? null,
    counts: {
      openQuestions: row.open_questions,
      closedQuestions: row.closed_questions,
      simpleReflections: row.simple_reflections,
      complexReflections: row.complex_reflections,
      miAdherent: row.mi_adherent,
      miNonAdherent: row.mi_non_adherent,
    },
  };
}

/** Attempt records grouped by officer, in one pass. */
export function recordsByOfficer(rows: AttemptRow[]): Map<number, AttemptRecord[]> {
  const byOfficer = new Map<number, AttemptRecord[]>();
  for (const row of rows) {
    let list = byOfficer.get(row.officer_id);
    if (!list) byOfficer.set(row.officer_id, (list = []));
    list.push(toAttemptRecord(row));
  }
  return byOfficer;
}
