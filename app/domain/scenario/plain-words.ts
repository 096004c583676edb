/**
 * The checker's findings in the words of the studio's forms, for trainers who never see the YAML.
 * A finding keeps its code, its path and a few facts; this is the one place they become plain
 * sentences. The checker's own message (keys and lines, for authors of YAML) stays for the CLI and
 * the YAML view. Options are named as trainers know them: their number and the start of their text.
 * Browser-safe: no `yaml`, no `zod`.
 */
import { MI_CODE_INFO, type MiCode } from "../mi-codes";
import type { DataPath, Diagnostic, DiagnosticCode } from "./diagnostics";

const LINE_START = 30;

/** "Option 3: 'You sound fed up…'", or "Option 3 ('You sound fed up…')" inside a sentence. */
export function optionName(
  index: number,
  say: unknown,
  style: "label" | "sentence" = "label",
  length = LINE_START,
): string {
  const text = typeof say === "string" ? say.trim().replace(/\s+/g, " ") : "";
  if (!text) return `Option ${index + 1}`;
  return style === "label"
    ? `Option ${index + 1}: '${startOf(text, length)}'`
    : `Option ${index + 1} ('${startOf(text, length)}')`;
}

/** The start of a text, cut at a word's end where it can be. */
function startOf(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  const whole = /\s/.test(text.charAt(length - 1)) ? cut : cut.replace(/\s+\S*$/, "");
  return `${(whole || cut).trimEnd()}…`;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const seg of path) {
    if (!current || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[seg];
  }
  return current;
}

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");

/** The node's option at a path (["nodes", id, "choices", i, ...]) in a sentence, with "in node …" when asked. */
function optionAt(data: unknown, path: DataPath, withNode = false): string {
  const index = Number(path[3]);
  const name = optionName(index, valueAt(data, [...path.slice(0, 4), "say"]), "sentence");
  return withNode ? `${name} in node ${String(path[1])}` : name;
}

/** Who leads somewhere: an option or the written reply (a goto's owner, from a path inside the node). */
function ownerAt(data: unknown, path: DataPath): string {
  return path[2] === "write" ? "The written reply" : optionAt(data, path);
}

/** The goto's branch number (1-based) in a path through a goto, when it has one. */
function branchOf(path: DataPath): number | null {
  const at = path.indexOf("goto");
  return at >= 0 && typeof path[at + 1] === "number" ? (path[at + 1] as number) + 1 : null;
}

// The forms' labels, as the subject of a sentence.
const SCENARIO_FIELDS: Record<string, string> = {
  id: "The scenario id",
  title: "The title officers see",
  module: "The module",
  summary: "What the conversation is about",
  persona: "The prisoner's details",
  "persona.name": "The prisoner's first name",
  "persona.background": "His background",
  "persona.voice": "How he talks",
  start: "The first node",
  variables: "The variables",
  nodes: "The nodes",
};
const NODE_FIELDS: Record<string, string> = {
  "": "This node",
  prisoner: "The prisoner's line",
  talk: "The kind of talk",
  choices: "The options",
  write: "The officer's written reply",
  "write.prompt": "The instruction above the officer's text box",
  "write.feedback": "What a good reply does",
  ending: "The ending",
  "ending.outcome": "The outcome",
  "ending.label": "What happened, in plain words",
};
const OPTION_FIELDS: Record<string, string> = {
  "": "",
  id: "the option id",
  say: "what the officer says",
  mi: "the MI code",
  feedback: "the feedback",
  effects: "what this option changes",
};
/** The forms' labels of a scenario's, a node's and an option's fields, for the publish page's differences too. */
export const FIELD_WORDS = { scenario: SCENARIO_FIELDS, node: NODE_FIELDS, option: OPTION_FIELDS };
// Fields chosen from a list in the forms: "not chosen" rather than "empty" when left out.
const CHOSEN = new Set(["module", "start", "talk", "mi", "outcome", "goto", "node", "kind"]);

/**
 * The field at a path in the forms' words, as the subject of a sentence ("Option 2 ('…'): the MI code");
 * without the scenario's data, options are named by their number alone.
 */
export function fieldWords(path: DataPath | undefined, data: unknown): string {
  if (!path?.length) return "The scenario";
  if (path[0] === "variables" && path.length > 1) return `The variable ${String(path[1])}`;
  if (path[0] !== "nodes" || path.length < 2)
    return SCENARIO_FIELDS[path.join(".")] ?? `The ${String(path.at(-1))} field`;
  const rest = path.slice(2);
  const branch = branchOf(path);
  if (rest.includes("goto")) {
    const owner = ownerAt(data, path);
    const last = rest.at(-1);
    const where = branch ? `branch ${branch} of where it leads` : "where it leads";
    return `${owner}: ${last === "if" ? `the condition of branch ${branch}` : where}`;
  }
  if (rest[0] === "choices" && typeof rest[1] === "number") {
    const field = rest.slice(2);
    if (field[0] === "effects" && field.length > 1) return `${optionAt(data, path)}: the change to ${String(field[1])}`;
    const words = OPTION_FIELDS[field.join(".")] ?? `the ${String(field.at(-1))} field`;
    return words ? `${optionAt(data, path)}: ${words}` : optionAt(data, path);
  }
  return NODE_FIELDS[rest.join(".")] ?? `The ${String(rest.at(-1))} field of this node`;
}

