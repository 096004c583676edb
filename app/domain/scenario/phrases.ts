/**
 * Sameness across the library: three-word phrases that recur in different men's lines. Each
 * scenario's persona is a different man, so a phrase two of them share ("too right mate", "just
 * like the rest") is a sign the writer's voice has crept in. A plain n-gram count: phrases never
 * cross a sentence or clause break, and case and punctuation are ignored.
 */
import type { Scenario } from "./schema";

export const PHRASE_WORDS = 3;
/**
 * The most phrases two men may share: a handful ("i want to", "put an app") are just how people talk.
 * Before issue 17's rewrite (commit 0214019) 66 of the 105 pairs of men were over it, the worst
 * sharing 21; after it the worst of 190 pairs shares 5.
 */
export const MAX_SHARED_PHRASES = 6;

/** One man: a key (the scenario id), a label for people, and everything he says. */
export interface PersonaLines {
  key: string;
  label: string;
  lines: string[];
}

export interface RecurringPhrase {
  phrase: string;
  /** Keys of the personas who say it, in library order. */
  personas: string[];
}

export interface PersonaPair {
  a: string;
  b: string;
  /** Phrases both say, alphabetical. */
  shared: string[];
}

export interface PhraseReport {
  /** Phrases said by two or more men: the most widely shared first, then alphabetical. */
  recurring: RecurringPhrase[];
  /** Every pair of men sharing at least one phrase: the most alike first. */
  pairs: PersonaPair[];
}

export function personaLines(scenario: Scenario): PersonaLines {
  return {
    key: scenario.id,
    label: `${scenario.persona.name} (${scenario.id})`,
    lines: Object.values(scenario.nodes).map((node) => node.prisoner),
  };
}

/** The distinct n-word phrases of a text, lower-case, within clauses. */
export function phrasesOf(text: string, words = PHRASE_WORDS): Set<string> {
  const out = new Set<string>();
  const clauses = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .split(/[.!?;:,()"\u201c\u201d\u2013\u2014]+|\s-\s/);
  for (const clause of clauses) {
    const tokens = clause
      .split(/\s+/)
      .map((t) => t.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ""))
      .filter((t) => t.length > 0);
    for (let i = 0; i + words <= tokens.length; i++) out.add(tokens.slice(i, i + words).join(" "));
  }
  return out;
}

export function phraseReport(personas: readonly PersonaLines[], words = PHRASE_WORDS): PhraseReport {
  const saidBy = new Map<string, string[]>();
  const phrasesByPersona = new Map<string, Set<string>>();
  for (const persona of personas) {
    const phrases = new Set(persona.lines.flatMap((line) => [...phrasesOf(line, words)]));
    phrasesByPersona.set(persona.key, phrases);
    for (const phrase of phrases) saidBy.set(phrase, [...(saidBy.get(phrase) ?? []), persona.key]);
  }
  const recurring = [...saidBy]
    .filter(([, keys]) => keys.length > 1)
    .map(([phrase, keys]) => ({ phrase, personas: keys }))
    .sort((x, y) => y.personas.length - x.personas.length || x.phrase.localeCompare(y.phrase));
  const pairs: PersonaPair[] = [];
  personas.forEach((a, i) => {
    const mine = phrasesByPersona.get(a.key)!;
    for (const b of personas.slice(i + 1)) {
      const theirs = phrasesByPersona.get(b.key)!;
      const shared = [...mine].filter((p) => theirs.has(p)).sort();
      if (shared.length) pairs.push({ a: a.key, b: b.key, shared });
    }
  });
  pairs.sort((x, y) => y.shared.length - x.shared.length || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
  return { recurring, pairs };
}
