// How search folds text, and how download file names fold theirs: one fold, pure, so the data layer's search
// (like.ts, which does the same in SQL on PostgreSQL) and the domain's file names share it.
/**
 * The accents search removes: the blocks of combining marks that Latin, Greek and Cyrillic letters decompose
 * into, not every \p{M} (PostgreSQL's regular expressions have no \p{M}, and the marks of other scripts, such
 * as Devanagari's vowel signs, are letters' sounds rather than accents). One pattern for both engines: \uXXXX
 * means the same in JavaScript's and PostgreSQL's regular expressions.
 */
const COMBINING_MARKS = [
  [0x0300, 0x036f], // Combining Diacritical Marks
  [0x1ab0, 0x1aff], // Combining Diacritical Marks Extended
  [0x1dc0, 0x1dff], // Combining Diacritical Marks Supplement
  [0x20d0, 0x20ff], // Combining Diacritical Marks for Symbols
  [0xfe20, 0xfe2f], // Combining Half Marks
] as const;

const u = (c: number) => `\\u${c.toString(16).padStart(4, "0")}`;
export const MARKS_PATTERN = `[${COMBINING_MARKS.map(([from, to]) => `${u(from)}-${u(to)}`).join("")}]`;
const MARKS = new RegExp(MARKS_PATTERN, "gu");

/**
 * Letters that are not a letter plus an accent in Unicode, so NFKD leaves them whole, as the plain letters
 * people type for them: "oyvind" finds Øyvind, "strasse" Straße, "kofi" Kɔfi. Lowercase only: the table is
 * applied after lowercasing, which turns Ø, Ł, ẞ, Ŋ, Ɛ, Ə and the other capitals into these (Unicode's lowercase
 * of each capital is the letter here). Most become the plain letter they are drawn on, as someone reading the
 * name would type it.
 */
export const PLAIN_LETTERS = [
  ["æ", "ae"],
  ["ð", "d"], // Icelandic eth: Guðrún is Gudrun in English documents
  ["ø", "o"],
  ["þ", "th"],
  ["ß", "ss"],
  ["đ", "d"],
  ["ħ", "h"], // Maltese
  ["ı", "i"], // Turkish dotless i (its dotted capital İ decomposes to I and a dot)
  ["ł", "l"],
  ["œ", "oe"],
  ["ŧ", "t"], // Northern Sami
  ["ĸ", "k"], // Greenlandic kra, in names spelt before 1973 (q since): read as the k it looks like
  // Sami and African eng. n rather than ng: a fold is one text, so only one of "n" and "ng" can find it, and
  // n keeps every search made by reading the letter (Ŋ is an N with a tail), as for the others here. Folding
  // "ng" to n on both sides would let both find it, but then "gston" would no longer find Kingston.
  ["ŋ", "n"],
  // Letters of African alphabets (Akan, Ewe, Hausa, Fula, Bambara, Wolof...): tone marks on them are accents,
  // already taken off.
  ["ɛ", "e"],
  ["ɔ", "o"],
  ["ɓ", "b"],
  ["ɗ", "d"],
  ["ɖ", "d"], // Ewe and Fon; its capital Ɖ looks the same as Đ
  ["ƙ", "k"],
  ["ƴ", "y"],
  ["ɲ", "n"],
  ["ʋ", "v"],
  ["ƒ", "f"], // Ewe
  ["ɣ", "g"], // Ewe and Ga
  ["ǝ", "e"], // turned e (capital Ǝ), another letter from the schwa ə below, which looks the same
  ["ƭ", "t"],
  ["ʃ", "s"], // esh: s rather than sh, as eng is n, the letter it is drawn on
  ["ə", "e"], // schwa (capital Ə), also Azerbaijani: English documents may spell it a (Məmməd, Mammad)
  // Catalan middle dot, dropped: "collom" and "col·lom" both find Col·lom. ŀ and Ŀ decompose to l and this dot
  // under NFKD, and the Greek ano teleia to this dot, so one line takes them all.
  ["·", ""],
] as const;

const PLAIN = new Map<string, string>(PLAIN_LETTERS);
const PLAIN_PATTERN = new RegExp(`[${PLAIN_LETTERS.map(([letter]) => letter).join("")}]`, "gu");

/**
 * How search folds text. NFKD rather than NFD: it also decomposes compatibility forms, so a ligature (ﬁ),
 * full-width letters (Ａ) and the like match the plain letters people type, as usernames' keys already do.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(PLAIN_PATTERN, (letter) => PLAIN.get(letter) ?? letter);
}
