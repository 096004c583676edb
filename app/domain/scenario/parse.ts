/**
 * YAML text -> plain data, keeping positions. Limits are enforced in the cheapest order so a
 * hostile or broken file fails fast: size before parsing, then anchors/aliases and node count.
 * Most files are plain, valid YAML: the fast reader (plain-yaml.ts) reads those straight into
 * data and positions, and the yaml package parses the file only when the fast reader gives up
 * (at the first anchor, alias, error or anything unusual), when the file has too many nodes, or
 * when code that edits the YAML asks for the document. On the yaml package's path anchors,
 * aliases and the node count are checked on the YAML syntax tree before any JS objects are
 * built, so a "billion laughs" file never expands.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
  type Pair,
} from "yaml";
import { diagnostic, type Diagnostic, type Position } from "./diagnostics";
import { readPlainYaml, type Located } from "./plain-yaml";

export const MAX_FILE_BYTES = 256 * 1024;
export const MAX_NODES = 500;

/** Finds where a data path (e.g. ["nodes", "opening", "choices", 0, "goto"]) sits in the YAML. */
export class YamlLocator {
  private root: Located | null | undefined;
  private document: Document.Parsed | undefined;

  /** `locate` gives the positions (the fast reader's or the yaml package's), `parse` the package's document. */
  constructor(
    private readonly locate: () => Located | null,
    private readonly parse: () => Document.Parsed,
  ) {}

  /** The yaml package's document, for code that edits the YAML: parsed on first use after the fast reader. */
  get doc(): Document.Parsed {
    return (this.document ??= this.parse());
  }

  /** The YAML node at a path; `key` true for the map key itself (e.g. the node id of a node). */
  find(path: readonly PropertyKey[], which: "key" | "value" = "value"): Position {
    if (this.root === undefined) this.root = this.locate();
    let current: Located | null = this.root;
    let lastKey: Position | null = null;
    for (const [i, segment] of path.entries()) {
      const isLast = i === path.length - 1;
      if (current?.entries) {
        const entry = findEntry(current.entries, segment);
        if (!entry) return lastKey ?? start(current);
        if (isLast && which === "key") return entry.position;
        lastKey = entry.position;
        // A key with no value ("goto:" and nothing after it): point at the key.
        if (entry.value === null) return lastKey;
        current = entry.value;
      } else if (current?.items && typeof segment === "number" && current.items[segment] !== undefined) {
        current = current.items[segment];
        lastKey = null;
      } else {
        return lastKey ?? start(current);
      }
    }
    return start(current);
  }
}

const start = (located: Located | null): Position => located?.position ?? { line: 1, column: 1 };

function findEntry(entries: NonNullable<Located["entries"]>, segment: PropertyKey) {
  // Last match wins, as in the JS value built from a map with a duplicate key.
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.key === String(segment)) return entries[i];
  return undefined;
}

