/**
 * An officer's progress through the curriculum, for the home page and the scenario pages. The
 * statuses come from domain/competency.ts (the one set of rules); this file only gathers rows.
 */
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { attemptsOfOfficer } from "~db/queries/attempts.server";
import { recordedOfOfficer } from "~db/queries/observations.server";
import { observationRecords } from "~/domain/observation/records";
import { getCurriculum } from "~/curriculum.server";
import { programmeProgress, STATUS_LABELS, type AttemptRecord, type Status } from "~/domain/competency";
import { OUTCOME_INFO } from "~/domain/mi-codes";
import { countsOfRow } from "~/practice/attempt-view.server";
import { formatDate } from "~/practice/dates";

type Row = Awaited<ReturnType<typeof attemptsOfOfficer>>[number];

export function toAttemptRecord(r: Row): AttemptRecord {
  return {
    scenarioId: r.scenario_id,
    mode: r.mode,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    outcome: r.outcome,
    counts: countsOfRow(r),
  };
}

export const STATUS_COLOURS: Record<Status, "grey" | "light-blue" | "blue" | "green" | "orange"> = {
  not_started: "grey",
  in_progress: "light-blue",
  completed: "blue",
  competent: "green",
  refresher_due: "orange",
};

function lastResult(rows: Row[]): string | null {
  const last = rows
    .filter((r) => r.status === "finished" && r.finished_at)
    .sort((a, b) => (a.finished_at! < b.finished_at! ? 1 : -1))[0];
  if (!last) return null;
  return `Last result: ${last.outcome ? OUTCOME_INFO[last.outcome].label.toLowerCase() : "finished"} (${last.mode}, ${formatDate(last.finished_at!)})`;
}

export async function officerProgress(db: Kysely<Database>, officerId: number, now = new Date()) {
  const [curriculum, rows] = await Promise.all([getCurriculum(db), attemptsOfOfficer(db, officerId)]);
  const observed = curriculum.some((m) => m.rules.requiresObservation)
    ? observationRecords(await recordedOfOfficer(db, officerId))
    : [];
  const progress = programmeProgress(
    curriculum.map((m) => m.rules),
    rows.map(toAttemptRecord),
    now,
    observed,
  );
  const inProgress = rows.filter((r) => r.status === "in_progress");
  const modules = curriculum.map((m, i) => {
    const p = progress.modules[i];
    return {
      id: m.id,
      title: m.title,
      summary: m.summary,
      status: STATUS_LABELS[p.status],
      colour: STATUS_COLOURS[p.status],
      refresherDueAt: p.refresherDueAt ? formatDate(p.refresherDueAt.toISOString()) : null,
      requiresObservation: m.rules.requiresObservation === true,
      scenarios: m.scenarios.map((s, j) => {
        const sp = p.scenarios[j];
        const mine = rows.filter((r) => r.scenario_id === s.id);
        const open = inProgress.find((r) => r.scenario_id === s.id);
        return {
          id: s.id,
          title: s.title,
          status: STATUS_LABELS[sp.status],
          colour: STATUS_COLOURS[sp.status],
          lastResult: lastResult(mine),
          inProgress: open ? { id: open.id, mode: open.mode } : null,
        };
      }),
    };
  });
  return {
    modules,
    resume: inProgress.map((r) => ({
      id: r.id,
      title: r.title,
      mode: r.mode,
      startedAt: formatDate(r.started_at),
      steps: r.step_count,
    })),
    competent: progress.competent,
    completed: progress.completed,
  };
}

export type OfficerProgress = Awaited<ReturnType<typeof officerProgress>>;
