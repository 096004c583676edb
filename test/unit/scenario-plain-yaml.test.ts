/**
 * The fast reader against the yaml package: whenever readPlainYaml returns data, the yaml package
 * (with the options parseYamlSource uses) must find no error, anchor or alias in the file and build
 * exactly the same data (same keys in the same order, same types, same values), and every path a
 * diagnostic may point at must be found at the same line and column. Checked on the real
 * scenarios, the fixtures, the benchmark's 500-node scenario, hand-picked corner cases, random
 * documents and random edits of the real scenarios.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { parseYamlSource, YamlLocator } from "~/domain/scenario/parse";
import { readPlainYaml } from "~/domain/scenario/plain-yaml";
import { generateConversation, toScenarioYaml } from "../bench/generated-conversation";

function yamlPackage(text: string): {
  clean: boolean;
  value?: unknown;
  doc: Document.Parsed;
  lineCounter: LineCounter;
} {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  let anchors = false;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node) || (node as { anchor?: string }).anchor) anchors = true;
    },
  });
  if (doc.errors.length > 0 || anchors) return { clean: false, doc, lineCounter };
  return { clean: true, value: doc.toJS(), doc, lineCounter };
}

/** Where a path sits according to the yaml package's own nodes (the locator's rules, on the Document). */
function yamlPosition(doc: Document.Parsed, lineCounter: LineCounter, path: PropertyKey[], which: "key" | "value") {
  const start = (node: unknown) => {
    const offset = (node as Node | null | undefined)?.range?.[0];
    if (typeof offset !== "number") return { line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  let current: unknown = doc.contents;
  let lastKey: unknown = null;
  for (let i = 0; i < path.length; i++) {
    if (isMap(current)) {
      const pairs = current.items.filter((p) => isScalar(p.key) && String(p.key.value) === String(path[i]));
      const pair = pairs[pairs.length - 1];
      if (!pair) return start(lastKey ?? current);
      if (i === path.length - 1 && which === "key") return start(pair.key);
      lastKey = pair.key;
      if (pair.value === null || pair.value === undefined) return start(lastKey);
      current = pair.value;
    } else if (isSeq(current) && typeof path[i] === "number" && current.items[path[i] as number] !== undefined) {
      current = current.items[path[i] as number];
      lastKey = null;
    } else return start(lastKey ?? current);
  }
  return start(current);
}

/** Every path into the data, and one step past each (a missing key, an index past the end). */
function pathsOf(value: unknown, path: PropertyKey[] = [], out: PropertyKey[][] = []): PropertyKey[][] {
  out.push(path, [...path, "missing"], [...path, 99]);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...path, i], out));
  else if (typeof value === "object" && value !== null)
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out);
  return out;
}

/** Where two values differ (key order, types, -0 and NaN included), or null when they are the same. */
function difference(a: unknown, b: unknown, at = "$"): string | null {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null)
    return Object.is(a, b) ? null : `${at}: ${String(a)} (${typeof a}) vs ${String(b)} (${typeof b})`;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b))
    return `${at}: different kinds`;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.join("\u0000") !== keysB.join("\u0000")) return `${at}: keys ${keysA.join()} vs ${keysB.join()}`;
  for (const key of keysA) {
    const d = difference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
    if (d) return d;
  }
  return null;
}

/** The property: the fast reader gives up, or agrees with the yaml package on a clean file. */
function agrees(text: string, maxPaths = Infinity): { read: boolean; problem: string | null } {
  const fast = readPlainYaml(text);
  if (fast === undefined) return { read: false, problem: null };
  const reference = yamlPackage(text);
  if (!reference.clean) return { read: true, problem: "read a file the yaml package finds fault with" };
  const different = difference(fast.value, reference.value);
  if (different) return { read: true, problem: different };
  const locator = new YamlLocator(
    () => fast.located,
    () => reference.doc,
  );
  for (const path of pathsOf(fast.value).slice(0, maxPaths))
    for (const which of ["key", "value"] as const) {
      const expected = yamlPosition(reference.doc, reference.lineCounter, path, which);
      const found = locator.find(path, which);
      if (found.line !== expected.line || found.column !== expected.column)
        return {
          read: true,
          problem: `${which} of ${path.join(".")}: ${JSON.stringify(found)} vs ${JSON.stringify(expected)}`,
        };
    }
  return { read: true, problem: null };
}

const scenariosDir = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const fixturesDir = fileURLToPath(new URL("../fixtures/scenarios/", import.meta.url));
const yamlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(`${dir}${f}`, "utf8") }));
const scenarios = yamlFiles(scenariosDir);
const fixtures = yamlFiles(fixturesDir);

