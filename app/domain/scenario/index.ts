/**
 * The Engage scenario language: public API. Plain TypeScript (no Remix, React, node:fs or
 * database), so the server, the CLI, the tests and the browser can all use it.
 */
export { checkScenario, nodePositions, type CheckOptions, type CheckResult } from "./check";
export {
  DIAGNOSTIC_CODES,
  formatDiagnostic,
  hasErrors,
  sortDiagnostics,
  type DataPath,
  type Diagnostic,
  type DiagnosticCode,
  type Severity,
} from "./diagnostics";
export { checkModules, moduleWithDefaults, parseModules, type ModulesResult } from "./modules";
export { MAX_FILE_BYTES, MAX_NODES } from "./parse";
export {
  MODULE_SETTING_LIMITS,
  scenarioJsonSchemaText,
  scenarioSchema,
  type Choice,
  type Ending,
  type Goto,
  type GotoEntry,
  type Module,
  type ModuleThresholds,
  type Scenario,
  type ScenarioNode,
  type WriteStep,
} from "./schema";
export { scenarioStats, type ScenarioStats } from "./stats";
export { type Condition, type Operator } from "./conditions";
export {
  compileScenario,
  type EndingOutput,
  type NodeMeta,
  type ScenarioContext,
  type ScenarioEvent,
  type ScenarioMachine,
} from "./compile";
export {
  availableChoices,
  canChoose,
  canWrite,
  choose,
  currentNodeId,
  endingOf,
  isEnded,
  persistConversation,
  restoreConversation,
  startConversation,
  startConversationAt,
  variablesOf,
  writeReply,
  type JsonValue,
  type PersistedConversation,
  type ScenarioSnapshot,
} from "./runtime";
export { buildGraph, gotoTargets, reachableFrom } from "./graph";
export { findSharedReplies, SHARED_REPLY_WARNING_CODES, type IncomingMove, type SharedReply } from "./shared-replies";
export {
  MAX_SHARED_PHRASES,
  PHRASE_WORDS,
  personaLines,
  phraseReport,
  phrasesOf,
  type PersonaLines,
  type PersonaPair,
  type PhraseReport,
  type RecurringPhrase,
} from "./phrases";
export { findResistedGoodMove, type PathStep, type ResistedMoveResult } from "./resisted-move";
