/**
 * No prisoner is ever identified in an observation. Free text is refused when it holds something
 * that looks like a prison number (the NOMIS format: one letter, four digits, two letters, such as
 * A1234BC) or matches a name pattern the prison lists. Patterns are plain words, matched word by
 * word and ignoring case, with `*` standing for any letters ("Mr *", "Smith", "O'Neil*"). They are
 * never turned into regular expressions, so no pattern an admin types can make the check run away.
 */

// Letters and digits either side would make it part of a longer word or code.
const PRISON_NUMBER = /(?<![\p{L}\p{N}])[a-z] ?\d{4} ?[a-z]{2}(?![\p{L}\p{N}])/iu;

/** The first thing in `text` that looks like a prison number, or null. */
export function findPrisonNumber(text: string): string | null {
  return PRISON_NUMBER.exec(text)?.[0] ?? null;
}

const MAX_NAME_PATTERNS = 200;
const MAX_NAME_PATTERN_LENGTH = 60;

/** The prison's list as typed (one pattern a line), checked: blank lines and repeats dropped. */
export function parseNamePatterns(text: string): { patterns: string[]; errors: string[] } {
  const patterns: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.normalize("NFKC").trim().replace(/\s+/g, " ");
    if (!line) return;
    const where = `Line ${index + 1}`;
    if (line.length > MAX_NAME_PATTERN_LENGTH)
      errors.push(`${where} is longer than ${MAX_NAME_PATTERN_LENGTH} characters`);
    else if ((line.match(/\p{L}/gu) ?? []).length < 2)
      errors.push(`${where} must have at least 2 letters: "*" alone would refuse every word`);
    else if (/[^\p{L}\p{M}\p{N} '’.*-]/u.test(line))
      errors.push(`${where} may hold only letters, numbers, spaces, hyphens, apostrophes, full stops and *`);
    else if (!seen.has(line.toLowerCase())) {
      seen.add(line.toLowerCase());
      patterns.push(line);
    }
  });
  if (patterns.length > MAX_NAME_PATTERNS) errors.push(`List at most ${MAX_NAME_PATTERNS} patterns`);
  return { patterns, errors };
}

/** A listed pattern as words; each word may hold `*` for any letters. */
export type NamePattern = string[];

// Words are runs of letters, digits, apostrophes and hyphens (and, in a pattern, *): full stops and
// spaces separate them, so "St. John" is the words "St" and "John" in a pattern and a note alike.
const WORD = /[\p{L}\p{M}\p{N}'’-]+/gu;
const PATTERN_WORD = /[\p{L}\p{M}\p{N}'’*-]+/gu;

function words(text: string, pattern = WORD): { word: string; start: number; end: number }[] {
  return [...text.normalize("NFKC").matchAll(pattern)].map((m) => ({
    word: m[0].toLowerCase().replace(/’/g, "'"),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

export function compileNamePatterns(patterns: string[]): NamePattern[] {
  return patterns.map((p) => words(p, PATTERN_WORD).map((w) => w.word)).filter((p) => p.length > 0);
}

/** Does `word` fit `glob`, where `*` is any run of characters? Linear-time two-pointer match. */
function fits(glob: string, word: string): boolean {
  let g = 0;
  let w = 0;
  let star = -1;
  let resume = 0;
  while (w < word.length) {
    if (g < glob.length && glob[g] === word[w]) {
      g++;
      w++;
    } else if (g < glob.length && glob[g] === "*") {
      star = g++;
      resume = w;
    } else if (star >= 0) {
      g = star + 1;
      w = ++resume;
    } else return false;
  }
  while (glob[g] === "*") g++;
  return g === glob.length;
}

export type Identifier = { kind: "prison number" | "listed name"; found: string };

/** The first prison number or listed name in `text`, or null when it identifies no one we can tell. */
export function findIdentifier(text: string, names: NamePattern[]): Identifier | null {
  const number = findPrisonNumber(text);
  if (number) return { kind: "prison number", found: number };
  const said = words(text);
  for (const pattern of names) {
    for (let i = 0; i + pattern.length <= said.length; i++) {
      if (pattern.every((glob, j) => fits(glob, said[i + j]!.word)))
        return {
          kind: "listed name",
          found: text.normalize("NFKC").slice(said[i]!.start, said[i + pattern.length - 1]!.end),
        };
    }
  }
  return null;
}

/** The field error for text that identifies a prisoner. */
export function identifierMessage(field: string, id: Identifier): string {
  return id.kind === "prison number"
    ? `${field} must not identify the prisoner: remove “${id.found}”, which looks like a prison number`
    : `${field} must not identify the prisoner: remove “${id.found}”, which matches a name your prison lists`;
}
