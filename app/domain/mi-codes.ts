/**
 * The vocabulary Engage shares across scenarios, indicators and competency: the 11 officer
 * behaviour codes (MITI 4.2.1, with questions split open/closed as in MITI 3.1.1), the talk
 * types of a prisoner line, and conversation outcomes. Plain data so any layer can import it.
 */

export const MI_CODES = [
  "open_question",
  "closed_question",
  "simple_reflection",
  "complex_reflection",
  "affirm",
  "seeking_collaboration",
  "emphasizing_autonomy",
  "giving_information",
  "persuade_with_permission",
  "persuade",
  "confront",
] as const;
export type MiCode = (typeof MI_CODES)[number];

/** The MITI 4.2.1 behaviour count each Engage code is tallied under. */
export type MitiCategory =
  | "Question"
  | "Simple Reflection"
  | "Complex Reflection"
  | "Affirm"
  | "Seeking Collaboration"
  | "Emphasizing Autonomy"
  | "Giving Information"
  | "Persuade with Permission"
  | "Persuade"
  | "Confront";

export interface MiCodeInfo {
  code: MiCode;
  label: string;
  description: string;
  mitiCategory: MitiCategory;
  isQuestion: boolean;
  isReflection: boolean;
  isComplex: boolean;
  /** Counts towards the MITI "MI-adherent" total. */
  isMiAdherent: boolean;
  /** Counts towards the MITI "MI-non-adherent" total. */
  isMiNonAdherent: boolean;
  /** An option the validator accepts as "MI-consistent" when it checks every choice node has one. */
  isMiConsistentOption: boolean;
}

// Flags default to false; each entry sets only what is true, so the table stays readable.
function info(
  code: MiCode,
  label: string,
  mitiCategory: MitiCategory,
  description: string,
  flags: Partial<Omit<MiCodeInfo, "code" | "label" | "description" | "mitiCategory">> = {},
): MiCodeInfo {
  return {
    code,
    label,
    description,
    mitiCategory,
    isQuestion: false,
    isReflection: false,
    isComplex: false,
    isMiAdherent: false,
    isMiNonAdherent: false,
    isMiConsistentOption: false,
    ...flags,
  };
}

export const MI_CODE_INFO: Record<MiCode, MiCodeInfo> = {
  open_question: info(
    "open_question",
    "Open question",
    "Question",
    "Invites him to answer in his own words, not just yes or no.",
    { isQuestion: true, isMiConsistentOption: true },
  ),
  closed_question: info("closed_question", "Closed question", "Question", "Asks for a yes, a no or a fact.", {
    isQuestion: true,
  }),
  simple_reflection: info(
    "simple_reflection",
    "Simple reflection",
    "Simple Reflection",
    "Says back what he said, adding little or nothing.",
    { isReflection: true, isMiConsistentOption: true },
  ),
  complex_reflection: info(
    "complex_reflection",
    "Complex reflection",
    "Complex Reflection",
    "Says back what he said and adds meaning, feeling or the other side of his mixed feelings.",
    { isReflection: true, isComplex: true, isMiConsistentOption: true },
  ),
  affirm: info("affirm", "Affirmation", "Affirm", "Names a specific, genuine strength or effort of his.", {
    isMiAdherent: true,
    isMiConsistentOption: true,
  }),
  seeking_collaboration: info(
    "seeking_collaboration",
    "Seeking collaboration",
    "Seeking Collaboration",
    "Shares power: asks permission, or invites his ideas and view.",
    { isMiAdherent: true, isMiConsistentOption: true },
  ),
  emphasizing_autonomy: info(
    "emphasizing_autonomy",
    "Emphasising autonomy",
    "Emphasizing Autonomy",
    "Makes clear that the choice is his.",
    { isMiAdherent: true, isMiConsistentOption: true },
  ),
  giving_information: info(
    "giving_information",
    "Giving information",
    "Giving Information",
    "Gives facts neutrally, without pushing him either way.",
  ),
  persuade_with_permission: info(
    "persuade_with_permission",
    "Advice with permission",
    "Persuade with Permission",
    "Gives advice or an argument for change after asking, or being asked, first.",
  ),
  persuade: info(
    "persuade",
    "Persuading",
    "Persuade",
    "Gives advice, warnings or arguments for change without his permission.",
    { isMiNonAdherent: true },
  ),
  confront: info("confront", "Confronting", "Confront", "Argues, labels, shames, moralises or disagrees with him.", {
    isMiNonAdherent: true,
  }),
};

export function isMiCode(value: unknown): value is MiCode {
  return typeof value === "string" && (MI_CODES as readonly string[]).includes(value);
}

/**
 * The coding rules for the cases trainers are unsure of (MITI 4.2.1, as scenarios/README.md gives
 * them), in the studio's words: the help beside an option's MI code.
 */
export const MI_CODING_RULES = [
  "If unsure between simple and complex reflection, it is simple.",
  "If unsure between persuading and giving information, it is giving information.",
  "A question that carries a judgement is confronting.",
  "“Well done” or “I’m proud of you” is not an affirmation.",
] as const;

export const TALK_TYPES = ["change", "sustain", "discord", "neutral"] as const;
export type TalkType = (typeof TALK_TYPES)[number];

export const TALK_TYPE_INFO: Record<TalkType, { label: string; description: string }> = {
  change: {
    label: "Change talk",
    description: "His own words in favour of change: desire, ability, reasons, need, commitment, activation, steps.",
  },
  sustain: { label: "Sustain talk", description: "His words in favour of keeping things as they are." },
  discord: {
    label: "Discord",
    description: 'Friction between him and you (or staff: "you lot"), in the relationship itself.',
  },
  neutral: { label: "Neutral", description: "Neither for nor against change." },
};

export const OUTCOMES = ["engaged", "undecided", "disengaged"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_INFO: Record<Outcome, { label: string; description: string }> = {
  engaged: { label: "Engaged", description: "He moves towards taking part or keeps talking about change." },
  undecided: { label: "Undecided", description: "He is still weighing it up; the door is open." },
  disengaged: { label: "Disengaged", description: "He shuts the conversation down." },
};
