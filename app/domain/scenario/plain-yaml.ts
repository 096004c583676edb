/**
 * A fast reader for the plain YAML that scenario files are written in: block maps with simple keys,
 * block lists, one-line flow maps and lists, one-line plain and quoted scalars (without escapes),
 * comments. It is 15 to 20 times faster than the yaml package's full parser on a large scenario,
 * and it is only a shortcut: at the first thing outside that subset, or anything that might be an
 * error, an anchor, an alias, a tag or a duplicate key, it gives up (returns undefined), and the yaml
 * package reads the file and has the final word on every diagnostic. Scalars are typed by the yaml
 * package's own core-schema tags and maps are filled as its toJS fills them, so the data is the same.
 * test/unit/scenario-plain-yaml.test.ts checks that against the package on real, generated and
 * mutated files.
 */
import { Document, isScalar, type ScalarTag } from "yaml";

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

// Typing plain scalars: the tags and the order the yaml package's composer tries them in. Made on
// first use, so bundles that never read YAML leave the yaml package's Document out.
type CoreTag = ScalarTag & { test: RegExp };
let coreTags: CoreTag[] | undefined;
const RESOLVE_OPTIONS = { intAsBigInt: false };

function plainScalar(source: string): unknown {
  coreTags ??= new Document().schema.tags.filter(
    (tag): tag is CoreTag => tag.default === true && !tag.collection && tag.test !== undefined,
  );
  for (const tag of coreTags) {
    if (!tag.test.test(source)) continue;
    let failed = false;
    const value = tag.resolve(source, () => (failed = true), RESOLVE_OPTIONS);
    if (failed) giveUp();
    return isScalar(value) ? value.value : value;
  }
  return source;
}

/** The map key a JS object gets, as the yaml package's toJS makes it. */
function keyOf(source: string): string {
  const value = plainScalar(source);
  return value === null ? "" : String(value);
}

function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.hasOwn(map, key)) giveUp(); // a duplicate: the yaml package reports it
  // As the yaml package's toJS does, so keys such as __proto__ become plain own properties.
  if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

