/**
 * What an officer is told about a finished assessment: did it pass the module's thresholds, and
 * if not, which ones it missed, in plain words, with something to try next time. The rule itself
 * is competency.ts (assessmentShortfalls); this file only puts it into words.
 */
import { assessmentShortfalls, type AttemptRecord, type Shortfall, type Thresholds } from "./competency";
import { indicatorsOf, reflectionsInWords, times, type Indicators } from "./indicators";

export interface Missed {
  key: Shortfall;
  /** a few words, for a table cell or a CSV: "fewer than 1 reflection for each question" */
  short: string;
  /** what happened against what the module asks */
  what: string;
  /** something to try next time */
  tryThis: string;
}

export interface AssessmentResult {
  passed: boolean;
  missed: Missed[];
}

function describe(key: Shortfall, i: Indicators, t: Thresholds): Missed {
  switch (key) {
    case "disengaged":
      return {
        key,
        short: "he walked away (a disengaged ending)",
        what: "The conversation ended with him disengaged. An assessment passes only when he has not walked away.",
        tryThis:
          "Find the turn where his talk turned to sustain talk or discord, and try a reflection there instead of a question or advice.",
      };
    case "reflectionToQuestion":
      return {
        key,
        short: `fewer than ${t.minReflectionToQuestion} reflection${t.minReflectionToQuestion === 1 ? "" : "s"} for each question`,
        what: `${reflectionsInWords(i)}. The module asks you to reflect back at least ${times(t.minReflectionToQuestion)} for each question (reflection-to-question ratio ${t.minReflectionToQuestion} : 1).`,
        tryThis: "After he answers, say back what you heard before you ask your next question.",
      };
    case "percentComplexReflections":
      return {
        key,
        short: `under ${t.minPercentComplexReflections}% of reflections added meaning`,
        what:
          i.reflections === 0
            ? `You did not reflect back. The module asks for at least ${t.minPercentComplexReflections}% of your reflections to add meaning or feeling (complex reflections).`
            : `${Math.round(i.percentComplexReflections!)}% of your reflections added meaning or feeling. The module asks for at least ${t.minPercentComplexReflections}% (complex reflections).`,
        tryThis:
          "Go beyond his words: say what he might mean or feel, or both sides of how he sees it ('Part of you… and part of you…').",
      };
    case "miNonAdherent":
      return {
        key,
        short: `${i.miNonAdherent} confronting or persuading response${i.miNonAdherent === 1 ? "" : "s"}`,
        what: `You confronted him or persuaded him without permission ${times(i.miNonAdherent)}. The module allows ${t.maxMiNonAdherent === 0 ? "none" : `up to ${t.maxMiNonAdherent}`} (MI-non-adherent responses).`,
        tryThis:
          "Hold back the urge to put him right: ask before you give information or advice, and leave the choice with him.",
      };
  }
}

/** The result of a finished assessment; null for practice or unfinished attempts (they are not judged). */
export function assessmentResult(a: AttemptRecord, t: Thresholds): AssessmentResult | null {
  const shortfalls = assessmentShortfalls(a, t);
  if (!shortfalls) return null;
  const i = indicatorsOf(a.counts);
  return { passed: shortfalls.length === 0, missed: shortfalls.map((k) => describe(k, i, t)) };
}
