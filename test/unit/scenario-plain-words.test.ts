/**
 * The checker's findings as trainers read them in the studio's forms: one plain sentence per
 * code, from the finding's code, path and facts, with no YAML keys and options named by their
 * number and words. The checker's own messages (for the CLI and the YAML view) stay as they were.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkModules, checkScenario, DIAGNOSTIC_CODES, MAX_FILE_BYTES, type Scenario } from "~/domain/scenario";
import type { Diagnostic } from "~/domain/scenario/diagnostics";
import { EXAMPLE_TEXT, TEMPLATE_PLACEHOLDERS } from "~/domain/scenario/example-text";
import { parseYamlSource } from "~/domain/scenario/parse";
import { optionName, PLAIN_WORDS, plainMessage } from "~/domain/scenario/plain-words";

const dir = "test/fixtures/scenarios";
const read = (name: string) => readFileSync(path.join(dir, name), "utf8");
const MODULE_IDS = ["test-module"];

/** Every finding the checker makes on a text, with the data the studio reads it against. */
function findings(text: string, options: { file?: string; publishing?: boolean } = {}) {
  const { diagnostics } = checkScenario(text, { moduleIds: MODULE_IDS, ...options });
  const data = parseYamlSource(text, { nodesKey: "nodes" }).value;
  return diagnostics.map((d) => ({ d, data }));
}

const valid = read("valid.yaml");
const library = new Map(
  [
    ["alpha", "one"],
    ["beta", "one"],
    ["gamma", "two"],
  ].map(([id, module]) => [id, { id, module } as Scenario]),
);
const all: { d: Diagnostic; data: unknown; text: string }[] = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && !f.startsWith("modules-"))
    .flatMap((f) => findings(read(f), { file: path.join(dir, f) }).map((x) => ({ ...x, text: read(f) }))),
  ...readdirSync(dir)
    .filter((f) => f.startsWith("modules-"))
    .flatMap((f) => checkModules(read(f), library, { file: f }).diagnostics.map((d) => ({ d, data: null, text: "" }))),
  // The codes no fixture can show: generated, as in scenario-diagnostics.test.ts.
  ...[
    `id: big\n# ${"x".repeat(MAX_FILE_BYTES)}\n`,
    valid.replace("{ rapport: 0 }", `{ rapport: ${"[".repeat(100)}${"]".repeat(100)} }`),
    `id: many\nnodes:\n${Array.from({ length: 501 }, (_, i) => `  n${i}: {}\n`).join("")}`,
  ].flatMap((text) => findings(text).map((x) => ({ ...x, text: "" }))),
  ...findings(
    valid
      .replace('"It\'s a waste of time."', JSON.stringify(EXAMPLE_TEXT.middle))
      .replace('"Invented for a test."', JSON.stringify(TEMPLATE_PLACEHOLDERS.background)),
    { publishing: true },
  ).map((x) => ({ ...x, text: "" })),
];

// Words only an author of YAML knows: a key in quotes, a goto, a "choice", a file name.
const YAML_WORDS =
  /'(id|say|prisoner|talk|mi|feedback|effects|goto|if|node|choices|write|ending|outcome|label|start|variables|module|persona)'|\bgoto\b|\bchoice\b|\bdeclared\b|\.ya?ml\b(?! view)/i;

describe("the checker's findings in plain words", () => {
  it("has plain words for every code the checker can produce", () => {
    expect(Object.keys(PLAIN_WORDS).sort()).toEqual(Object.keys(DIAGNOSTIC_CODES).sort());
  });

  it("says every finding of every code in plain words, without YAML keys or option ids", () => {
    const codes = new Set(all.map((x) => x.d.code));
    expect([...codes].sort()).toEqual(Object.keys(DIAGNOSTIC_CODES).sort());
    for (const { d, data, text } of all) {
      const plain = plainMessage(d, data);
      expect(plain, d.code).toMatch(/^[A-Z].{15,}[.)]$/);
      expect(plain, `${d.code}: ${plain}`).not.toMatch(YAML_WORDS);
      expect(plain, `${d.code}: ${plain}`).not.toMatch(/undefined|null|NaN|\[object/);
      // Options are named by their number and words, never by the id the file gives them.
      for (const [, id] of text.matchAll(/- id: ([a-z0-9-]+)/g)) expect(plain, d.code).not.toContain(`'${id}'`);
    }
  });

  it("reads as the forms' labels, and names the option by its number and the start of its words", () => {
    const missing = findings(valid.replace(`prisoner: "Maybe. I don't know."`, "")).map((x) =>
      plainMessage(x.d, x.data),
    );
    expect(missing).toEqual(["The prisoner's line is empty."]);
    const [broken] = findings(read("goto-unknown-node.yaml"));
    expect(plainMessage(broken.d, broken.data)).toBe(
      "Option 2 ('Refuse and you'll never get…') leads to end-disengage, a node that does not exist. Choose where it leads.",
    );
    // The CLI and the YAML view keep the checker's own words, which name the key and the line.
    expect(broken.d.message).toMatch(/^Choice 'warn' in node 'middle' goes to 'end-disengage'/);
    expect(broken.d.line).toBeGreaterThan(1);
  });

  it("says where an option leads is not chosen when it has none, as after 'Add an option', not to use the YAML view", () => {
    const [unchosen] = findings(valid.replace("        goto: end-disengaged\n", ""));
    expect(plainMessage(unchosen.d, unchosen.data)).toBe(
      "Option 2 ('Refuse and you'll never get…'): where it leads is not chosen.",
    );
    expect(unchosen.d.message).toBe("Choice 'warn' in node 'middle' is missing 'goto'.");
  });

  it("names an option as trainers know it, not by the id 'Add an option' gave it", () => {
    expect(optionName(3, "You sound fed up with the whole thing, like nobody listens")).toBe(
      "Option 4: 'You sound fed up with the…'",
    );
    expect(optionName(0, "  Short. ")).toBe("Option 1: 'Short.'");
    expect(optionName(1, "You sound fed up", "sentence")).toBe("Option 2 ('You sound fed up')");
    expect(optionName(2, "")).toBe("Option 3");
    expect(optionName(2, null)).toBe("Option 3");
  });
});
