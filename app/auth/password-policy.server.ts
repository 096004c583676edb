// Which new passwords Engage accepts, after the NCSC's password guidance: long (at least 12
// characters, checked by the form), no composition rules, and a deny-list: the most common
// passwords, repeats and keyboard runs, and words that belong to the person or this service
// (their username and name, "engage", their prison). zxcvbn-ts does the matching: its lists of
// common passwords, words and names, with the context words added per check.
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

/**
 * zxcvbn's top score: about 10^10 guesses or more. Three unrelated words pass; a word or name with
 * a year and a symbol ("Engage2026!!", "jan.smith1985") does not.
 */
const LEAST_SCORE = 4;

/** Words anyone guessing an Engage password would try first. */
const SERVICE_WORDS = [
  "engage",
  "prison",
  "officer",
  "hmp",
  "hmpps",
  "wing",
  "motivational",
  "interviewing",
  "reflections",
];

let checker: ZxcvbnFactory | null = null;
function zxcvbn() {
  // Built on first use: the dictionaries take a moment and some memory.
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return checker;
}

export interface PasswordContext {
  username?: string | null;
  displayName?: string | null;
  prisonName?: string | null;
}

/** What is wrong with a new password in plain words, or null when it may be used. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const personal = [context.username, ...(context.displayName ?? "").split(/\s+/), context.prisonName]
    .filter((w): w is string => Boolean(w && w.length >= 3))
    .map((w) => w.toLowerCase());
  const result = zxcvbn().check(password, [...SERVICE_WORDS, ...personal]);
  if (result.score >= LEAST_SCORE) return null;
  return explain(result);
}

function explain(result: ZxcvbnResult): string {
  const matches = result.sequence;
  if (matches.some((m) => m.pattern === "dictionary" && m.dictionaryName === "userInputs"))
    return "Password must not be based on your username, your name, your prison or the name of this service";
  if (matches.some((m) => m.pattern === "repeat"))
    return "Password must not repeat a word or a character: try three or four unrelated words";
  if (matches.some((m) => m.pattern === "dictionary" && (m.dictionaryName as string).startsWith("passwords")))
    return "Password is too close to one of the most common passwords: choose one nobody would guess";
  if (matches.some((m) => m.pattern === "sequence" || m.pattern === "spatial"))
    return "Password must not be a run of letters, numbers or keys such as abcd, 1234 or qwerty";
  return "Password is too easy to guess: try three or four unrelated words";
}
