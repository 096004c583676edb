// A module's competency settings in words, and the officers whose status a change would move.
// Plain words first, the MITI 4.2.1 terms second (../shared/MI-REFERENCE.md: fair R:Q 1 and %CR
// 40%, good 2 and 50%).
import type { ReactNode } from "react";
import { SummaryList } from "~/components/page";
import { PROGRESS } from "~/domain/vocabulary";
import type { StatusShift } from "~/studio/impact.server";

/** The settings form's fields, which carry the settings as text between the pages of a change. */
export const SETTING_FIELDS = [
  "reflectionsPerQuestion",
  "percentComplex",
  "nonAdherentAllowed",
  "refresherMonths",
  "requiresObservation",
] as const;
export type SettingsFields = Record<(typeof SETTING_FIELDS)[number], string>;

type SettingName = (typeof SETTING_FIELDS)[number];

/** The hidden field that carries what the page showed of a setting, so a save that clashes keeps the other trainer's. */
const shownName = (name: SettingName) => `shown${name.charAt(0).toUpperCase()}${name.slice(1)}`;

/** What the page showed, as a form's hidden fields. */
export const asShown = (fields: SettingsFields): [string, string][] =>
  SETTING_FIELDS.map((name) => [shownName(name), fields[name]]);

/** What the page showed, read back from a form's fields (null when any is missing or longer than a setting can be). */
export function shownFrom(values: Record<string, string> | null | undefined): SettingsFields | null {
  const shown = SETTING_FIELDS.map((name) => [name, values?.[shownName(name)]] as const);
  return shown.every(([, v]) => typeof v === "string" && v.length <= 20)
    ? (Object.fromEntries(shown) as SettingsFields)
    : null;
}

export const SETTING_WORDS = {
  reflectionsPerQuestion: {
    label: "Reflections for each question, at least",
    hint: "Reflection-to-question ratio (R:Q) in an assessment. MITI 4.2.1 calls 1 fair and 2 good.",
    say: (v: string) => `At least ${v} for each question`,
  },
  percentComplex: {
    label: "Complex reflections, as a percentage of all reflections, at least",
    hint: "Percent complex reflections (%CR). MITI 4.2.1 calls 40% fair and 50% good.",
    say: (v: string) => `At least ${v}%`,
  },
  nonAdherentAllowed: {
    label: "Responses that go against MI, at most",
    hint: "MI-non-adherent responses: confronting, or persuading without permission. 0 means none at all.",
    say: (v: string) => (v === "0" ? "None" : `At most ${v}`),
  },
  refresherMonths: {
    label: "Months until a refresher is due",
    hint: "Skills fade without practice: 6 months unless the module says otherwise.",
    say: (v: string) => (v === "1" ? "After 1 month" : `After ${v} months`),
  },
  requiresObservation: {
    label: "A coach's observation on the wing is also needed",
    hint: "An observation of a real conversation that meets these thresholds, with both global ratings at least fair.",
    say: (v: string) => (v === "yes" ? "Yes" : "No"),
  },
} as const;

export function SettingsSummary({
  fields,
  more = [],
}: {
  fields: SettingsFields;
  more?: { key: string; value: ReactNode }[];
}) {
  return (
    <SummaryList
      rows={[
        ...SETTING_FIELDS.map((name) => ({
          key: SETTING_WORDS[name].label,
          value: SETTING_WORDS[name].say(fields[name]),
        })),
        ...more,
      ]}
    />
  );
}

const officers = (n: number) => (n === 1 ? "1 officer" : `${n} officers`);

/** The officers whose status would change, by module and from-to, across every prison. */
export function ShiftList({ shifts }: { shifts: StatusShift[] }) {
  if (shifts.length === 0) return <p className="govuk-body">No officer's status changes.</p>;
  return (
    <>
      <p className="govuk-body">Officers' statuses that change, across every prison:</p>
      <ul className="govuk-list govuk-list--bullet">
        {shifts.map((s) => (
          <li key={`${s.moduleTitle}-${s.from}-${s.to}`}>
            {officers(s.officers)} in {s.moduleTitle}: from {PROGRESS[s.from].label} to {PROGRESS[s.to].label}
          </li>
        ))}
      </ul>
    </>
  );
}
