// Calibration: two coaches' sheets of the same conversation, side by side, with their agreement
// (ICC(2,1) on the counts, exact and adjacent agreement on the ratings).
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import {
  calibrationCandidates,
  calibrationPairs,
  getObservation,
  type ObservationRow,
} from "~db/queries/observations.server";
import { can } from "~/auth/capabilities";
import type { CurrentUser } from "~/auth/guard.server";
import { BEHAVIOUR_INFO } from "~/domain/observation/behaviours";
import { iccBand, pairAgreement, seriesAgreement, type CalibrationSheet } from "~/domain/observation/calibration";
import { GLOBAL_INFO } from "~/domain/observation/globals";
import { countsOf, ratingsOf } from "~/domain/observation/records";
import { formatDate, formatDateTime } from "~/domain/dates.server";

function sheetOf(o: ObservationRow): CalibrationSheet | null {
  const ratings = ratingsOf(o);
  return ratings ? { counts: countsOf(o), ratings } : null;
}

/** An ICC in words; undefined when the counts did not vary across the behaviours or conversations. */
const iccText = (icc: number | null, across: "behaviours" | "conversations") =>
  icc === null ? `Not defined: the counts did not vary across the ${across}` : `${icc.toFixed(2)} (${iccBand(icc)})`;

/** Two recorded sheets of one conversation as the page shows them. */
export function agreementView(first: ObservationRow, second: ObservationRow) {
  const a = sheetOf(first);
  const b = sheetOf(second);
  if (!a || !b) return null;
  const p = pairAgreement(a, b);
  return {
    firstCoach: first.coach_name,
    secondCoach: second.coach_name,
    icc: iccText(p.countsIcc, "behaviours"),
    counts: p.counts.map((c) => ({ label: BEHAVIOUR_INFO[c.behaviour].label, first: c.first, second: c.second })),
    ratings: {
      exact: p.ratings.exact,
      adjacent: p.ratings.adjacent,
      total: p.ratings.total,
      each: p.ratings.each.map((r) => ({ name: GLOBAL_INFO[r.rating].name, first: r.first, second: r.second })),
    },
  };
}
export type AgreementView = NonNullable<ReturnType<typeof agreementView>>;

/** What the observation page shows about calibration, for whoever may read the observation. */
export async function calibrationView(db: Kysely<Database>, viewer: CurrentUser, o: ObservationRow) {
  const mine = o.coach_id === viewer.id;
  const partner = o.calibration_partner_id === null ? null : await getObservation(db, o.calibration_partner_id);
  const candidates =
    mine && !partner
      ? (await calibrationCandidates(db, o)).map((c) => ({
          id: c.id,
          label: `${c.coach_name}, started ${formatDateTime(c.started_at)}${c.minutes ? `, ${c.minutes} minutes` : ""}`,
        }))
      : [];
  return { mine, candidates, agreement: partner ? agreementView(o, partner) : null };
}

/**
 * The calibration page: every pair in the prison (for a coach who is an officer, only their own),
 * and for each pair of coaches with several conversations, their agreement across them.
 */
export async function calibrationOverview(db: Kysely<Database>, viewer: CurrentUser & { establishmentId: number }) {
  const everyone = can(viewer, "readObservations");
  const rows = await calibrationPairs(db, viewer.establishmentId, everyone ? undefined : viewer.id);
  const pairs = [];
  const byCoaches = new Map<string, { coaches: string; sheets: [CalibrationSheet, CalibrationSheet][] }>();
  for (const row of rows) {
    const partner = await getObservation(db, row.partner_id);
    if (!partner) continue;
    const agreement = agreementView(row, partner);
    if (!agreement) continue;
    pairs.push({
      id: row.id,
      date: formatDate(row.started_at),
      officer: row.officer_name,
      coaches: `${row.coach_name} and ${row.partner_coach_name}`,
      icc: agreement.icc,
      ratings: agreement.ratings,
    });
    // Order the two coaches by id so "A and B" and "B and A" are one series.
    const [x, y] = row.coach_id < partner.coach_id ? [row, partner] : [partner, row];
    const key = `${x.coach_id}-${y.coach_id}`;
    const series = byCoaches.get(key) ?? { coaches: `${x.coach_name} and ${y.coach_name}`, sheets: [] };
    series.sheets.push([sheetOf(x)!, sheetOf(y)!]);
    byCoaches.set(key, series);
  }
  return {
    pairs,
    series: [...byCoaches.values()]
      .filter((s) => s.sheets.length >= 2)
      .map((s) => {
        const agreement = seriesAgreement(s.sheets);
        return {
          coaches: s.coaches,
          conversations: agreement.conversations,
          behaviours: agreement.behaviours.map((b) => ({
            label: BEHAVIOUR_INFO[b.behaviour].label,
            icc: iccText(b.icc, "conversations"),
          })),
          ratings: agreement.ratings,
        };
      }),
  };
}