const FIX_IN_YAML = "Fix it in the YAML view.";

function schemaWords(d: Diagnostic, data: unknown): string {
  const path = d.path ?? [];
  const field = fieldWords(path, data);
  const last = String(path.at(-1) ?? "");
  const facts = d.facts ?? {};
  const suggestion = facts.suggestion ? ` (perhaps '${String(facts.suggestion)}')` : "";
  switch (facts.issue) {
    case "missing":
      return `${field} ${CHOSEN.has(last) ? "is not chosen" : "is empty"}.`;
    case "unknown-field":
      return `${fieldWords(path.slice(0, -1), data)} has a field the forms do not know ('${last}'${suggestion}). ${FIX_IN_YAML}`;
    case "wrong-type":
      return `${field} should be ${String(facts.expected)}. ${FIX_IN_YAML}`;
    case "not-allowed":
      return `${field} is '${text(valueAt(data, path))}', which is not one of the choices. Choose one from the list.`;
    case "bad-id":
      return `'${String(facts.value)}' cannot be an id: use lower-case letters, digits and single hyphens${suggestion}.`;
    case "bad-name":
      return `'${String(facts.value)}' cannot be a variable's name: use lower-case letters, digits and _, starting with a letter.`;
    case "too-few":
      return `${field} needs at least ${String(facts.limit)}.`;
    case "too-small":
      return `${field} must be at least ${String(facts.limit)}.`;
    case "too-big":
      return `${field} must be at most ${String(facts.limit)}.`;
    case "twice":
      return `The same field is written twice in the scenario's text. ${FIX_IN_YAML}`;
    default:
      return `${field} is not in a form Engage can read. ${FIX_IN_YAML}`;
  }
}

/** The MI code of the option at a path, in words ("Simple reflection"). */
function miLabel(data: unknown, optionPath: DataPath): string {
  const mi = valueAt(data, [...optionPath.slice(0, 4), "mi"]) as MiCode;
  return MI_CODE_INFO[mi]?.label ?? "an unknown code";
}

type Words = (d: Diagnostic, data: unknown) => string;

const target = (d: Diagnostic, data: unknown) => text(valueAt(data, d.path ?? []));

