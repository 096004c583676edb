/**
 * Practice indicators based on MITI 4.2.1 (Moyers, Manuel & Ernst 2015), computed from the MI
 * codes of the options an officer chose. They are behaviour counts and ratios over a short
 * practice conversation: never a MITI coding, and never called a score.
 */
import { MI_CODE_INFO, type MiCode } from "./mi-codes";
import { plural } from "./words";

export interface BehaviourCounts {
  openQuestions: number;
  closedQuestions: number;
  simpleReflections: number;
  complexReflections: number;
  /** affirm + seeking collaboration + emphasizing autonomy */
  miAdherent: number;
  /** confront + persuade (persuade with permission counts in neither) */
  miNonAdherent: number;
}

export const NO_BEHAVIOURS: BehaviourCounts = {
  openQuestions: 0,
  closedQuestions: 0,
  simpleReflections: 0,
  complexReflections: 0,
  miAdherent: 0,
  miNonAdherent: 0,
};

export function countBehaviours(codes: Iterable<MiCode>): BehaviourCounts {
  const c = { ...NO_BEHAVIOURS };
  for (const code of codes) {
    const info = MI_CODE_INFO[code];
    if (code === "open_question") c.openQuestions++;
    else if (code === "closed_question") c.closedQuestions++;
    else if (code === "simple_reflection") c.simpleReflections++;
    else if (code === "complex_reflection") c.complexReflections++;
    if (info.isMiAdherent) c.miAdherent++;
    if (info.isMiNonAdherent) c.miNonAdherent++;
  }
  return c;
}

export interface Indicators {
  questions: number;
  reflections: number;
  /** (simple + complex reflections) / questions; null when no questions were asked */
  reflectionToQuestion: number | null;
  /** complex / all reflections, 0..100; null when there were no reflections */
  percentComplexReflections: number | null;
  /** open / all questions, 0..100 (MITI 3.1.1); null when no questions were asked */
  percentOpenQuestions: number | null;
  miAdherent: number;
  miNonAdherent: number;
}

export function indicatorsOf(c: BehaviourCounts): Indicators {
  // Named fields rather than a spread: exports compute this for every attempt of a year.
  return summaryScores({
    questions: c.openQuestions + c.closedQuestions,
    openQuestions: c.openQuestions,
    simpleReflections: c.simpleReflections,
    complexReflections: c.complexReflections,
    miAdherent: c.miAdherent,
    miNonAdherent: c.miNonAdherent,
  });
}

/**
 * The MITI 4.2.1 summary scores from totals. `openQuestions` is null where questions were counted
 * together, as MITI 4.2.1 counts them (an observed conversation): % open questions is then null.
 */
export function summaryScores(t: {
  questions: number;
  openQuestions: number | null;
  simpleReflections: number;
  complexReflections: number;
  miAdherent: number;
  miNonAdherent: number;
}): Indicators {
  const { questions } = t;
  const reflections = t.simpleReflections + t.complexReflections;
  return {
    questions,
    reflections,
    reflectionToQuestion: questions === 0 ? null : reflections / questions,
    percentComplexReflections: reflections === 0 ? null : (100 * t.complexReflections) / reflections,
    percentOpenQuestions: questions === 0 || t.openQuestions === null ? null : (100 * t.openQuestions) / questions,
    miAdherent: t.miAdherent,
    miNonAdherent: t.miNonAdherent,
  };
}

/** MITI 4.2.1 thresholds (expert opinion, not norms), and MITI 3.1.1 for % open questions. */
export const MITI_LEVELS = {
  reflectionToQuestion: { fair: 1, good: 2 },
  percentComplexReflections: { fair: 40, good: 50 },
  percentOpenQuestions: { fair: 50, good: 70 },
  /** (Cultivating Change Talk + Softening Sustain Talk) / 2, from an observed conversation */
  technicalGlobal: { fair: 3, good: 4 },
  /** (Partnership + Empathy) / 2, from an observed conversation */
  relationalGlobal: { fair: 3.5, good: 4 },
} as const;

/** R:Q at or above `min`. Reflections with no questions at all count as above any ratio. */
export function meetsReflectionToQuestion(i: Indicators, min: number): boolean {
  if (min <= 0) return true;
  if (i.questions === 0) return i.reflections > 0;
  return (i.reflectionToQuestion ?? 0) >= min;
}

