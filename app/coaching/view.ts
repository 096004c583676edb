// An observation as every page shows it (the coach's, the officer's, a manager's): indicators and
// globals in words against the fair and good levels, each rating with what its level means.
import { describeIndicators } from "~/domain/indicators";
import { BEHAVIOUR_INFO, OBSERVED_BEHAVIOURS, observedIndicators } from "~/domain/observation/behaviours";
import { describeGlobals, GLOBAL_INFO, GLOBAL_RATINGS } from "~/domain/observation/globals";
import { countsOf, ratingsOf, type ObservationColumns } from "~/domain/observation/records";
import { formatDate, formatDateTime, isoWithOffset } from "~/domain/dates.server";

export interface ObservationViewRow extends ObservationColumns {
  id: number;
  status: "draft" | "recorded";
  officer_id: number;
  officer_name: string;
  officer_wing: string | null;
  coach_name: string;
  started_at: string;
  minutes: number | null;
  strengths: string | null;
  next_step: string | null;
  officer_reflection: string | null;
  reflected_at: string | null;
  calibration_partner_id: number | null;
}

export function observationView(o: ObservationViewRow) {
  const counts = countsOf(o);
  const ratings = ratingsOf(o);
  return {
    id: o.id,
    status: o.status,
    officer: { id: o.officer_id, name: o.officer_name, wing: o.officer_wing },
    coachName: o.coach_name,
    date: formatDate(o.recorded_at ?? o.started_at),
    recordedAt: o.recorded_at ? formatDateTime(o.recorded_at) : null,
    recordedAtIso: o.recorded_at ? isoWithOffset(o.recorded_at) : null,
    minutes: o.minutes,
    counts: OBSERVED_BEHAVIOURS.map((b) => ({ key: b, label: BEHAVIOUR_INFO[b].label, count: counts[b] })),
    indicators: describeIndicators(observedIndicators(counts), { openQuestions: false }).map((l) => ({
      key: l.key,
      name: l.name,
      value: l.value,
      fair: l.fair,
      good: l.good,
      higherIsBetter: l.higherIsBetter,
      level: l.level,
      plain: l.plain,
      why: l.why,
      explanation: l.explanation,
    })),
    globals: ratings ? describeGlobals(ratings) : [],
    ratings: ratings
      ? GLOBAL_RATINGS.map((r) => ({
          key: r,
          name: GLOBAL_INFO[r].name,
          value: ratings[r],
          meaning: GLOBAL_INFO[r].levels[ratings[r] - 1],
        }))
      : [],
    strengths: o.strengths,
    nextStep: o.next_step,
    reflection: o.officer_reflection,
    reflectedAt: o.reflected_at ? formatDateTime(o.reflected_at) : null,
    calibrationPartnerId: o.calibration_partner_id,
  };
}

export type ObservationView = ReturnType<typeof observationView>;

/** A draft's saved values as the sheet's fields (blank where nothing is saved yet). */
export function sheetFieldsOf(o: ObservationViewRow): Record<string, string> {
  const counts = countsOf(o);
  const rated = {
    cultivatingChangeTalk: o.cultivating_change_talk,
    softeningSustainTalk: o.softening_sustain_talk,
    partnership: o.partnership,
    empathy: o.empathy,
  };
  return {
    minutes: o.minutes === null ? "" : String(o.minutes),
    ...Object.fromEntries(OBSERVED_BEHAVIOURS.map((b) => [b, String(counts[b])])),
    ...Object.fromEntries(GLOBAL_RATINGS.map((r) => [r, rated[r] === null ? "" : String(rated[r])])),
    strengths: o.strengths ?? "",
    nextStep: o.next_step ?? "",
  };
}
