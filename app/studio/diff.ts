/**
 * What a publish changes, for the trainer to check first: scenario fields, nodes added, removed
 * and changed, and within a changed node which lines and choices differ. Compares parsed
 * scenarios, so reformatting the YAML alone shows no change.
 */
import type { Choice, Scenario, ScenarioNode } from "~/domain/scenario";
import { optionName } from "~/domain/scenario/plain-words";

export interface FieldChange {
  field: string;
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

const show = (value: unknown): string =>
  value === undefined ? "(none)" : typeof value === "string" ? value : JSON.stringify(value);

function compareFields<T extends object>(
  before: T | undefined,
  after: T | undefined,
  fields: string[],
  prefix = "",
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    const a = (before as Record<string, unknown> | undefined)?.[f];
    const b = (after as Record<string, unknown> | undefined)?.[f];
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ field: prefix + f, before: show(a), after: show(b) });
  }
  return out;
}

const CHOICE_FIELDS = ["say", "mi", "feedback", "effects", "goto"];

function diffChoices(before: Choice[], after: Choice[]) {
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
      changes: compareFields(oldById.get(c.id), c, CHOICE_FIELDS),
    }))
    .filter((c) => oldById.has(c.id) && c.changes.length);
  return { choicesAdded, choicesRemoved, choicesChanged };
}

function diffNode(id: string, before: ScenarioNode, after: ScenarioNode): NodeChange | null {
  const changes = [
    ...compareFields(before, after, ["prisoner", "talk"]),
    ...compareFields(before.write, after.write, ["prompt", "feedback", "goto"], "write "),
    ...compareFields(before.ending, after.ending, ["outcome", "label"], "ending "),
  ];
  const choices = diffChoices(before.choices ?? [], after.choices ?? []);
  // The order of choices is shuffled for officers, so a reorder alone is not a change.
  const changed =
    changes.length || choices.choicesAdded.length || choices.choicesRemoved.length || choices.choicesChanged.length;
  return changed ? { id, changes, ...choices } : null;
}

/** `before` is null for a scenario never published: everything is new. */
export function diffScenarios(before: Scenario | null, after: Scenario): ScenarioDiff {
  const fields = compareFields(before ?? undefined, after, ["title", "module", "summary", "start", "variables"]);
  fields.push(...compareFields(before?.persona, after.persona, ["name", "background"], "persona "));
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