/** %CR at or above `min`. No reflections meets only a threshold of 0. */
export function meetsPercentComplex(i: Indicators, min: number): boolean {
  if (min <= 0) return true;
  return i.percentComplexReflections !== null && i.percentComplexReflections >= min;
}

export type Level = "good" | "fair" | "below fair" | "not applicable";

/** Whether MITI sets the indicator fair and good levels: only those have a level to show or export. */
const hasLevels = (key: string): boolean => key in MITI_LEVELS;

/**
 * An indicator's level as every page and download gives it: none (null) for a count MITI sets no level
 * for; an indicator with levels keeps its level, "not applicable" included, when there was nothing to judge.
 */
export const shownLevel = (line: { key: string; level: Level }): Level | null =>
  hasLevels(line.key) ? line.level : null;

export interface IndicatorLine {
  key: "reflectionToQuestion" | "percentComplexReflections" | "miAdherent" | "miNonAdherent" | "percentOpenQuestions";
  /** the technical name, shown second */
  name: string;
  /** the figure as the technical name states it, e.g. "2 : 1 (4 reflections, 2 questions)" */
  value: string;
  /** what the officer did, in plain words, shown first */
  plain: string;
  /** the fair and good levels as the figure states them; null for a count MITI sets no levels for */
  fair: string | null;
  good: string | null;
  /** whether a higher figure is better (false only for MI-non-adherent responses, where fewer is better) */
  higherIsBetter: boolean;
  level: Level;
  /** MITI sets the indicator fair and good levels; without them its level is "not applicable" and it has no tag */
  hasLevels: boolean;
  /** when the level is "not applicable": why there is no comparison */
  why: string | null;
  explanation: string;
  source: "MITI 4.2.1" | "MITI 3.1.1";
}

