/**
 * Observation rows as the rules read them: the counts, the ratings, and the record the competency
 * rules take. Every page, report and export goes through these, so none of them disagree.
 */
import type { ObservationRecord } from "../competency";
import { observedIndicators, type ObservedCounts } from "./behaviours";
import { relationalGlobal, technicalGlobal, type GlobalRatings } from "./globals";

/** The columns of an observation row these functions need. */
export interface ObservationColumns {
  recorded_at: string | null;
  questions: number;
  simple_reflections: number;
  complex_reflections: number;
  affirms: number;
  seeking_collaboration: number;
  emphasizing_autonomy: number;
  giving_information: number;
  persuade_with_permission: number;
  persuades: number;
  confronts: number;
  cultivating_change_talk: number | null;
  softening_sustain_talk: number | null;
  partnership: number | null;
  empathy: number | null;
}

export function countsOf(row: ObservationColumns): ObservedCounts {
  return {
    questions: row.questions,
    simpleReflections: row.simple_reflections,
    complexReflections: row.complex_reflections,
    affirms: row.affirms,
    seekingCollaboration: row.seeking_collaboration,
    emphasizingAutonomy: row.emphasizing_autonomy,
    givingInformation: row.giving_information,
    persuadeWithPermission: row.persuade_with_permission,
    persuades: row.persuades,
    confronts: row.confronts,
  };
}

/** The four ratings, or null while any is missing (a draft). */
export function ratingsOf(row: ObservationColumns): GlobalRatings | null {
  const { cultivating_change_talk, softening_sustain_talk, partnership, empathy } = row;
  if (cultivating_change_talk === null || softening_sustain_talk === null || partnership === null || empathy === null)
    return null;
  return {
    cultivatingChangeTalk: cultivating_change_talk,
    softeningSustainTalk: softening_sustain_talk,
    partnership,
    empathy,
  };
}

/** A recorded observation for the competency rules; null for a draft. */
function toObservationRecord(row: ObservationColumns): ObservationRecord | null {
  const ratings = ratingsOf(row);
  if (!row.recorded_at || !ratings) return null;
  return {
    recordedAt: row.recorded_at,
    indicators: observedIndicators(countsOf(row)),
    technical: technicalGlobal(ratings),
    relational: relationalGlobal(ratings),
  };
}

export function observationRecords(rows: ObservationColumns[]): ObservationRecord[] {
  return rows.map(toObservationRecord).filter((r): r is ObservationRecord => r !== null);
}

/** Recorded observations grouped by the officer observed, for the rules. */
export function observationsByOfficer(rows: (ObservationColumns & { officer_id: number })[]) {
  const byOfficer = new Map<number, ObservationRecord[]>();
  for (const row of rows) {
    const list = byOfficer.get(row.officer_id) ?? [];
    list.push(...observationRecords([row]));
    byOfficer.set(row.officer_id, list);
  }
  return byOfficer;
}