/** One plain sentence per code. A code missing here fails the type check and a unit test. */
export const PLAIN_WORDS: Record<DiagnosticCode, Words> = {
  "file-too-large": () => "The scenario is too long to save (over 256 KB). Split the conversation into two scenarios.",
  "yaml-syntax": (d) => `The scenario's text cannot be read at line ${d.line}. ${FIX_IN_YAML}`,
  "yaml-alias": () => `The scenario's text uses a YAML shortcut (& or *) that is not allowed. ${FIX_IN_YAML}`,
  "yaml-too-deep": () => `The scenario's text has brackets nested too deep. ${FIX_IN_YAML}`,
  "too-many-nodes": () => "The scenario has more than 500 nodes. Split it into shorter scenarios.",
  schema: schemaWords,
  "empty-text": (d, data) => `${fieldWords(d.path, data)} is empty.`,
  "duplicate-node": (d) => `There are two nodes with the id ${d.nodeId ?? ""}. Give one of them another id.`,
  "duplicate-choice": (d, data) =>
    `${optionAt(data, d.path ?? [])} has the same option id as ${optionAt(data, d.related?.[0] ?? [])}. Give each option its own id.`,
  "duplicate-choice-text": (d, data) =>
    `${optionAt(data, d.path ?? [])} says the same as ${optionAt(data, d.related?.[0] ?? [])}. Make each option different.`,
  "id-mismatch": (d, data) =>
    d.facts?.keep
      ? `The scenario id must stay ${String(d.facts.keep)}. To make a new scenario, create one instead.`
      : `The scenario id ${text(valueAt(data, ["id"]))} is not its file's name, ${String(d.facts?.file).replace(/\.ya?ml$/, "")}.`,
  "unknown-module": (d, data) =>
    `There is no module called ${text(valueAt(data, ["module"]))}. Choose a module from the list.`,
  "example-text": (d, data) =>
    d.nodeId === undefined
      ? `${fieldWords(d.path, data)} is the template's placeholder text: write it in your own words before publishing.`
      : `${fieldWords(d.path, data)} is still the example from the new-scenario wizard. Write your own before publishing: officers would read it as it is.`,
  "start-missing": (d, data) =>
    `The first node is ${target(d, data)}, but there is no node with that id. Choose the first node from the list.`,
  "goto-unknown-node": (d, data) => {
    const branch = branchOf(d.path ?? []);
    const owner = ownerAt(data, d.path ?? []);
    return `${owner}${branch && d.path?.at(-1) === "node" ? `, branch ${branch},` : ""} leads to ${target(d, data)}, a node that does not exist. Choose where it leads.`;
  },
  "unreachable-node": () =>
    "No way through the conversation reaches this node. Make an option lead here, or delete it.",
  "dead-end": () => "The conversation stops here. Choose what happens next: options, a written reply or an ending.",
  trap: () =>
    "From this node the conversation can never reach an ending: it would go round forever. Make an option lead on towards an ending.",
  "no-ending": () => "The scenario has no ending. Add a node where the conversation ends.",
  "ending-with-choices": (d) =>
    `This node ends the conversation but also has ${d.path?.at(-1) === "write" ? "a written reply" : "options"}. Choose one under 'What happens next?'.`,
  "choices-and-write": () => "This node has both options and a written reply. Choose one under 'What happens next?'.",
  "undeclared-variable": (d, data) => {
    const variable = String(d.facts?.variable ?? "");
    const who = d.path?.includes("effects")
      ? `${optionAt(data, d.path)} changes ${variable}`
      : `${fieldWords(d.path, data)} checks ${variable}`;
    return `${who}, which is not one of the scenario's variables. Add it on the scenario's details page, or choose another.`;
  },
  "bad-condition": (d, data) =>
    d.path?.at(-1) === "if"
      ? `${fieldWords(d.path, data)} is not understood: choose a variable, a comparison and a whole number.`
      : `${ownerAt(data, d.path ?? [])}: branch ${branchOf(d.path ?? [])} has no condition but is not the last, so the branches after it are never used.`,
  "goto-no-fallback": (d, data) =>
    `${ownerAt(data, d.path ?? [])}: the last branch has a condition, so nothing happens when none holds. Remove its condition ("Otherwise, it leads to").`,
  "no-mi-consistent-option": () =>
    "None of the options is MI-consistent (a reflection, an affirmation, an open question, seeking collaboration or emphasising autonomy).",
  "confront-path-to-engaged": (d, data) =>
    `${optionAt(data, d.path ?? [])} is ${miLabel(data, d.path ?? []).toLowerCase()}, yet the conversation can still end engaged after it.`,
  "too-many-choices": (d, data) => {
    const options = valueAt(data, d.path ?? []);
    return `This node has ${Array.isArray(options) ? options.length : "more than 5"} options: keep it to 5 or fewer (3 or 4 is best).`;
  },
  "choice-without-feedback": (d, data) =>
    `${optionAt(data, d.path ?? [])} has no feedback: practice mode shows officers nothing after choosing it.`,
  "branch-never-taken": (d, data) =>
    `${ownerAt(data, d.path ?? [])}: branch ${branchOf(d.path ?? [])} (to ${String(d.facts?.target)}) is never taken${d.facts?.unseen ? `, so node ${String(d.facts.target)} is never seen` : ""}.`,
  "shared-reply": (d, data) => {
    const moves = (d.related ?? []).map((p) => `${optionAt(data, p, true)}, ${miLabel(data, p).toLowerCase()}`);
    return `His line here answers very different kinds of option: ${moves.join("; ")}.`;
  },
  "duplicate-module": (d) => `There are two modules called ${String(d.facts?.module)}.`,
  "module-unknown-scenario": (d) =>
    `The module ${String(d.facts?.module)} lists a scenario that does not exist (${String(d.facts?.scenario)}).`,
  "scenario-not-in-module": (d) =>
    `The scenario ${String(d.facts?.scenario)} is in no module, so officers will never see it.`,
  "scenario-in-two-modules": (d) =>
    `The scenario ${String(d.facts?.scenario)} is in two modules (${String(d.facts?.first)} and ${String(d.facts?.module)}).`,
  "module-mismatch": (d) =>
    `The module ${String(d.facts?.module)} lists the scenario ${String(d.facts?.scenario)}, which says it is in ${String(d.facts?.claimed)}.`,
};

/** A finding in plain words, read against the scenario's data (parsed, valid or not). */
export function plainMessage(d: Diagnostic, data: unknown): string {
  const words = PLAIN_WORDS[d.code as DiagnosticCode] as Words | undefined;
  return words ? words(d, data) : d.message;
}

/** Findings for the studio's forms: the same findings, each with its message in plain words. */
export function inPlainWords(diagnostics: readonly Diagnostic[], data: unknown): Diagnostic[] {
  return diagnostics.map((d) => ({ ...d, message: plainMessage(d, data) }));
}
