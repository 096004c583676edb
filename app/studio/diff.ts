/**
 * What a publish changes, for the trainer to check first: scenario fields, nodes added, removed
 * and changed, and within a changed node which lines and choices differ, named and shown in the
 * forms' words. Compares parsed scenarios, so reformatting the YAML alone shows no change.
 */
import { MI_CODE_INFO, OUTCOME_INFO, TALK_TYPE_INFO } from "~/domain/mi-codes";
import type { Choice, DataPath, Goto, Scenario, ScenarioNode } from "~/domain/scenario";
import { conditionInWords } from "~/domain/scenario/conditions";
import { FIELD_WORDS, optionName } from "~/domain/scenario/plain-words";

export interface FieldChange {
  field: string;
  /** Where the field is in the scenario, so the draft's history can name it as the forms do. */
  path: DataPath;
  before: string;
  after: string;
}

export interface NodeChange {
  id: string;
  changes: FieldChange[];
  /** Options as trainers know them ("Option 4: 'You sound fed up…'"): matched by id, named by number and words. */
  choicesAdded: string[];
  choicesRemoved: string[];
  choicesChanged: { id: string; name: string; changes: FieldChange[] }[];
}

export interface ScenarioDiff {
  fields: FieldChange[];
  nodesAdded: string[];
  nodesRemoved: string[];
  nodesChanged: NodeChange[];
  /** True when nothing officers could notice differs. */
  same: boolean;
}

/** A value as the forms show it: codes by their names, where an option leads and what it changes in words. */
function inWords(field: string, value: unknown): string {
  if (value === undefined || value === "") return "(none)";
  if (field === "mi") return labelOf(MI_CODE_INFO, value);
  if (field === "talk") return labelOf(TALK_TYPE_INFO, value);
  if (field === "outcome") return labelOf(OUTCOME_INFO, value);
  if (field === "goto") return gotoInWords(value as Goto);
  if (field === "effects") return numbersInWords(value, (name, n) => `${name} ${n < 0 ? "−" : "+"}${Math.abs(n)}`);
  if (field === "variables") return numbersInWords(value, (name, n) => `${name} starts at ${n}`);
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A code by its name in the forms; one the checker would refuse is shown as written. */
function labelOf(info: Record<string, { label: string }>, value: unknown): string {
  return (typeof value === "string" && Object.hasOwn(info, value) ? info[value].label : null) ?? JSON.stringify(value);
}

function gotoInWords(goto: Goto): string {
  if (typeof goto === "string") return goto;
  return goto.map((e) => (e.if ? `if ${conditionInWords(e.if)}: ${e.node}` : `otherwise: ${e.node}`)).join("; ");
}

function numbersInWords(value: unknown, say: (name: string, n: number) => string): string {
  const entries = Object.entries(value as Record<string, number>);
  return entries.length ? entries.map(([name, n]) => say(name, n)).join(", ") : "(none)";
}

/** `labels`: each compared field and its label in the forms' words; `at`: where the compared object is. */
function compareFields<T extends object>(
  before: T | undefined,
  after: T | undefined,
  labels: Record<string, string>,
  at: DataPath,
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [f, label] of Object.entries(labels)) {
    const a = (before as Record<string, unknown> | undefined)?.[f];
    const b = (after as Record<string, unknown> | undefined)?.[f];
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push({ field: label, path: [...at, f], before: inWords(f, a), after: inWords(f, b) });
  }
  return out;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const CHOICE_FIELDS = Object.fromEntries(
  ["say", "mi", "feedback", "effects"].map((f) => [f, capitalised(FIELD_WORDS.option[f])]),
);
CHOICE_FIELDS.goto = "Where it leads";

function diffChoices(before: Choice[], after: Choice[], at: DataPath) {
  const oldById = new Map(before.map((c) => [c.id, c]));
  const newById = new Map(after.map((c) => [c.id, c]));
  const named = (choices: Choice[], keep: (c: Choice) => boolean) =>
    choices.flatMap((c, i) => (keep(c) ? [optionName(i, c.say)] : []));
  const choicesAdded = named(after, (c) => !oldById.has(c.id));
  const choicesRemoved = named(before, (c) => !newById.has(c.id));
  const choicesChanged = after
    .map((c, i) => ({
      id: c.id,
      name: optionName(i, c.say),
      changes: compareFields(oldById.get(c.id), c, CHOICE_FIELDS, [...at, i]),
    }))
    .filter((c) => oldById.has(c.id) && c.changes.length);
  return { choicesAdded, choicesRemoved, choicesChanged };
}

const pick = (words: Record<string, string>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, words[k]]));

function diffNode(id: string, before: ScenarioNode, after: ScenarioNode): NodeChange | null {
  const at = ["nodes", id];
  const changes = [
    ...compareFields(before, after, pick(FIELD_WORDS.node, ["prisoner", "talk"]), at),
    ...compareFields(
      before.write,
      after.write,
      {
        prompt: FIELD_WORDS.node["write.prompt"],
        feedback: FIELD_WORDS.node["write.feedback"],
        goto: "Where the written reply leads",
      },
      [...at, "write"],
    ),
    ...compareFields(
      before.ending,
      after.ending,
      { outcome: FIELD_WORDS.node["ending.outcome"], label: FIELD_WORDS.node["ending.label"] },
      [...at, "ending"],
    ),
  ];
  const choices = diffChoices(before.choices ?? [], after.choices ?? [], [...at, "choices"]);
  // The order of choices is shuffled for officers, so a reorder alone is not a change.
  const changed =
    changes.length || choices.choicesAdded.length || choices.choicesRemoved.length || choices.choicesChanged.length;
  return changed ? { id, changes, ...choices } : null;
}

/** `before` is null for a scenario never published: everything is new. */
export function diffScenarios(before: Scenario | null, after: Scenario): ScenarioDiff {
  const fields = compareFields(
    before ?? undefined,
    after,
    pick(FIELD_WORDS.scenario, ["title", "module", "summary", "start", "variables"]),
    [],
  );
  fields.push(
    ...compareFields(
      before?.persona,
      after.persona,
      {
        name: FIELD_WORDS.scenario["persona.name"],
        background: FIELD_WORDS.scenario["persona.background"],
      },
      ["persona"],
    ),
  );
  const oldNodes = before?.nodes ?? {};
  const nodesAdded = Object.keys(after.nodes).filter((id) => !Object.hasOwn(oldNodes, id));
  const nodesRemoved = Object.keys(oldNodes).filter((id) => !Object.hasOwn(after.nodes, id));
  const nodesChanged = Object.keys(after.nodes)
    .filter((id) => Object.hasOwn(oldNodes, id))
    .map((id) => diffNode(id, oldNodes[id], after.nodes[id]))
    .filter((n): n is NodeChange => n !== null);
  const same = !fields.length && !nodesAdded.length && !nodesRemoved.length && !nodesChanged.length;
  return { fields, nodesAdded, nodesRemoved, nodesChanged, same };
}
