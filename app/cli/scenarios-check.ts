/**
 * npm run scenarios:check [files...]
 * Checks scenario files like a compiler: `path:line:col severity code message` lines, then a
 * stats block per scenario. No files: the whole library plus modules.yaml cross-references.
 * Exit code 1 on any error (CI relies on it); warnings alone exit 0.
 */
import path from "node:path";
import {
  findResistedGoodMove,
  findSharedReplies,
  formatDiagnostic,
  hasErrors,
  MAX_SHARED_PHRASES,
  personaLines,
  PHRASE_WORDS,
  phraseReport,
  SHARED_REPLY_WARNING_CODES,
  type Diagnostic,
  type PhraseReport,
  type Scenario,
  type ScenarioStats,
} from "~/domain/scenario";
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
} from "~/curriculum/scenario-library.server";

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

/** How many recurring phrases and most-alike pairs the library report shows. */
const REPORT_PHRASES = 20;
const REPORT_PAIRS = 10;

/** Sameness lines for one scenario: replies shared by different moves, resistance, phrases. */
function formatSameness(scenario: Scenario, phrases: PhraseReport | null): string {
  const shared = findSharedReplies(scenario);
  const lines = [
    `  shared replies (kinds of move answered; ${SHARED_REPLY_WARNING_CODES} or more warns): ${
      shared.map((s) => `${s.nodeId} ${s.codes.length}`).join(", ") || "none"
    }`,
  ];
  const resisted = findResistedGoodMove(scenario);
  if (resisted.kind === "found") {
    const steps = resisted.path.slice(resisted.resistedAt - 1).map((step, i, all) => {
      const talk = i === 1 || i === all.length - 1 ? ` (${step.talk})` : "";
      return `${step.nodeId}${talk}${step.move ? ` -${step.move.choiceId ?? "write"}->` : ""}`;
    });
    lines.push(`  good move met by sustain talk or discord before change talk: ${steps.join(" ")}`);
  } else {
    lines.push(
      `  good move met by sustain talk or discord before change talk: ${resisted.kind === "none" ? "none" : "search too large"}`,
    );
  }
  if (phrases) {
    const mine = phrases.recurring.filter((p) => p.personas.includes(scenario.id)).length;
    const closest = phrases.pairs.find((p) => p.a === scenario.id || p.b === scenario.id);
    const other = closest && (closest.a === scenario.id ? closest.b : closest.a);
    lines.push(
      `  ${PHRASE_WORDS}-word phrases also said by other men: ${mine}${closest ? `; most with ${other} (${closest.shared.length})` : ""}`,
    );
  }
  return lines.join("\n");
}

function formatPhraseReport(report: PhraseReport, labels: Map<string, string>): string {
  const over = report.pairs.filter((p) => p.shared.length > MAX_SHARED_PHRASES);
  const shown = report.pairs.slice(0, Math.max(REPORT_PAIRS, over.length));
  return [
    `${PHRASE_WORDS}-word phrases said by more than one man: ${report.recurring.length}`,
    ...report.recurring
      .slice(0, REPORT_PHRASES)
      .map((p) => `  "${p.phrase}": ${p.personas.length} men (${p.personas.map((k) => labels.get(k)).join(", ")})`),
    `Men who share the most phrases (at most ${MAX_SHARED_PHRASES} a pair; ${over.length} pair${over.length === 1 ? "" : "s"} over):`,
    ...shown.map(
      (p) =>
        `  ${labels.get(p.a)} and ${labels.get(p.b)}: ${p.shared.length} (${p.shared.map((x) => `"${x}"`).join(", ")})`,
    ),
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
  const parsed = scenarios.flatMap((s) => (s.result.scenario ? [s.result.scenario] : []));
  const personas = parsed.map(personaLines);
  const phrases = personas.length > 1 ? phraseReport(personas) : null;
  for (const s of scenarios) {
    if (!s.result.stats || !s.result.scenario) continue;
    console.log(`${formatStats(s.path, s.result.stats)}\n${formatSameness(s.result.scenario, phrases)}\n`);
  }
  if (phrases) console.log(`${formatPhraseReport(phrases, new Map(personas.map((p) => [p.key, p.label])))}\n`);

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
