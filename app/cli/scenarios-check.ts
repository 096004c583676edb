/**
 * npm run scenarios:check [files...]
 * Checks scenario files like a compiler: `path:line:col severity code message` lines, then a
 * stats block per scenario. No files: the whole library plus modules.yaml cross-references.
 * Exit code 1 on any error (CI relies on it); warnings alone exit 0.
 */
import path from "node:path";
import { formatDiagnostic, hasErrors, type Diagnostic, type ScenarioStats } from "~/domain/scenario";
import { MI_CODES } from "~/domain/mi-codes";
import {
  checkModulesFile,
  checkScenarioFile,
  defaultScenariosDir,
  listScenarioFiles,
  loadScenarioLibrary,
  MODULES_FILE,
  readModuleIds,
  type ScenarioFile,
} from "~/scenario-library.server";

function formatStats(file: string, s: ScenarioStats): string {
  const decisions = s.choiceNodes + s.writeNodes;
  const codes = MI_CODES.filter((c) => s.miCodes[c] > 0).map((c) => `${c} ${s.miCodes[c]}`);
  const longest = s.longestPath === null ? "-" : `${s.longestPath}${s.longestPathExact ? "" : "+"}`;
  return [
    `${file}`,
    `  nodes ${s.nodes} (${s.choiceNodes} choice, ${s.writeNodes} write, ${s.endings.total} endings), choices ${s.choices}, words ${s.words}`,
    `  endings: ${s.endings.engaged} engaged, ${s.endings.undecided} undecided, ${s.endings.disengaged} disengaged`,
    `  decisions to an ending: shortest ${s.shortestPath ?? "-"}, longest ${longest} (of ${decisions} decision points)`,
    `  MI codes: ${codes.join(", ") || "none"}`,
  ].join("\n");
}

function main(args: string[]): number {
  const diagnostics: Diagnostic[] = [];
  const scenarios: ScenarioFile[] = [];
  let checkedModules = false;

  if (args.length === 0) {
    const library = loadScenarioLibrary();
    scenarios.push(...library.scenarios);
    diagnostics.push(...library.diagnostics);
    checkedModules = library.modules !== null;
  } else {
    for (const arg of args) {
      const file = path.resolve(arg);
      const dir = path.dirname(file);
      if (path.basename(file) === MODULES_FILE) {
        // modules.yaml on its own: cross-reference it against the scenarios next to it.
        const parsed = new Map(
          listScenarioFiles(dir)
            .map((f) => checkScenarioFile(f))
            .flatMap((s) => (s.result.scenario ? [[s.result.scenario.id, s.result.scenario] as const] : [])),
        );
        diagnostics.push(...checkModulesFile(file, parsed).diagnostics);
        checkedModules = true;
        continue;
      }
      const moduleIds = readModuleIds(dir) ?? readModuleIds(defaultScenariosDir());
      const checked = checkScenarioFile(file, moduleIds);
      scenarios.push(checked);
      diagnostics.push(...checked.result.diagnostics);
    }
  }

  for (const d of diagnostics) console.log(formatDiagnostic(d));
  if (diagnostics.length) console.log("");
  for (const s of scenarios) if (s.result.stats) console.log(`${formatStats(s.path, s.result.stats)}\n`);

  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const what = `${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"}${checkedModules ? ` and ${MODULES_FILE}` : ""}`;
  console.log(
    `Checked ${what}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.`,
  );
  return hasErrors(diagnostics) ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`scenarios:check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