/** The positions of the yaml package's document, in the fast reader's shape. */
function locatedFrom(node: unknown, lineCounter: LineCounter): Located | null {
  if (node === null || node === undefined) return null;
  const offset = (node as YamlNode).range?.[0];
  const at = (o: number | undefined): Position => {
    if (typeof o !== "number") return { line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(o);
    return { line, column: col };
  };
  const located: Located = { position: at(offset) };
  if (isMap(node))
    located.entries = node.items.map((pair) => ({
      // Only scalar keys can match a path segment.
      key: isScalar(pair.key) ? String(pair.key.value) : null,
      position: at((pair.key as YamlNode | null)?.range?.[0]),
      value: locatedFrom(pair.value, lineCounter),
    }));
  else if (isSeq(node)) located.items = node.items.map((item) => locatedFrom(item, lineCounter));
  return located;
}

/** The yaml package's node at a path (for the checks made on the syntax tree). */
function nodeAt(doc: Document.Parsed, path: readonly PropertyKey[]): unknown {
  let current: unknown = doc.contents;
  for (const segment of path) {
    if (isMap(current)) current = findPair(current.items, segment)?.value;
    else if (isSeq(current) && typeof segment === "number") current = current.items[segment];
    else return undefined;
  }
  return current;
}

function findPair(items: Pair[], segment: PropertyKey): Pair | undefined {
  // Last match wins, as in the JS value built from a map with a duplicate key.
  for (let i = items.length - 1; i >= 0; i--) {
    const key = items[i]!.key;
    if (isScalar(key) ? String(key.value) === String(segment) : false) return items[i];
  }
  return undefined;
}

export interface ParsedYaml {
  /** The data, or null when the file was refused or could not be parsed. */
  value: unknown;
  locator: YamlLocator | null;
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  file?: string;
  /** A top-level map whose entries are counted against MAX_NODES and whose duplicate keys are `duplicate-node`. */
  nodesKey?: string;
}

// Plainer words for the YAML errors trainers hit most.
const YAML_HINTS: Record<string, string> = {
  BAD_INDENT: "The indentation is wrong here.",
  TAB_AS_INDENT: "Use spaces, not tabs, to indent.",
  MISSING_CHAR: "A closing quote or bracket is missing.",
  MULTILINE_IMPLICIT_KEY: "A line seems to be missing its colon, or a text with a colon needs quotes.",
  BLOCK_AS_IMPLICIT_KEY: "A line seems to be missing its colon, or is indented wrongly.",
  UNEXPECTED_TOKEN: "Something here is not valid YAML: check quotes, colons and dashes.",
  MULTIPLE_DOCS: "The file contains more than one YAML document (a line with ---).",
};

export function byteLength(text: string): number {
  // Cheap exit: UTF-16 length * 3 bounds the UTF-8 length, so short texts need no encoding.
  if (text.length * 3 <= MAX_FILE_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

const MAX_FLOW_DEPTH = 64;

/** How deep [ ] and { } open inside one another (brackets in quoted text count too: far below the limit). */
function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return deepest;
}

export function parseYamlSource(text: string, options: ParseOptions = {}): ParsedYaml {
  const extra = { file: options.file };
  const top = { line: 1, column: 1 };
  const size = byteLength(text);
  if (size > MAX_FILE_BYTES) {
    const kb = Math.ceil(size / 1024);
    return {
      value: null,
      locator: null,
      diagnostics: [
        diagnostic(
          "file-too-large",
          `The file is ${kb} KB; the limit is 256 KB. Split the conversation into two scenarios.`,
          top,
          extra,
        ),
      ],
    };
  }

  // Both readers recurse into [ ] and { }: thousands deep would overflow the stack, not be refused.
  if (flowDepth(text) > MAX_FLOW_DEPTH)
    return {
      value: null,
      locator: null,
      diagnostics: [
        diagnostic(
          "yaml-too-deep",
          `Lists or maps in [ ] or { } are nested more than ${MAX_FLOW_DEPTH} deep. A scenario needs only a few levels: write them over several lines.`,
          top,
          extra,
        ),
      ],
    };

  const plain = readPlainYaml(text);
  if (plain !== undefined && !tooManyNodes(plain.value, options.nodesKey)) {
    const locator = new YamlLocator(
      () => plain.located,
      () => parseWithYamlPackage(text, new LineCounter()),
    );
    return { value: plain.value, locator, diagnostics: [] };
  }

  const lineCounter = new LineCounter();
  const doc = parseWithYamlPackage(text, lineCounter);
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locator = new YamlLocator(
    () => locatedFrom(doc.contents, lineCounter),
    () => doc,
  );
  const diagnostics: Diagnostic[] = [];
  const nodesMap = options.nodesKey && isMap(doc.contents) ? nodeAt(doc, [options.nodesKey]) : undefined;
  const nodeKeyOffsets = new Set<number>(
    isMap(nodesMap) ? nodesMap.items.map((p) => (p.key as YamlNode)?.range?.[0] ?? -1) : [],
  );

  let syntaxError = false;
  for (const error of doc.errors) {
    const position = pos(error.pos[0]);
    if (error.code === "DUPLICATE_KEY") {
      const key = keyTextAt(text, error.pos[0]);
      if (nodeKeyOffsets.has(error.pos[0])) {
        diagnostics.push(
          diagnostic(
            "duplicate-node",
            `There are two nodes called '${key}'. Rename one of them (and the gotos that should lead to it).`,
            position,
            { ...extra, nodeId: key, path: [options.nodesKey!, key] },
          ),
        );
      } else {
        diagnostics.push(
          diagnostic("schema", `The field '${key}' is written twice here. Keep one.`, position, {
            ...extra,
            facts: { issue: "twice" },
          }),
        );
      }
      continue;
    }
    syntaxError = true;
    const hint = YAML_HINTS[error.code] ?? "This is not valid YAML.";
    const detail = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");
    diagnostics.push(diagnostic("yaml-syntax", `${hint} (${detail})`, position, extra));
  }
  if (syntaxError) return { value: null, locator, diagnostics };

  // Anchors and aliases: refused on the syntax tree, before anything is expanded. One
  // diagnostic at the first, with a count: a hostile file may hold thousands.
  const found: YamlNode[] = [];
  // No "&" or "*" anywhere means no anchor or alias: skip the walk (most files).
  if (/[&*]/.test(text))
    visit(doc, {
      Node(_key, node) {
        if (isAlias(node) || (node as { anchor?: string }).anchor) found.push(node);
      },
    });
  const count = found.length;
  if (count > 0) {
    const node = found[0]!;
    const what = isAlias(node) ? `alias '*${node.source}'` : `anchor '&${(node as { anchor?: string }).anchor}'`;
    const more = count > 1 ? ` and ${count - 1} more` : "";
    diagnostics.push(
      diagnostic(
        "yaml-alias",
        `YAML anchors and aliases are not allowed (found ${what}${more}). Write the text out in full where it is needed.`,
        pos(node.range?.[0] ?? 0),
        extra,
      ),
    );
    return { value: null, locator, diagnostics };
  }

  if (isMap(nodesMap) && nodesMap.items.length > MAX_NODES) {
    diagnostics.push(
      diagnostic(
        "too-many-nodes",
        `The scenario has ${nodesMap.items.length} nodes; the limit is ${MAX_NODES}. Split it into shorter scenarios.`,
        locator.find([options.nodesKey!], "key"),
        { ...extra, path: [options.nodesKey!] },
      ),
    );
    return { value: null, locator, diagnostics };
  }

  return { value: doc.toJS({ maxAliasCount: 0 }), locator, diagnostics };
}

function parseWithYamlPackage(text: string, lineCounter: LineCounter): Document.Parsed {
  return parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
}

/** Over the node limit: the yaml package's path then reports it, at the position of the key. */
function tooManyNodes(value: unknown, nodesKey: string | undefined): boolean {
  if (!nodesKey || typeof value !== "object" || value === null) return false;
  const nodes = (value as Record<string, unknown>)[nodesKey];
  return typeof nodes === "object" && nodes !== null && !Array.isArray(nodes) && Object.keys(nodes).length > MAX_NODES;
}

/** The key text at an offset (for messages about duplicate keys). */
function keyTextAt(text: string, offset: number): string {
  const match = /^["']?([^"':\n]*)/.exec(text.slice(offset, offset + 200));
  return (match?.[1] ?? "").trim();
}