describe("the fast YAML reader", () => {
  it.each(scenarios.map((s) => [s.name, s.text]))("reads %s exactly as the yaml package does", (_name, text) => {
    expect(agrees(text)).toEqual({ read: true, problem: null });
  });

  it("still gives the yaml package's document for a file it read (for code that edits the YAML)", () => {
    const { text } = scenarios[0];
    const { locator } = parseYamlSource(text, { nodesKey: "nodes" });
    expect(readPlainYaml(text)).toBeDefined();
    expect(locator!.doc.toString()).toBe(parseDocument(text).toString());
    expect(difference(locator!.doc.toJS(), yamlPackage(text).value)).toBeNull();
  });

  it("reads the benchmark's 500-node scenario exactly as the yaml package does", () => {
    expect(agrees(toScenarioYaml(generateConversation()), 2000)).toEqual({ read: true, problem: null });
  });

  it.each(fixtures.map((f) => [f.name, f.text]))("agrees with the yaml package or gives up on %s", (_name, text) => {
    expect(agrees(text).problem).toBeNull();
  });

  // Each is read by the fast reader (read: true) or left to the yaml package (read: false).
  const cases: Array<[string, boolean]> = [
    ["a: 1\nb: 0x1F\nc: 1e3\nd: .inf\ne: -.5\nf: ~\ng: null\nh: True\ni: yes\nj: 007\nk: +1\nl: 0o17\nm: 1.50\n", true],
    ["1: a\ntrue: b\nnull: c\n0x10: d\n1e2: e\nTrue_: f\n", true],
    ["__proto__: 1\ntoString: x\nconstructor: y\nhasOwnProperty: z\n", true],
    ["a: 'it''s'\nb: \"it's\"\nd: \"  spaced  \"\ne: ''\nf: \"\"\n", true],
    ['a: "x\\ty"\n', false],
    ['a: "\\u00e9 \\"quoted\\""\n', false],
    ['a: b # comment\nc: d#e\n# a comment\n   # an indented comment\nf: "g" # another\n', true],
    ["a: { b: 1, c: [x, y z, { d: e }], f: {}, g: [] }\nh: [-1, .5, 'q', \"r\"]\n", true],
    ["a:\n  - b\n  -   c: 1\n      d: [2]\n  - { e: 3 }\n\n\nf:\n  g:\n    h: i\n", true],
    ["a:\nb: # nothing here\n  # nor here\nc: x\n", true],
    ['a: x y, z [w] {v}\nb: it\'s "quoted" inside\nc: x\u00a0\nd: café – “curly”\n', true],
    ["a: ...\nb: .\nc: -.\n", true],
    ["a: ---\n", false],
    ["a: 1\na: 2\n", false],
    ["a: 1\nb:\n  c: 1\n  c: 2\n", false],
    ["a: { b: 1, b: 2 }\n", false],
    ["a: &x 1\nb: *x\n", false],
    ["a: !!str 1\n", false],
    ["a: b\n  continued\n", false],
    ["a: b: c\n", false],
    ['a: "open\n  quote"\n', false],
    ["a: [1,\n  2]\n", false],
    ["a: [1, 2, ]\n", false],
    ["a:\n- b\n", false],
    ["- a\n- b\n", false],
    ["a:\n\tb: 1\n", false],
    ["a: 1\r\nb: 2\r\n", false],
    ["\ufeffa: 1\n", false],
    ["a: |\n  block\n", false],
    ["a: >\n  folded\n", false],
    ['a: "bad \\q escape"\n', false],
    ['a: "x"y\n', false],
    ["a: x\n   b: y\n", false],
    ["a:\n    b: 1\n  c: 2\n", false],
    ["---\na: 1\n", false],
    ["%YAML 1.2\n---\na: 1\n", false],
    ["a: 1\n---\nb: 2\n", false],
    ["", false],
    ["# only a comment\n", false],
    ["a: @x\n", false],
    ["a: -\n", false],
    ["a: - b\n", false],
    ["? a\n: b\n", false],
    ["a : 1\n", false],
    ["a:1\n", false],
    ['"a": 1\n', false],
    ["a: [b: c]\n", false],
    ["a: { b }\n", false],
    ["a: { b: }\n", false],
    [`${"k".repeat(1100)}: 1\n`, false],
  ];
  it.each(cases)("%j (read by the fast reader: %s)", (text, read) => {
    expect(agrees(text)).toEqual({ read, problem: null });
  });

  // Random documents in the style scenario files are written in, with odd scalars, keys, quoting,
  // indents, comments and blank lines mixed in (some inside the fast reader's subset, some not).
  const plain =
    "a|x y|n0|1|-1|+1|007|0x1F|0o17|1e3|-.5|.inf|-.Inf|.nan|null|Null|~|true|False|yes|it's|a#b|café|...|a  b|-.".split(
      "|",
    );
  const blockOnly = ["a, b", "[x]", "x {y}", "a:b"];
  const odd = [..."-x,-,: a,a: b,#x,&a,*a,!t,>,%x,@x,`x,?x,?,x\u00a0, x,x ,{},[],---".split(","), "|", "a | b"];
  const quoted = ['"x"', '"a \\"b\\" c"', '"\\u00e9\\n"', '"\\q"', '"  "', '""', "'it''s'", "''", "'a\"b'"];
  const keys = "a|b|id|n0|say|goto|1|01|true|True|null|0x1|__proto__|toString|a-b|a_b".split("|");
  const oddKeys = ["-a", "a b", '"a"', "a.b", "k".repeat(1030)];
  const comment = (g: fc.GeneratorValue) =>
    g(fc.nat, { max: 3 }) ? "" : g(fc.constantFrom, " # note", " #", "#x", "  # a: b");
  const key = (g: fc.GeneratorValue) => g(fc.constantFrom, ...(g(fc.nat, { max: 30 }) ? keys : oddKeys));
  function scalar(g: fc.GeneratorValue, inFlow: boolean): string {
    const pick = g(fc.nat, { max: 30 });
    if (pick < 8) return g(fc.constantFrom, ...quoted);
    if (pick === 8) return g(fc.constantFrom, ...odd);
    if (pick === 9 && !inFlow) return g(fc.constantFrom, ...blockOnly);
    return g(fc.constantFrom, ...plain.filter((p) => !inFlow || !/#/.test(p)));
  }
  function flow(g: fc.GeneratorValue, depth: number): string {
    const n = g(fc.nat, { max: 3 });
    const item = () => (depth < 2 && g(fc.nat, { max: 4 }) === 0 ? flow(g, depth + 1) : scalar(g, true));
    const sep = g(fc.constantFrom, ", ", ",", " , ");
    if (g(fc.boolean)) return `[${Array.from({ length: n }, item).join(sep)}]`;
    const entries = Array.from({ length: n }, () => `${key(g)}: ${item()}`);
    return g(fc.boolean) ? `{ ${entries.join(sep)} }` : `{${entries.join(sep)}}`;
  }
  function inline(g: fc.GeneratorValue): string {
    return g(fc.nat, { max: 4 }) === 0 ? flow(g, 0) : scalar(g, false);
  }
  function block(g: fc.GeneratorValue, indent: number, depth: number, out: string[]): void {
    const pad = " ".repeat(indent);
    const step = g(fc.constantFrom, 2, 2, 2, 4, 1, 3);
    const list = depth > 0 && g(fc.nat, { max: 2 }) === 0;
    const count = g(fc.integer, { min: 1, max: 4 });
    for (let i = 0; i < count; i++) {
      if (g(fc.nat, { max: 6 }) === 0)
        out.push(g(fc.constantFrom, "", "  ", `${pad}# comment`, "# left", `${pad}    # deeper`));
      if (list) {
        const dash = `${pad}-${g(fc.constantFrom, " ", " ", "  ")}`;
        if (depth < 3 && g(fc.boolean)) {
          const column = dash.length;
          out.push(`${dash}${key(g)}: ${inline(g)}${comment(g)}`);
          block(g, column, depth + 1, out);
        } else out.push(`${dash}${inline(g)}${comment(g)}`);
      } else {
        const name = key(g);
        if (depth < 3 && g(fc.nat, { max: 2 }) === 0) {
          out.push(`${pad}${name}:${comment(g)}`);
          block(g, indent + step, depth + 1, out);
        } else out.push(`${pad}${name}:${g(fc.constantFrom, " ", " ", "  ", "")}${inline(g)}${comment(g)}`);
      }
    }
  }

  it("agrees with the yaml package on random documents", () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const out: string[] = [];
        block(g, 0, 0, out);
        expect(agrees(`${out.join("\n")}\n`).problem).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees with the yaml package on random edits of the real scenarios", () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 3 }),
      insert: fc.constantFrom(..." \n:-#\"'{}[],&*!|>%@`?\\\tax1.\u00a0".split(""), "  ", "\n  ", "- ", ": "),
    });
    const start = fc.record({
      file: fc.constantFrom(...scenarios.map((s) => s.text)),
      lines: fc.integer({ min: 10, max: 120 }),
    });
    fc.assert(
      fc.property(start, fc.array(edit, { minLength: 1, maxLength: 3 }), ({ file, lines }, edits) => {
        let text = file.split("\n").slice(0, lines).join("\n");
        for (const { at, remove, insert } of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + remove);
        }
        expect(agrees(text).problem).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});
