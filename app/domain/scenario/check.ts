/**
 * checkScenario: YAML text -> scenario + diagnostics + stats. The one entry point the CLI, the
 * web server and the studio share, so they always agree on what a valid scenario is.
 */
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics";
import { byteLength, MAX_FILE_BYTES, parseYamlSource, type ParsedYaml } from "./parse";
import { exampleTextIn } from "./example-text";
import { scenarioSchema, type Scenario } from "./schema";
import { scenarioStats, type ScenarioStats } from "./stats";
import { validateScenario } from "./validate";
import { zodIssuesToDiagnostics } from "./zod-issues";

export interface CheckResult {
  /** Set whenever the file matches the schema, even with graph errors (the studio still draws it). Compile only when `ok`. */
  scenario: Scenario | null;
  /** The title as written, read even when the file fails the schema, so a draft with errors is still named by it. */
  title: string | null;
  diagnostics: Diagnostic[];
  stats: ScenarioStats | null;
  /** No errors (warnings allowed). */
  ok: boolean;
}

export interface CheckOptions {
  file?: string;
  moduleIds?: string[];
  /** The verdict for publishing: the wizard's example text and template placeholders are errors too (a draft may hold them). */
  publishing?: boolean;
}

export function checkScenario(text: string, options: CheckOptions = {}): CheckResult {
  return checkParsed(parseYamlSource(text, { file: options.file, nodesKey: "nodes" }), options);
}

/** checkScenario on YAML already parsed (the studio's forms read the same parse). */
export function checkParsed(parsed: ParsedYaml, options: CheckOptions = {}): CheckResult {
  const fail = (diagnostics: Diagnostic[]): CheckResult => ({
    scenario: null,
    title: titleIn(parsed.value),
    diagnostics: sortDiagnostics(diagnostics),
    stats: null,
    ok: false,
  });
  if (parsed.value === null || !parsed.locator) return fail(parsed.diagnostics);

  const result = scenarioSchema.safeParse(parsed.value);
  if (!result.success) {
    // Graph checks on half-valid data would mislead, so stop at schema errors.
    return fail([
      ...parsed.diagnostics,
      ...zodIssuesToDiagnostics(result.error.issues, parsed.value, parsed.locator, options.file),
    ]);
  }
  const scenario = result.data;
  const locator = parsed.locator;
  const examples = options.publishing
    ? exampleTextIn(scenario).map((e) =>
        diagnostic("example-text", e.message, locator.find(e.path), {
          file: options.file,
          nodeId: e.nodeId,
          path: e.path,
        }),
      )
    : [];
  const diagnostics = sortDiagnostics([
    ...parsed.diagnostics,
    ...validateScenario(scenario, locator, options),
    ...examples,
  ]);
  const ok = !hasErrors(diagnostics);
  return { scenario, title: scenario.title, diagnostics, stats: scenarioStats(scenario), ok };
}

/** The top-level title when it is text with something in it; anything else (or no title) names nothing. */
function titleIn(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const title: unknown = (value as Record<string, unknown>).title;
  return typeof title === "string" && /\S/.test(title) ? title : null;
}

/** Where each node starts in the YAML (its id key), for the studio's map. Works on invalid files too. */
export function nodePositions(text: string): Record<string, { line: number; column: number }> {
  const out: Record<string, { line: number; column: number }> = {};
  if (byteLength(text) > MAX_FILE_BYTES) return out;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (!isMap(doc.contents)) return out;
  const nodes = doc.contents.get("nodes", true);
  if (!isMap(nodes)) return out;
  for (const pair of nodes.items) {
    if (!isScalar(pair.key) || pair.key.range == null) continue;
    const { line, col } = lineCounter.linePos(pair.key.range[0]);
    out[String(pair.key.value)] = { line, column: col };
  }
  return out;
}
