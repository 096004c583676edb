// Each officer's progress, computed with the competency rules from every one of their attempts.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { attemptsByOfficers, attemptsOfOfficers, listOfficers } from "~db/queries/reports.server";
import { recordedOfOfficers, recordedOfPrisonOfficers } from "~db/queries/observations.server";
import { getEstablishment } from "~db/queries/establishments.server";
import { programmeProgress, type AttemptRecord, type ModuleRules, type ObservationRecord } from "~/domain/competency";
import { observationsByOfficer } from "~/domain/observation/records";
import type { OfficerProgress } from "~/domain/reporting/aggregate";
import { lastMonths, monthEnd, monthOf } from "~/domain/dates.server";
import { recordsByOfficer } from "~/domain/reporting/records";
import { getCurriculum, type CurriculumModule } from "~/curriculum/curriculum.server";

export interface PrisonProgress {
  curriculum: CurriculumModule[];
  rules: ModuleRules[];
  officers: OfficerProgress[];
  records: Map<number, AttemptRecord[]>;
  /** recorded observations by officer, read only when a module requires observation */
  observations: Map<number, ObservationRecord[]>;
  /**
   * When the prison's record starts: it joined Engage, or (if earlier: an officer who brought
   * training from another prison, or history loaded with the prison) the first attempt of its officers.
   */
  since: Date;
}

export async function prisonProgress(
  db: Kysely<Database>,
  establishmentId: number,
  { wingId = null, now = new Date() }: { wingId?: number | null; now?: Date } = {},
): Promise<PrisonProgress> {
  const [curriculum, officers, rows, prison] = await Promise.all([
    getCurriculum(db),
    listOfficers(db, { establishmentId, wingId }),
    attemptsOfOfficers(db, { establishmentId, wingId }),
    getEstablishment(db, establishmentId),
  ]);
  const rules = curriculum.map((m) => m.rules);
  const records = recordsByOfficer(rows);
  const observations = await observationsFor(db, establishmentId, rules);
  const starts = [prison?.created_at ?? now.toISOString(), ...rows.map((r) => r.started_at)];
  return {
    curriculum,
    rules,
    records,
    observations,
    officers: progressOf(rules, officers, records, observations, now),
    since: new Date(starts.reduce((a, b) => (a < b ? a : b))),
  };
}

type Officer = Awaited<ReturnType<typeof listOfficers>>[number];

function progressOf(
  rules: ModuleRules[],
  officers: Officer[],
  records: Map<number, AttemptRecord[]>,
  observations: Map<number, ObservationRecord[]>,
  now: Date,
): OfficerProgress[] {
  // Every officer with no attempts has the same (Not yet started) progress: ask the rules once.
  const none = programmeProgress(rules, [], now);
  return officers.map((o) => ({
    officerId: o.id,
    name: o.display_name,
    wingId: o.unit_id,
    wingName: o.unit_name,
    progress: records.has(o.id)
      ? programmeProgress(rules, records.get(o.id)!, now, observations.get(o.id) ?? [])
      : none,
  }));
}

/**
 * The progress of some of a prison's officers (a page of listOfficers), read from their own
 * attempts and observations only: a report can work through a large prison a page at a time.
 */
export async function progressOfOfficers(
  db: Kysely<Database>,
  rules: ModuleRules[],
  officers: Officer[],
  now: Date,
): Promise<OfficerProgress[]> {
  const ids = officers.map((o) => o.id);
  const [rows, observed] = await Promise.all([
    attemptsByOfficers(db, ids),
    rules.some((r) => r.requiresObservation) ? recordedOfOfficers(db, ids) : [],
  ]);
  return progressOf(rules, officers, recordsByOfficer(rows), observationsByOfficer(observed), now);
}

export interface MonthPoint {
  month: string;
  at: Date;
  officers: number;
  completed: number;
  competent: number;
}

/**
 * Officers who had completed, and who were competent in, the whole programme at the end of each
 * of the last `months` months (the current month up to now), from the month the prison's record
 * starts: months before it would show as noughts and drag the pace of a new prison's forecast down.
 * Counted over the officers in post today: the trend shows how today's staff got here.
 */
export function monthlyTrajectory(p: PrisonProgress, now: Date, months = 12): MonthPoint[] {
  // Completion never lapses (a finished attempt stays finished), so an officer was Completed at
  // a month end exactly when it falls on or after the programme's completion date that the rules
  // give today; only then can they have been Competent, which the rules are asked again. Passes
  // never lapse from the record either, so only officers with every module Competent or
  // Refresher due today can have been Competent at any earlier month end.
  const completedSince = p.officers.map((o) =>
    o.progress.completed ? Math.max(...o.progress.modules.map((m) => m.completedAt!.getTime())) : Infinity,
  );
  const everPassedAll = p.officers.map((o) =>
    o.progress.modules.every((m) => m.status === "competent" || m.status === "refresher_due"),
  );
  const first = monthOf(p.since);
  const shown = lastMonths(now, months).filter((month, i, all) => month >= first || i === all.length - 1);
  return shown.map((month) => {
    const at = monthEnd(month, now);
    let completed = 0;
    let competent = 0;
    p.officers.forEach((o, i) => {
      if (completedSince[i] > at.getTime()) return;
      completed++;
      if (!everPassedAll[i]) return;
      const progress =
        at.getTime() === now.getTime()
          ? o.progress
          : programmeProgress(p.rules, p.records.get(o.officerId) ?? [], at, p.observations.get(o.officerId) ?? []);
      if (progress.competent) competent++;
    });
    return { month, at, officers: p.officers.length, completed, competent };
  });
}

/** Each officer's recorded observations (in one prison, or every prison), read only when some of `rules` need them. */
export async function observationsFor(
  db: Kysely<Database>,
  establishmentId: number | null,
  rules: ModuleRules[],
): Promise<Map<number, ObservationRecord[]>> {
  return rules.some((r) => r.requiresObservation)
    ? observationsByOfficer(await recordedOfPrisonOfficers(db, establishmentId))
    : new Map();
}
