/**
 * One small invalid fixture per diagnostic code. Each offending line carries a comment
 * `# expect: <code>`, so the expected line numbers stay right when a fixture is edited; a
 * fixture must produce exactly the diagnostics it marks (no cascades of extra errors).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EXAMPLE_TEXT, TEMPLATE_PLACEHOLDERS } from "~/domain/scenario/example-text";
import {
  checkModules,
  checkScenario,
  DIAGNOSTIC_CODES,
  MAX_FILE_BYTES,
  type Diagnostic,
  type Scenario,
} from "~/domain/scenario";

const dir = fileURLToPath(new URL("../fixtures/scenarios/", import.meta.url));
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const scenarioFixtures = fixtures.filter((f) => !f.startsWith("modules-"));
const moduleFixtures = fixtures.filter((f) => f.startsWith("modules-"));
const MODULE_IDS = ["test-module"];

function expected(text: string): string[] {
  const out: string[] = [];
  text.split("\n").forEach((line, i) => {
    const m = /# expect: ([a-z-]+)/.exec(line);
    if (m) out.push(`${m[1]}@${i + 1}`);
  });
  return out.sort();
}
const actual = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.line}`).sort();

describe("scenario fixtures: one per diagnostic code", () => {
  it.each(scenarioFixtures)("%s", (name) => {
    const file = path.join("test/fixtures/scenarios", name);
    const text = readFileSync(path.join(dir, name), "utf8");
    const result = checkScenario(text, { file, moduleIds: MODULE_IDS });
    expect(actual(result.diagnostics)).toEqual(expected(text));
    for (const d of result.diagnostics) {
      expect(d.file).toBe(file);
      expect(d.severity).toBe(DIAGNOSTIC_CODES[d.code as keyof typeof DIAGNOSTIC_CODES].severity);
      expect(d.message.length).toBeGreaterThan(10);
      expect(d.column).toBeGreaterThan(0);
    }
    if (name !== "valid.yaml") expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it("the valid fixture is ok, with a scenario and stats", () => {
    const result = checkScenario(readFileSync(path.join(dir, "valid.yaml"), "utf8"), {
      file: "valid.yaml",
      moduleIds: MODULE_IDS,
    });
    expect(result.ok).toBe(true);
    expect(result.scenario?.id).toBe("valid");
    expect(result.stats).toMatchObject({
      nodes: 5,
      choiceNodes: 2,
      choices: 4,
      shortestPath: 2,
      longestPath: 2,
      endings: { total: 3, engaged: 1 },
    });
  });
});

describe("limits", () => {
  it("refuses a billion-laughs file with yaml-alias before expanding it", { timeout: 5_000 }, () => {
    const result = checkScenario(readFileSync(path.join(dir, "yaml-alias.yaml"), "utf8"));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0].code).toBe("yaml-alias");
    expect(result.diagnostics[0].message).toMatch(/anchors and aliases are not allowed/);
  });

  it("refuses a file over 256 KB before parsing it", () => {
    const text = `id: big\n# ${"x".repeat(MAX_FILE_BYTES)}\n`;
    const result = checkScenario(text);
    expect(actual(result.diagnostics)).toEqual(["file-too-large@1"]);
  });

  it("refuses lists nested thousands deep with a message, not a stack overflow; a few levels are fine", () => {
    const valid = readFileSync(path.join(dir, "valid.yaml"), "utf8");
    const deep = valid.replace("{ rapport: 0 }", `{ rapport: ${"[".repeat(5000)}${"]".repeat(5000)} }`);
    expect(deep).not.toBe(valid);
    expect(actual(checkScenario(deep).diagnostics)).toEqual(["yaml-too-deep@1"]);
    const nested = `${"[".repeat(63)}${"]".repeat(63)}`; // 64 deep inside the braces
    expect(
      checkScenario(valid.replace("{ rapport: 0 }", `{ rapport: ${nested} }`)).diagnostics.map((d) => d.code),
    ).not.toContain("yaml-too-deep");
  });

  it("counts bytes, not characters, against the size limit", () => {
    const text = `# ${"é".repeat(MAX_FILE_BYTES / 2 + 10)}\n`; // under 256 K characters, over 256 KB
    expect(checkScenario(text).diagnostics[0].code).toBe("file-too-large");
  });

  it("refuses more than 500 nodes, pointing at `nodes`", () => {
    const nodes = Array.from(
      { length: 501 },
      (_, i) => `  n${i}:\n    prisoner: "Hi."\n    talk: neutral\n    ending: { outcome: undecided, label: "End" }\n`,
    ).join("");
    const text = `id: many\ntitle: "Many"\nmodule: m\nsummary: "S"\npersona: { name: "A", background: "B" }\nstart: n0\nnodes:\n${nodes}`;
    expect(actual(checkScenario(text).diagnostics)).toEqual(["too-many-nodes@7"]);
  });

  it("refuses the wizard's example text and template placeholders for publishing only, at the field", () => {
    const text = readFileSync(path.join(dir, "valid.yaml"), "utf8")
      .replace('"It\'s a waste of time."', JSON.stringify(`  ${EXAMPLE_TEXT.middle} `))
      .replace('"An affirmation."', JSON.stringify(EXAMPLE_TEXT.yourWordsFeedback))
      .replace('"Invented for a test."', JSON.stringify(TEMPLATE_PLACEHOLDERS.background));
    const draft = checkScenario(text, { moduleIds: MODULE_IDS });
    expect(draft.diagnostics).toEqual([]);
    const publishing = checkScenario(text, { moduleIds: MODULE_IDS, publishing: true });
    expect(publishing.ok).toBe(false);
    expect(actual(publishing.diagnostics)).toEqual(["example-text@13", "example-text@19", "example-text@8"]);
    expect(publishing.diagnostics.map((d) => [d.path, d.message])).toEqual([
      [["persona", "background"], expect.stringMatching(/^Write his background in your own words/)],
      [
        ["nodes", "opening", "prisoner"],
        expect.stringMatching(/^What he says is still the example from the new-scenario wizard/),
      ],
      [
        ["nodes", "opening", "choices", 0, "feedback"],
        expect.stringMatching(/^The feedback for option 1 is still the example/),
      ],
    ]);
    // Text that merely resembles the example is the trainer's own.
    expect(
      checkScenario(text.replace(EXAMPLE_TEXT.middle, "My kids, I suppose."), {
        publishing: true,
        moduleIds: MODULE_IDS,
      }).diagnostics,
    ).toHaveLength(2);
  });
});

describe("messages trainers can act on", () => {
  const text = () => readFileSync(path.join(dir, "valid.yaml"), "utf8");

  it("suggests the node meant by a mistyped goto", () => {
    const result = checkScenario(text().replace("goto: end-disengaged", "goto: end-disengagd"), { file: "valid.yaml" });
    expect(result.diagnostics[0].message).toBe(
      "Choice 'warn' in node 'middle' goes to 'end-disengagd', but there is no node called 'end-disengagd'. Did you mean 'end-disengaged'?",
    );
    expect(result.diagnostics[0].nodeId).toBe("middle");
  });

  it("names the MI codes a trainer probably meant", () => {
    const result = checkScenario(text().replace("mi: simple_reflection", "mi: reflect"));
    expect(result.diagnostics[0].message).toMatch(/Did you mean one of 'simple_reflection', 'complex_reflection'\?/);
  });

  it("suggests the field meant by an unknown one", () => {
    const result = checkScenario(text().replace('feedback: "A simple reflection."', 'feedbak: "A simple reflection."'));
    expect(result.diagnostics[0].message).toBe(
      "'feedbak' is not a field of choice 'reflect' in node 'middle'. Did you mean 'feedback'?",
    );
  });

  it("says which field is missing, at the node", () => {
    const result = checkScenario(text().replace("    talk: sustain\n", ""));
    expect(result.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ["schema", 12, "Node 'opening' is missing 'talk'."],
    ]);
  });

  it("suggests a valid id for a badly written node id", () => {
    const result = checkScenario(text().replace("  end-engaged:", "  End_Engaged:"));
    expect(result.diagnostics[0].message).toMatch(/'End_Engaged' is not a valid node id.*e\.g\. 'end-engaged'/);
  });

  it("explains YAML syntax errors in plain words", () => {
    const result = checkScenario("id: x\n\ttitle: y\n");
    expect(result.diagnostics[0].code).toBe("yaml-syntax");
  });
});

describe("modules.yaml fixtures", () => {
  const scenario = (id: string, module: string) => ({ id, module }) as Scenario;
  const library = new Map([
    ["alpha", scenario("alpha", "one")],
    ["beta", scenario("beta", "one")],
    ["gamma", scenario("gamma", "two")],
  ]);

  it.each(moduleFixtures)("%s", (name) => {
    const text = readFileSync(path.join(dir, name), "utf8");
    const { diagnostics, modules } = checkModules(text, library, { file: name });
    expect(actual(diagnostics)).toEqual(expected(text));
    if (name === "modules-valid.yaml") {
      expect(modules.map((m) => m.id)).toEqual(["one", "two"]);
      // Defaults: the MITI "fair" levels, no MI-non-adherent choices, a refresher after 6 months.
      expect(modules[0]).toMatchObject({
        thresholds: { min_reflection_to_question: 1, min_percent_complex_reflections: 40, max_mi_non_adherent: 0 },
        refresher_months: 6,
      });
    }
  });
});

describe("every code is covered by a fixture or a test above", () => {
  it("has a fixture for each code that a fixture can show", () => {
    const covered = new Set(
      fixtures.flatMap((f) => expected(readFileSync(path.join(dir, f), "utf8")).map((e) => e.split("@")[0])),
    );
    const generated = ["file-too-large", "too-many-nodes", "example-text", "yaml-too-deep"]; // generated in the tests above
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((c) => !covered.has(c) && !generated.includes(c));
    expect(missing).toEqual([]);
  });
});
