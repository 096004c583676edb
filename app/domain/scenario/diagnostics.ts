/**
 * Diagnostics: the validator's output. Codes are stable (tests, docs and the studio key on
 * them), so add new ones rather than renaming. Messages are written for trainers, not developers.
 */

export type Severity = "error" | "warning";

/** Where a value sits in the scenario's data: ["nodes", "opening", "choices", 0, "goto"]. */
export type DataPath = (string | number)[];

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** 1-based line and column in the YAML text. */
  line: number;
  column: number;
  file?: string;
  nodeId?: string;
  /** The data the finding is about, when it is about one place (the studio's forms show it beside that field). */
  path?: DataPath;
  /** Other places it names (the earlier of two same options, the options a shared line answers). */
  related?: DataPath[];
  /** What the plain words need beyond the code and the data at `path` (plain-words.ts), e.g. the variable checked. */
  facts?: DiagnosticFacts;
}

export type DiagnosticFacts = Record<string, string | number | boolean>;

export const DIAGNOSTIC_CODES = {
  // Limits and YAML: checked before the file is turned into data.
  "file-too-large": { severity: "error", description: "The file is over 256 KB." },
  "yaml-syntax": { severity: "error", description: "The text is not valid YAML (indentation, quotes, colons)." },
  "yaml-alias": { severity: "error", description: "YAML anchors (&name) and aliases (*name) are not allowed." },
  "yaml-too-deep": { severity: "error", description: "Lists or maps in [ ] or { } are nested more than 64 deep." },
  "too-many-nodes": { severity: "error", description: "The scenario has more than 500 nodes." },
  // Shape of the data.
  schema: { severity: "error", description: "A field is unknown, missing, or has the wrong kind of value." },
  "empty-text": { severity: "error", description: "A text field is empty." },
  "duplicate-node": { severity: "error", description: "Two nodes have the same id." },
  "duplicate-choice": { severity: "error", description: "Two choices in one node have the same id." },
  "duplicate-choice-text": { severity: "error", description: "Two choices in one node say the same thing." },
  "id-mismatch": { severity: "error", description: "The scenario id is not the file name." },
  "unknown-module": { severity: "error", description: "The scenario's module is not in modules.yaml." },
  "example-text": {
    severity: "error",
    description: "Publishing only: the new-scenario wizard's example text or a template placeholder is still there.",
  },
  // The conversation graph.
  "start-missing": { severity: "error", description: "`start` names a node that does not exist." },
  "goto-unknown-node": { severity: "error", description: "A goto names a node that does not exist." },
  "unreachable-node": { severity: "error", description: "No path from the start node leads to this node." },
  "dead-end": { severity: "error", description: "A node that is not an ending has no choices and no write." },
  trap: { severity: "error", description: "From this node no ending can ever be reached." },
  "no-ending": { severity: "error", description: "The scenario has no ending node." },
  "ending-with-choices": { severity: "error", description: "An ending also has choices or a write." },
  "choices-and-write": { severity: "error", description: "A node has both choices and a write." },
  "undeclared-variable": { severity: "error", description: "A variable is used but not declared under `variables`." },
  "bad-condition": { severity: "error", description: "A condition is not of the form `variable op number`." },
  "goto-no-fallback": { severity: "error", description: "A branching goto's last entry has a condition." },
  // Pedagogy: warnings, but the shipped curriculum has none.
  "no-mi-consistent-option": { severity: "warning", description: "A choice node offers no MI-consistent option." },
  "confront-path-to-engaged": {
    severity: "warning",
    description: "An 'engaged' ending can still be reached after confront or persuade.",
  },
  "too-many-choices": { severity: "warning", description: "A node has more than 5 choices." },
  "choice-without-feedback": {
    severity: "warning",
    description: "An officer option has no feedback, so practice mode shows nothing after it.",
  },
  "branch-never-taken": {
    severity: "warning",
    description: "A branch of a goto is never taken, given the variables on every way in.",
  },
  "shared-reply": {
    severity: "warning",
    description: "A prisoner line answers officer moves of three or more different MI codes.",
  },
  // modules.yaml cross-references.
  "duplicate-module": { severity: "error", description: "Two modules have the same id." },
  "module-unknown-scenario": { severity: "error", description: "A module lists a scenario that does not exist." },
  "scenario-not-in-module": { severity: "error", description: "A scenario is in no module." },
  "scenario-in-two-modules": { severity: "error", description: "A scenario is listed by more than one module." },
  "module-mismatch": { severity: "error", description: "A scenario's `module` is not the module that lists it." },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
export type WarningCode = {
  [K in DiagnosticCode]: (typeof DIAGNOSTIC_CODES)[K]["severity"] extends "warning" ? K : never;
}[DiagnosticCode];

/** The teaching warnings in plain words: why it matters to the officer's learning, and what to change. */
export const WARNING_ADVICE: Record<WarningCode, { why: string; fix: string }> = {
  "no-mi-consistent-option": {
    why: "Officers learn MI by choosing it. If no option here is a reflection, an affirmation, an open question, seeking collaboration or emphasising autonomy, there is no good reply to practise.",
    fix: "Add an option that uses one of those skills.",
  },
  "confront-path-to-engaged": {
    why: "Confronting or persuading usually makes a man dig in (the righting reflex). If he can still end up engaged after it, the scenario teaches officers that arguing works.",
    fix: "Send this option to a path where he ends undecided at best, or disengaged.",
  },
  "too-many-choices": {
    why: "More than five options is a lot to weigh up, and real wing conversations move quickly.",
    fix: "Keep three or four options: remove or merge the rest.",
  },
  "choice-without-feedback": {
    why: "Practice mode teaches with the feedback shown after each option: it names the MI skill the officer used and what it did to the conversation. Without it, choosing this option teaches nothing.",
    fix: "Write the feedback: name the MI code in plain words and say what it does to him, as the other options do.",
  },
  "shared-reply": {
    why: "This line answers very different moves (say a reflection, a question and a warning) in the same words. Real men answer each differently, so one line for all of them reads as canned and teaches officers that what they say makes no difference.",
    fix: "Read the line after each option that leads here. Give the options that need it a reply of their own: a new node for each, with a line that follows from that move.",
  },
  "branch-never-taken": {
    why: "Whichever way an officer gets here, the numbers already decide which way this goes, so one branch is never used and officers never see where it leads.",
    fix: "Change the condition, or the effects of the options on the way here, so both outcomes can happen; or remove the branch.",
  },
};

export interface Position {
  line: number;
  column: number;
}

export function diagnostic(
  code: DiagnosticCode,
  message: string,
  pos: Position,
  extra: {
    file?: string;
    nodeId?: string;
    path?: readonly PropertyKey[];
    related?: readonly (readonly PropertyKey[])[];
    facts?: DiagnosticFacts;
  } = {},
): Diagnostic {
  const d: Diagnostic = {
    code,
    severity: DIAGNOSTIC_CODES[code].severity,
    message,
    line: pos.line,
    column: pos.column,
  };
  if (extra.file !== undefined) d.file = extra.file;
  if (extra.nodeId !== undefined) d.nodeId = extra.nodeId;
  if (extra.path !== undefined) d.path = dataPath(extra.path);
  if (extra.related !== undefined) d.related = extra.related.map(dataPath);
  if (extra.facts !== undefined) d.facts = extra.facts;
  return d;
}

const dataPath = (path: readonly PropertyKey[]): DataPath =>
  path.map((seg) => (typeof seg === "number" ? seg : String(seg)));

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sort by position so output reads top to bottom like a compiler's. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => (a.file ?? "").localeCompare(b.file ?? "") || a.line - b.line || a.column - b.column,
  );
}

/** "path:line:col severity code message", the CLI's and CI's format. */
export function formatDiagnostic(d: Diagnostic, file = d.file ?? "<input>"): string {
  return `${file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
}

/** Edit distance, for "Did you mean ...?" suggestions on typos. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate if it is close enough to be a plausible typo, else undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Allow roughly one typo per three characters, and at least two.
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit && bestDistance > 0 ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const list = [...candidates];
  const c = closest(word, list);
  if (c) return ` Did you mean '${c}'?`;
  // No near spelling: offer candidates that contain the word ("reflect" -> the two reflections).
  const lower = word.toLowerCase();
  const containing = lower.length >= 3 ? list.filter((x) => x.toLowerCase().includes(lower)).slice(0, 3) : [];
  if (containing.length === 1) return ` Did you mean '${containing[0]}'?`;
  if (containing.length > 1) return ` Did you mean one of ${containing.map((x) => `'${x}'`).join(", ")}?`;
  return "";
}
