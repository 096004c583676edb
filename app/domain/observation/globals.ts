/**
 * The four MITI 4.2.1 global ratings a coach gives an observed conversation (each 1 to 5, judged
 * over the whole conversation), the technical and relational globals made from them, and their
 * levels against the MITI 4.2.1 fair and good thresholds. Each level's words follow the manual's
 * anchors, put in a wing's terms.
 */
import { levelOf, MITI_LEVELS, type IndicatorLine, type Level } from "../indicators";

export const GLOBAL_RATINGS = ["cultivatingChangeTalk", "softeningSustainTalk", "partnership", "empathy"] as const;
export type GlobalRating = (typeof GLOBAL_RATINGS)[number];
export type GlobalRatings = Record<GlobalRating, number>;

export const RATING_VALUES = [1, 2, 3, 4, 5] as const;

export const GLOBAL_INFO: Record<
  GlobalRating,
  { name: string; question: string; levels: [string, string, string, string, string] }
> = {
  cultivatingChangeTalk: {
    name: "Cultivating change talk",
    question: "How actively did the officer draw out and strengthen his own reasons for change?",
    levels: [
      "No attention to his words in favour of change.",
      "Now and then picks up his change talk, but often misses the chance.",
      "Often picks up his change talk, but misses some chances to draw it out.",
      "Consistently notices his change talk and tries to draw out more.",
      "A marked, consistent effort to deepen and strengthen his own reasons for change.",
    ],
  },
  softeningSustainTalk: {
    name: "Softening sustain talk",
    question: "How much did the officer avoid deepening his case against change?",
    levels: [
      "Keeps drawing out, dwelling on or arguing with his reasons against change.",
      "Usually follows and explores his reasons against change.",
      "Mostly follows his reasons against change, with some moves away from them.",
      "Mostly avoids dwelling on his reasons against change.",
      "Consistently and skilfully steers away from his case against change, without arguing. (He may have voiced none.)",
    ],
  },
  partnership: {
    name: "Partnership",
    question: "How far was power shared and his expertise on his own life respected?",
    levels: [
      "The officer acts as the expert who tells him; no partnership.",
      "Responds only on the surface to chances to work together.",
      "Takes in his goals and ideas, but half-heartedly or unevenly.",
      "Works with him so that his ideas change the conversation.",
      "Actively shares power: his ideas shape the whole conversation.",
    ],
  },
  empathy: {
    name: "Empathy",
    question: "How hard did the officer try to understand his point of view?",
    levels: [
      "Little or no attention to his point of view.",
      "Occasional tries to understand him, sometimes wide of the mark.",
      "Actively tries to understand him, with some success.",
      "Repeated, accurate effort to understand him, mostly what he has said.",
      "Understands more than he has said, and shows it.",
    ],
  },
};

/** (Cultivating Change Talk + Softening Sustain Talk) / 2 */
export const technicalGlobal = (r: GlobalRatings) => (r.cultivatingChangeTalk + r.softeningSustainTalk) / 2;
/** (Partnership + Empathy) / 2 */
export const relationalGlobal = (r: GlobalRatings) => (r.partnership + r.empathy) / 2;

export function globalLevel(value: number, which: "technicalGlobal" | "relationalGlobal"): Level {
  const t = MITI_LEVELS[which];
  return levelOf(value >= t.good, value >= t.fair);
}

/** Shown as the assessment indicators are, against the MITI 4.2.1 fair and good levels. */
export type GlobalLine = Omit<IndicatorLine, "key" | "source" | "hasLevels"> & {
  key: "technicalGlobal" | "relationalGlobal";
};

const oneDecimal = (n: number) => n.toFixed(1);

/** The two globals as lines for a record: the value, what it is made of, and its level. */
export function describeGlobals(r: GlobalRatings): GlobalLine[] {
  const technical = technicalGlobal(r);
  const relational = relationalGlobal(r);
  const t = MITI_LEVELS.technicalGlobal;
  const rel = MITI_LEVELS.relationalGlobal;
  return [
    {
      key: "technicalGlobal",
      name: "Technical global",
      value: `${oneDecimal(technical)} (cultivating change talk ${r.cultivatingChangeTalk}, softening sustain talk ${r.softeningSustainTalk})`,
      fair: oneDecimal(t.fair),
      good: oneDecimal(t.good),
      higherIsBetter: true,
      level: globalLevel(technical, "technicalGlobal"),
      plain: `Drawing out his reasons for change and softening his reasons against it: ${oneDecimal(technical)} out of 5 (fair is ${oneDecimal(t.fair)}, good is ${oneDecimal(t.good)})`,
      why: null,
      explanation: "How well you drew out his reasons for change and steered away from his reasons against it.",
    },
    {
      key: "relationalGlobal",
      name: "Relational global",
      value: `${oneDecimal(relational)} (partnership ${r.partnership}, empathy ${r.empathy})`,
      fair: oneDecimal(rel.fair),
      good: oneDecimal(rel.good),
      higherIsBetter: true,
      level: globalLevel(relational, "relationalGlobal"),
      plain: `Working with him as a partner and understanding his point of view: ${oneDecimal(relational)} out of 5 (fair is ${oneDecimal(rel.fair)}, good is ${oneDecimal(rel.good)})`,
      why: null,
      explanation: "How far you worked with him as a partner and tried to understand his point of view.",
    },
  ];
}
