/**
 * The scenario library on disk: every scenarios/*.yaml checked, plus modules.yaml with its
 * cross-references. Used by `npm run scenarios:check` and by the web server at start-up, so
 * both see exactly the same verdict on the same files.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  checkModules,
  checkScenario,
  hasErrors,
  parseModules,
  type CheckResult,
  type Diagnostic,
  type Module,
  type Scenario,
} from "~/domain/scenario";

export const MODULES_FILE = "modules.yaml";

export interface ScenarioFile {
  /** Path as given (relative to the working directory for the library). */
  path: string;
  text: string;
  /** sha256 of the text, hex: identifies the exact version a conversation was played on. */
  hash: string;
  result: CheckResult;
}

export interface ModulesFile {
  path: string;
  text: string;
  hash: string;
  modules: Module[];
  diagnostics: Diagnostic[];
}

export interface ScenarioLibrary {
  dir: string;
  scenarios: ScenarioFile[];
  modules: ModulesFile | null;
  /** Valid scenarios by id. */
  byId: Map<string, Scenario>;
  /** Every diagnostic of every file, modules.yaml included. */
  diagnostics: Diagnostic[];
  ok: boolean;
}

export function defaultScenariosDir(): string {
  return process.env.ENGAGE_SCENARIOS_DIR ?? path.resolve(process.cwd(), "scenarios");
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

/** Module ids from modules.yaml, if it parses (so scenario files can be checked against them). */
export function readModuleIds(dir = defaultScenariosDir()): string[] | undefined {
  const file = path.join(dir, MODULES_FILE);
  if (!existsSync(file)) return undefined;
  const { modules, diagnostics } = parseModules(readFileSync(file, "utf8"), { file: display(file) });
  return modules.length || !hasErrors(diagnostics) ? modules.map((m) => m.id) : undefined;
}

export function checkScenarioFile(file: string, moduleIds?: string[]): ScenarioFile {
  const text = readFileSync(file, "utf8");
  const shown = display(file);
  // Library files are what officers get: checked as for publishing (no example text from the wizard).
  const result = checkScenario(text, { file: shown, moduleIds, publishing: true });
  return { path: shown, text, hash: sha256(text), result };
}

export function checkModulesFile(file: string, scenarios: Map<string, Scenario>): ModulesFile {
  const text = readFileSync(file, "utf8");
  const shown = display(file);
  const { modules, diagnostics } = checkModules(text, scenarios, { file: shown });
  return { path: shown, text, hash: sha256(text), modules, diagnostics };
}

/** The scenario files of a folder: *.yaml except modules.yaml, in name order. */
export function listScenarioFiles(dir = defaultScenariosDir()): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml") && name !== MODULES_FILE)
    .sort()
    .map((name) => path.join(dir, name));
}

export function loadScenarioLibrary(dir = defaultScenariosDir()): ScenarioLibrary {
  const moduleIds = readModuleIds(dir);
  const scenarios = listScenarioFiles(dir).map((file) => checkScenarioFile(file, moduleIds));
  // Cross-references use every scenario that parsed, so one broken graph does not also
  // make its module look wrong.
  const parsed = new Map<string, Scenario>();
  for (const s of scenarios) if (s.result.scenario) parsed.set(s.result.scenario.id, s.result.scenario);
  const modulesPath = path.join(dir, MODULES_FILE);
  const modules = existsSync(modulesPath) ? checkModulesFile(modulesPath, parsed) : null;
  const diagnostics = [...scenarios.flatMap((s) => s.result.diagnostics), ...(modules?.diagnostics ?? [])];
  if (!modules) {
    diagnostics.push({
      code: "schema",
      severity: "error",
      message: `There is no ${MODULES_FILE} in ${display(dir)}.`,
      line: 1,
      column: 1,
      file: display(modulesPath),
    });
  }
  const byId = new Map<string, Scenario>();
  for (const s of scenarios) if (s.result.ok && s.result.scenario) byId.set(s.result.scenario.id, s.result.scenario);
  return { dir, scenarios, modules, byId, diagnostics, ok: !hasErrors(diagnostics) };
}
