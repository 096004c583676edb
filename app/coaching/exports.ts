// Observations as CSV: the officer's own download and the manager's export share one layout.
import { toCsv } from "~/domain/reporting/csv";
import type { ObservationView } from "~/coaching/view";
import { BEHAVIOUR_INFO, OBSERVED_BEHAVIOURS } from "~/domain/observation/behaviours";
import { GLOBAL_INFO, GLOBAL_RATINGS } from "~/domain/observation/globals";
import { shownLevel } from "~/domain/indicators";

export const OBSERVATIONS_NOTE =
  "Observed practice indicators based on MITI 4.2.1, from a coach watching a real conversation on the wing: not a MITI coding.";

const INDICATOR_COLUMNS = [
  "Reflection-to-question ratio",
  "Complex reflections",
  "MI-adherent responses",
  "MI-non-adherent responses",
  "Technical global",
  "Relational global",
];

export function observationsCsv(views: ObservationView[], { withOfficer }: { withOfficer: boolean }): string {
  const header = [
    "Recorded",
    "Recorded (ISO 8601)",
    ...(withOfficer ? ["Officer", "Wing"] : []),
    "Coach",
    "Minutes",
    ...INDICATOR_COLUMNS.flatMap((name) => [name, `${name}: level`]),
    ...GLOBAL_RATINGS.map((r) => `${GLOBAL_INFO[r].name} (1 to 5)`),
    ...OBSERVED_BEHAVIOURS.map((b) => `${BEHAVIOUR_INFO[b].label} (count)`),
    "Strengths",
    "Next step",
    "Officer's reflection",
  ];
  const rows = views.map((v) => {
    const lines = new Map([...v.indicators, ...v.globals].map((l) => [l.name, l]));
    return [
      v.recordedAt ?? "",
      v.recordedAtIso ?? "",
      ...(withOfficer ? [v.officer.name, v.officer.wing ?? ""] : []),
      v.coachName,
      v.minutes,
      ...INDICATOR_COLUMNS.flatMap((name) => {
        const line = lines.get(name);
        return [line?.value ?? "", (line && shownLevel(line)) ?? ""];
      }),
      ...v.ratings.map((r) => r.value),
      ...v.counts.map((c) => c.count),
      v.strengths ?? "",
      v.nextStep ?? "",
      v.reflection ?? "",
    ];
  });
  return toCsv(header, rows);
}
