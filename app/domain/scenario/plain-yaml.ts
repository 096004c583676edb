/**
 * A fast reader for the plain YAML that scenario files are written in: block maps with simple keys,
 * block lists, one-line flow maps and lists, one-line plain and quoted scalars (without escapes),
 * comments. It is more than ten times faster than the yaml package's full parser on a large scenario,
 * and it is only a shortcut: at the first thing outside that subset, or anything that might be an
 * error, an anchor, an alias, a tag or a duplicate key, it gives up (returns undefined), and the yaml
 * package reads the file and has the final word on every diagnostic. Scalars are typed by the yaml
 * package's own core-schema tags and maps are filled as its toJS fills them, so the data is the same;
 * it notes where each key and value starts as the package would place it, so diagnostics on a file it
 * read need no second parse. test/unit/scenario-plain-yaml.test.ts checks data and positions against
 * the package on real, generated and mutated files.
 */
import { Document, isScalar, type ScalarTag } from "yaml";
import type { Position } from "./diagnostics";

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

/** A map key as the JS object has it (null becomes ""), and as YamlLocator matches it (String of its value). */
function keyOf(source: string): [key: string, lookup: string] {
  const value = plainScalar(source);
  // Only scalars reach here (keys are plain scalars: strings, numbers, booleans or null).
  const text = `${value as string | number | boolean | null}`;
  return [value === null ? "" : text, text];
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

/** Where a value starts, and its entries' keys and its items (what YamlLocator looks up). */
export interface Located {
  position: Position;
  /** A map's entries in order; `key` is String(the key's value) (null: a key that is not a scalar). */
  entries?: Array<{ key: string | null; position: Position; value: Located | null }>;
  items?: Array<Located | null>;
}

type Read = [value: unknown, located: Located];

export function readPlainYaml(text: string): { value: unknown; located: Located } | undefined {
  if (UNUSUAL_CHARACTER.test(text)) return undefined;
  try {
    const [value, located] = new Reader(text.split("\n")).document();
    return { value, located };
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class Reader {
  private row = 0;

  constructor(private readonly lines: string[]) {}

  document(): Read {
    const indent = this.nextIndent();
    if (indent !== 0) giveUp(); // empty, or not a map at the top
    const read = this.blockMap(0, 0);
    if (this.nextIndent() !== -1) giveUp();
    return read;
  }

  /** Line and column (1-based) of a column of the current line, as the yaml package counts them. */
  private at(column: number): Position {
    return { line: this.row + 1, column: column + 1 };
  }

  /** The line being read: callers stand on a content line that nextIndent found. */
  private current(): string {
    return this.lines[this.row] ?? giveUp();
  }

  /** Skips blank and comment lines; the indent of the next content line, or -1 at the end. */
  private nextIndent(): number {
    for (; ; this.row++) {
      const line = this.lines[this.row];
      if (line === undefined) return -1;
      let i = 0;
      while (line.charCodeAt(i) === 32) i++;
      if (i < line.length && line[i] !== "#") return i;
    }
  }

  /** A block map whose keys sit at `indent`; the first key at column `first` of the current line. */
  private blockMap(indent: number, first: number): Read {
    const map: Record<string, unknown> = {};
    const located: Located = { position: this.at(first), entries: [] };
    let column = first;
    for (;;) {
      const line = this.current();
      KEY.lastIndex = column;
      if (!KEY.test(line) || line[KEY.lastIndex] !== ":") giveUp();
      const keyEnd = KEY.lastIndex;
      if (keyEnd - column > MAX_KEY_LENGTH) giveUp();
      const [key, lookup] = keyOf(line.slice(column, keyEnd));
      const keyPosition = this.at(column);
      let at = keyEnd + 1;
      if (at < line.length && line[at] !== " ") giveUp();
      while (line.charCodeAt(at) === 32) at++;
      let read: Read;
      if (at === line.length || line[at] === "#") {
        const empty = this.at(at); // the yaml package places an empty value here
        this.row++;
        read = this.nested(indent) ?? [null, { position: empty }];
      } else {
        read = this.lineValue(line, at);
        this.row++;
      }
      setKey(map, key, read[0]);
      located.entries!.push({ key: lookup, position: keyPosition, value: read[1] });
      const next = this.nextIndent();
      if (next < indent) return [map, located];
      if (next > indent) giveUp();
      column = indent;
    }
  }

  /** The value under a key with nothing after its colon: a deeper block, or undefined (null). */
  private nested(indent: number): Read | undefined {
    const next = this.nextIndent();
    if (next <= indent) return undefined;
    const line = this.current();
    return line[next] === "-" && (next + 1 === line.length || line[next + 1] === " ")
      ? this.blockList(next)
      : this.blockMap(next, next);
  }

  private blockList(indent: number): Read {
    const list: unknown[] = [];
    const located: Located = { position: this.at(indent), items: [] };
    for (;;) {
      const line = this.current();
      if (line[indent] !== "-" || line[indent + 1] !== " ") giveUp();
      let at = indent + 2;
      while (line.charCodeAt(at) === 32) at++;
      if (at === line.length || line[at] === "#" || line[at] === "-") giveUp(); // nested blocks and lists
      KEY.lastIndex = at;
      let read: Read;
      if (
        KEY.test(line) &&
        line[KEY.lastIndex] === ":" &&
        (KEY.lastIndex + 1 === line.length || line[KEY.lastIndex + 1] === " ")
      ) {
        read = this.blockMap(at, at); // "- id: x" and the keys below it
      } else {
        read = this.lineValue(line, at);
        this.row++;
      }
      list.push(read[0]);
      located.items!.push(read[1]);
      const next = this.nextIndent();
      if (next < indent) return [list, located];
      if (next > indent) giveUp();
    }
  }

  /** A value that starts at `at` and must end on this line (then only spaces or a comment). */
  private lineValue(line: string, at: number): Read {
    const ch = line[at];
    let read: Read;
    let end: number;
    if (ch === "{" || ch === "[" || ch === '"' || ch === "'") [read, end] = this.flowValue(line, at);
    else {
      // A plain scalar runs to the end of the line or to a comment (" #").
      const comment = line.indexOf(" #", at);
      end = comment === -1 ? line.length : comment;
      const source = trimSpaces(line.slice(at, end));
      if (!plainAllowed(source, ":")) giveUp();
      read = [plainScalar(source), { position: this.at(at) }];
    }
    afterValue(line, end);
    return read;
  }

  /** A flow collection or quoted scalar starting at `at`, all on this line: what it reads, and its end. */
  private flowValue(line: string, at: number): [Read, number] {
    const ch = line[at];
    const position = this.at(at);
    if (ch === '"') {
      const close = line.indexOf('"', at + 1);
      if (close === -1) giveUp(); // the quote closes on a later line
      const source = line.slice(at + 1, close);
      if (source.includes("\\")) giveUp(); // escapes are left to the yaml package
      return [[source, { position }], close + 1];
    }
    if (ch === "'") {
      let i = at + 1;
      for (;;) {
        i = line.indexOf("'", i);
        if (i === -1) giveUp(); // the quote closes on a later line
        if (line[i + 1] !== "'") break;
        i += 2;
      }
      return [[line.slice(at + 1, i).replace(/''/g, "'"), { position }], i + 1];
    }
    if (ch === "{") {
      const map: Record<string, unknown> = {};
      const located: Located = { position, entries: [] };
      let i = skipSpaces(line, at + 1);
      if (line[i] === "}") return [[map, located], i + 1];
      for (;;) {
        KEY.lastIndex = i;
        if (!KEY.test(line) || line[KEY.lastIndex] !== ":" || line[KEY.lastIndex + 1] !== " ") giveUp();
        const [key, lookup] = keyOf(line.slice(i, KEY.lastIndex));
        const [read, end] = this.flowItem(line, skipSpaces(line, KEY.lastIndex + 1));
        setKey(map, key, read[0]);
        located.entries!.push({ key: lookup, position: this.at(i), value: read[1] });
        i = skipSpaces(line, end);
        if (line[i] === "}") return [[map, located], i + 1];
        if (line[i] !== ",") giveUp();
        i = skipSpaces(line, i + 1);
        if (line[i] === "}") giveUp(); // a trailing comma
      }
    }
    if (ch === "[") {
      const list: unknown[] = [];
      const located: Located = { position, items: [] };
      let i = skipSpaces(line, at + 1);
      if (line[i] === "]") return [[list, located], i + 1];
      for (;;) {
        const [read, end] = this.flowItem(line, i);
        list.push(read[0]);
        located.items!.push(read[1]);
        i = skipSpaces(line, end);
        if (line[i] === "]") return [[list, located], i + 1];
        if (line[i] !== ",") giveUp();
        i = skipSpaces(line, i + 1);
        if (line[i] === "]") giveUp(); // a trailing comma
      }
    }
    return giveUp();
  }

  /** A value inside a flow collection: a nested one, a quoted scalar, or a plain scalar up to , ] or }. */
  private flowItem(line: string, at: number): [Read, number] {
    const ch = line[at];
    if (ch === "{" || ch === "[" || ch === '"' || ch === "'") return this.flowValue(line, at);
    let end = at;
    while (end < line.length && line[end] !== "," && line[end] !== "]" && line[end] !== "}") end++;
    const source = trimSpaces(line.slice(at, end));
    if (!plainAllowed(source, ":#[]{}")) giveUp();
    return [[plainScalar(source), { position: this.at(at) }], end];
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
  const first = source.charAt(0);
  if (PLAIN_START_REFUSED.includes(first) && !(first === "-" && /^-[0-9.]/.test(source))) return false;
  for (const ch of refused) if (source.includes(ch)) return false;
  return true;
}

function skipSpaces(line: string, i: number): number {
  while (line.charCodeAt(i) === 32) i++;
  return i;
}
