/**
 * What a coach tallies while observing an officer's real conversation on the wing: the MITI 4.2.1
 * behaviour counts, with open and closed questions counted together as MITI 4.2.1 counts them.
 * Results are "observed practice indicators based on MITI 4.2.1", never a MITI coding: the manual
 * codes 20-minute recordings, and wing conversations are shorter and observed live.
 */
import { summaryScores, type Indicators } from "../indicators";
import { MI_CODE_INFO, type MiCode } from "../mi-codes";

export const OBSERVED_BEHAVIOURS = [
  "questions",
  "simpleReflections",
  "complexReflections",
  "affirms",
  "seekingCollaboration",
  "emphasizingAutonomy",
  "givingInformation",
  "persuadeWithPermission",
  "persuades",
  "confronts",
] as const;
export type ObservedBehaviour = (typeof OBSERVED_BEHAVIOURS)[number];
export type ObservedCounts = Record<ObservedBehaviour, number>;

/** Tallies are bounded: more than 200 of one behaviour in 20 minutes is a slip of the thumb. */
export const MAX_COUNT = 200;
/** The conversation lengths an observation may record, in whole minutes. */
export const MIN_MINUTES = 3;
export const MAX_MINUTES = 20;

const CODE_OF: Record<Exclude<ObservedBehaviour, "questions">, MiCode> = {
  simpleReflections: "simple_reflection",
  complexReflections: "complex_reflection",
  affirms: "affirm",
  seekingCollaboration: "seeking_collaboration",
  emphasizingAutonomy: "emphasizing_autonomy",
  givingInformation: "giving_information",
  persuadeWithPermission: "persuade_with_permission",
  persuades: "persuade",
  confronts: "confront",
};

/** MITI 4.2.1's rules for the close calls a coach meets while tallying, after the code's description. */
const CLOSE_CALLS: Partial<Record<ObservedBehaviour, string>> = {
  simpleReflections: "Unsure whether it was simple or complex? Tally simple.",
  seekingCollaboration: "Asking to tell him something (“Can I tell you what I know?”) goes here, not under Question.",
  givingInformation: "Unsure whether it was persuading or information? Tally information.",
  confronts: "A question that carries a judgement (“You’ve no worries at all about that?”) goes here.",
};

/** The label on each tally button and number field, and what to tally under it. */
export const BEHAVIOUR_INFO: Record<ObservedBehaviour, { label: string; hint: string }> = {
  questions: {
    label: "Question",
    hint: "Any question, open or closed: MITI 4.2.1 counts them together. Not a question that asks to tell him something, or that carries a judgement.",
  },
  ...(Object.fromEntries(
    Object.entries(CODE_OF).map(([key, code]) => [
      key,
      {
        label: MI_CODE_INFO[code].label,
        hint: [MI_CODE_INFO[code].description, CLOSE_CALLS[key as ObservedBehaviour]].filter(Boolean).join(" "),
      },
    ]),
  ) as Record<Exclude<ObservedBehaviour, "questions">, { label: string; hint: string }>),
};

export const NO_COUNTS: ObservedCounts = Object.fromEntries(OBSERVED_BEHAVIOURS.map((b) => [b, 0])) as ObservedCounts;

/** R:Q, %CR and the MI-adherent and non-adherent totals of an observed conversation. */
export function observedIndicators(c: ObservedCounts): Indicators {
  return summaryScores({
    questions: c.questions,
    openQuestions: null,
    simpleReflections: c.simpleReflections,
    complexReflections: c.complexReflections,
    miAdherent: c.affirms + c.seekingCollaboration + c.emphasizingAutonomy,
    miNonAdherent: c.persuades + c.confronts,
  });
}