// Anything outside printable ASCII and common Unicode (control characters, tabs, CR, a byte-order
// mark, line or paragraph separators, surrogates) is left to the yaml package.
const UNUSUAL_CHARACTER = /[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;
const KEY = /[A-Za-z0-9_][A-Za-z0-9_-]*/y;
const MAX_KEY_LENGTH = 1000; // the yaml package refuses implicit keys over 1,024 characters
// Characters a plain scalar may not start with here (indicators, quotes, reserved characters).
const PLAIN_START_REFUSED = "-?:,[]{}#&*!|>'\"%@`";

export function readPlainYaml(text: string): unknown {
  if (UNUSUAL_CHARACTER.test(text)) return undefined;
  try {
    return new Reader(text.split("\n")).document();
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class Reader {
  private row = 0;

  constructor(private readonly lines: string[]) {}

  document(): unknown {
    const indent = this.nextIndent();
    if (indent !== 0) giveUp(); // empty, or not a map at the top
    const value = this.blockMap(0, 0);
    if (this.nextIndent() !== -1) giveUp();
    return value;
  }

  /** Skips blank and comment lines; the indent of the next content line, or -1 at the end. */
  private nextIndent(): number {
    for (; this.row < this.lines.length; this.row++) {
      const line = this.lines[this.row];
      let i = 0;
      while (line.charCodeAt(i) === 32) i++;
      if (i < line.length && line[i] !== "#") return i;
    }
    return -1;
  }

  /** A block map whose keys sit at `indent`; the first key at column `first` of the current line. */
  private blockMap(indent: number, first: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    let column = first;
    for (;;) {
      const line = this.lines[this.row];
      KEY.lastIndex = column;
      if (!KEY.test(line) || line[KEY.lastIndex] !== ":") giveUp();
      const keyEnd = KEY.lastIndex;
      if (keyEnd - column > MAX_KEY_LENGTH) giveUp();
      const key = keyOf(line.slice(column, keyEnd));
      let at = keyEnd + 1;
      if (at < line.length && line[at] !== " ") giveUp();
      while (line.charCodeAt(at) === 32) at++;
      if (at === line.length || line[at] === "#") {
        this.row++;
        setKey(map, key, this.nested(indent));
      } else {
        setKey(map, key, this.lineValue(line, at));
        this.row++;
      }
      const next = this.nextIndent();
      if (next < indent) return map;
      if (next > indent) giveUp();
      column = indent;
    }
  }

  /** The value under a key with nothing after its colon: a deeper block, or null. */
  private nested(indent: number): unknown {
    const next = this.nextIndent();
    if (next <= indent) return null;
    const line = this.lines[this.row];
    return line[next] === "-" && (next + 1 === line.length || line[next + 1] === " ")
      ? this.blockList(next)
      : this.blockMap(next, next);
  }

  private blockList(indent: number): unknown[] {
    const list: unknown[] = [];
    for (;;) {
      const line = this.lines[this.row];
      if (line[indent] !== "-" || line[indent + 1] !== " ") giveUp();
      let at = indent + 2;
      while (line.charCodeAt(at) === 32) at++;
      if (at === line.length || line[at] === "#" || line[at] === "-") giveUp(); // nested blocks and lists
      KEY.lastIndex = at;
      if (
        KEY.test(line) &&
        line[KEY.lastIndex] === ":" &&
        (KEY.lastIndex + 1 === line.length || line[KEY.lastIndex + 1] === " ")
      ) {
        list.push(this.blockMap(at, at)); // "- id: x" and the keys below it
      } else {
        list.push(this.lineValue(line, at));
        this.row++;
      }
      const next = this.nextIndent();
      if (next < indent) return list;
      if (next > indent) giveUp();
    }
  }

  /** A value that starts at `at` and must end on this line (then only spaces or a comment). */
  private lineValue(line: string, at: number): unknown {
    const ch = line[at];
    let value: unknown;
    let end: number;
    if (ch === "{" || ch === "[" || ch === '"' || ch === "'") [value, end] = flowValue(line, at);
    else {
      // A plain scalar runs to the end of the line or to a comment (" #").
      const comment = line.indexOf(" #", at);
      end = comment === -1 ? line.length : comment;
      const source = trimSpaces(line.slice(at, end));
      if (!plainAllowed(source, ":")) giveUp();
      value = plainScalar(source);
    }
    afterValue(line, end);
    return value;
  }
}

/** Only spaces, or spaces and a comment, may follow a value. */
function afterValue(line: string, end: number): void {
  let i = end;
  while (line.charCodeAt(i) === 32) i++;
  if (i < line.length && (line[i] !== "#" || i === end)) giveUp();
}

function trimSpaces(source: string): string {
  let end = source.length;
  while (end > 0 && source.charCodeAt(end - 1) === 32) end--;
  return source.slice(0, end);
}

/** Plain scalars kept simple: no indicator first, none of `refused` inside, never a lone "-". */
function plainAllowed(source: string, refused: string): boolean {
  if (source === "") return false;
  const first = source[0];
  if (PLAIN_START_REFUSED.includes(first) && !(first === "-" && /^-[0-9.]/.test(source))) return false;
  for (let i = 0; i < source.length; i++) if (refused.includes(source[i])) return false;
  return true;
}

/** A flow collection or quoted scalar starting at `at`, all on this line: [value, end]. */
function flowValue(line: string, at: number): [unknown, number] {
  const ch = line[at];
  if (ch === '"') {
    const close = line.indexOf('"', at + 1);
    if (close === -1) giveUp(); // the quote closes on a later line
    const source = line.slice(at + 1, close);
    if (source.includes("\\")) giveUp(); // escapes are left to the yaml package
    return [source, close + 1];
  }
  if (ch === "'") {
    let i = at + 1;
    for (;;) {
      i = line.indexOf("'", i);
      if (i === -1) giveUp(); // the quote closes on a later line
      if (line[i + 1] !== "'") break;
      i += 2;
    }
    return [line.slice(at + 1, i).replace(/''/g, "'"), i + 1];
  }
  if (ch === "{") {
    const map: Record<string, unknown> = {};
    let i = skipSpaces(line, at + 1);
    if (line[i] === "}") return [map, i + 1];
    for (;;) {
      KEY.lastIndex = i;
      if (!KEY.test(line) || line[KEY.lastIndex] !== ":" || line[KEY.lastIndex + 1] !== " ") giveUp();
      const key = keyOf(line.slice(i, KEY.lastIndex));
      const [value, end] = flowItem(line, skipSpaces(line, KEY.lastIndex + 1));
      setKey(map, key, value);
      i = skipSpaces(line, end);
      if (line[i] === "}") return [map, i + 1];
      if (line[i] !== ",") giveUp();
      i = skipSpaces(line, i + 1);
      if (line[i] === "}") giveUp(); // a trailing comma
    }
  }
  if (ch === "[") {
    const list: unknown[] = [];
    let i = skipSpaces(line, at + 1);
    if (line[i] === "]") return [list, i + 1];
    for (;;) {
      const [value, end] = flowItem(line, i);
      list.push(value);
      i = skipSpaces(line, end);
      if (line[i] === "]") return [list, i + 1];
      if (line[i] !== ",") giveUp();
      i = skipSpaces(line, i + 1);
      if (line[i] === "]") giveUp(); // a trailing comma
    }
  }
  return giveUp();
}

/** A value inside a flow collection: a nested one, a quoted scalar, or a plain scalar up to , ] or }. */
function flowItem(line: string, at: number): [unknown, number] {
  const ch = line[at];
  if (ch === "{" || ch === "[" || ch === '"' || ch === "'") return flowValue(line, at);
  let end = at;
  while (end < line.length && line[end] !== "," && line[end] !== "]" && line[end] !== "}") end++;
  const source = trimSpaces(line.slice(at, end));
  if (!plainAllowed(source, ":#[]{}")) giveUp();
  return [plainScalar(source), end];
}

function skipSpaces(line: string, i: number): number {
  while (line.charCodeAt(i) === 32) i++;
  return i;
}