/** A line as written below: its fair and good levels stated only where MITI_LEVELS has the indicator. */
type LineWithoutLevels = Omit<IndicatorLine, "hasLevels" | "fair" | "good"> & { fair?: string; good?: string };

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toString();
const percent = (n: number) => `${Math.round(n)}%`;
/** "once", "twice", "3 times", "1.5 times" */
export const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${oneDecimal(n)} times`);

export function levelOf(meetsGood: boolean, meetsFair: boolean): Level {
  return meetsGood ? "good" : meetsFair ? "fair" : "below fair";
}

/** Reflections against questions in plain words: "You reflected back 4 times for every question you asked". */
export function reflectionsInWords(i: Indicators): string {
  if (i.questions === 0)
    return i.reflections === 0
      ? "You did not ask questions or reflect back"
      : `You reflected back ${times(i.reflections)} and asked no questions`;
  if (i.reflections === 0) return `You asked ${plural(i.questions, "question")} and did not reflect back`;
  const ratio = i.reflections / i.questions;
  return ratio >= 1
    ? `You reflected back ${times(ratio)} for every question you asked`
    : `You asked ${oneDecimal(1 / ratio)} questions for every time you reflected back`;
}

export function reflectionToQuestionLevel(i: Indicators): Level {
  if (i.questions === 0 && i.reflections === 0) return "not applicable";
  const rq = MITI_LEVELS.reflectionToQuestion;
  return levelOf(meetsReflectionToQuestion(i, rq.good), meetsReflectionToQuestion(i, rq.fair));
}

export function percentComplexLevel(i: Indicators): Level {
  if (i.reflections === 0) return "not applicable";
  const cr = MITI_LEVELS.percentComplexReflections;
  return levelOf(meetsPercentComplex(i, cr.good), meetsPercentComplex(i, cr.fair));
}

/**
 * The indicators as lines for a review page or a record: words, never Infinity or NaN. An observed
 * conversation counts questions together (MITI 4.2.1), so it has no open-questions line.
 */
export function describeIndicators(i: Indicators, { openQuestions = true } = {}): IndicatorLine[] {
  const cr = MITI_LEVELS.percentComplexReflections;
  const complex =
    i.percentComplexReflections === null ? 0 : Math.round((i.percentComplexReflections * i.reflections) / 100);
  const lines: LineWithoutLevels[] = [
    {
      key: "reflectionToQuestion",
      name: "Reflection-to-question ratio",
      value:
        i.questions === 0
          ? i.reflections === 0
            ? "no questions asked and no reflections"
            : `no questions asked; ${plural(i.reflections, "reflection")}`
          : `${oneDecimal(i.reflectionToQuestion!)} : 1 (${plural(i.reflections, "reflection")}, ${plural(i.questions, "question")})`,
      plain: `${reflectionsInWords(i)} (fair is once for each question, good is twice or more)`,
      fair: "1 : 1",
      good: "2 : 1",
      higherIsBetter: true,
      level: reflectionToQuestionLevel(i),
      why: i.questions === 0 && i.reflections === 0 ? "Not judged: there were no questions or reflections" : null,
      explanation:
        "How often you reflected back what he said, for each question you asked. More reflections than questions keeps him talking.",
      source: "MITI 4.2.1",
    },
    {
      key: "percentComplexReflections",
      name: "Complex reflections",
      value:
        i.reflections === 0
          ? "no reflections"
          : `${percent(i.percentComplexReflections!)} of ${plural(i.reflections, "reflection")}`,
      plain:
        i.reflections === 0
          ? "You did not reflect back, so none of your reflections could add meaning"
          : `${complex} of your ${plural(i.reflections, "reflection")} added meaning or feeling, not just his words (fair is ${cr.fair}%, good is ${cr.good}%)`,
      fair: `${cr.fair}%`,
      good: `${cr.good}%`,
      higherIsBetter: true,
      level: percentComplexLevel(i),
      why: i.reflections === 0 ? "Not judged: there were no reflections" : null,
      explanation:
        "The share of your reflections that added meaning, feeling or both sides, rather than repeating his words.",
      source: "MITI 4.2.1",
    },
    {
      key: "miAdherent",
      name: "MI-adherent responses",
      value: String(i.miAdherent),
      plain: `You affirmed him, asked for his view or left the choice with him ${i.miAdherent === 0 ? "no times" : times(i.miAdherent)} (more is better)`,
      higherIsBetter: true,
      level: "not applicable",
      why: "No fair or good level: more is better",
      explanation:
        "Affirmations, seeking collaboration and emphasising his choice: the responses that build partnership.",
      source: "MITI 4.2.1",
    },
    {
      key: "miNonAdherent",
      name: "MI-non-adherent responses",
      value: String(i.miNonAdherent),
      plain:
        i.miNonAdherent === 0
          ? "You never confronted him or persuaded him without permission (aim for none)"
          : `You confronted him or persuaded him without permission ${times(i.miNonAdherent)} (aim for none)`,
      higherIsBetter: false,
      level: "not applicable",
      why: "No fair or good level in MITI 4.2.1: fewer is better, and an assessment's pass mark says how many it allows",
      explanation:
        "Confronting, or persuading without permission: the righting reflex, which tends to bring more sustain talk or discord.",
      source: "MITI 4.2.1",
    },
    ...(openQuestions ? [openQuestionsLine(i)] : []),
  ];
  // MITI_LEVELS alone decides which lines have levels: any other line gives none.
  return lines.map((l) =>
    hasLevels(l.key)
      ? { ...l, fair: l.fair ?? null, good: l.good ?? null, hasLevels: true }
      : { ...l, fair: null, good: null, hasLevels: false },
  );
}

function openQuestionsLine(i: Indicators): LineWithoutLevels {
  const oq = MITI_LEVELS.percentOpenQuestions;
  const open = i.percentOpenQuestions === null ? 0 : Math.round((i.percentOpenQuestions * i.questions) / 100);
  return {
    key: "percentOpenQuestions",
    name: "Open questions",
    value:
      i.questions === 0
        ? "no questions asked"
        : `${percent(i.percentOpenQuestions!)} of ${plural(i.questions, "question")}`,
    plain:
      i.questions === 0
        ? "You asked no questions, so there were none to be open"
        : `${open} of your ${plural(i.questions, "question")} invited him to talk rather than answer yes or no (fair is ${oq.fair}%, good is ${oq.good}%)`,
    fair: `${oq.fair}%`,
    good: `${oq.good}%`,
    higherIsBetter: true,
    level:
      i.questions === 0
        ? "not applicable"
        : levelOf(i.percentOpenQuestions! >= oq.good, i.percentOpenQuestions! >= oq.fair),
    why: i.questions === 0 ? "Not judged: there were no questions" : null,
    explanation: `The share of your questions that invited him to talk rather than answer yes or no, from the older MITI 3.1.1, which calls ${oq.fair}% beginning proficiency and ${oq.good}% competency.`,
    source: "MITI 3.1.1",
  };
}
