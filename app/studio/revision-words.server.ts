/**
 * What each save of a draft did, for its history. A form's save keeps a short list of its edits
 * with its revision (which fields, options and nodes; never their text, which the revision holds),
 * read back here in the forms' words. A save as YAML keeps the same kind of list, found by comparing
 * the draft as it was with what was saved, so the history page never reads the YAML.
 */
import { lowerFirst } from "~/domain/words";
import { checkScenario, type Choice, type Goto, type Scenario, type ScenarioNode } from "~/domain/scenario";
import { gotoPath, type Edit } from "~/domain/scenario/editor/edits";
import type { Owner } from "~/domain/scenario/editor/form-model";
import { fieldWords } from "~/domain/scenario/plain-words";
import { diffScenarios } from "./diff";

// A form's save makes a handful of edits (a YAML save may make many); a longer list is cut and says how many more.
const MAX_KEPT = 30;

/** An edit without its text: what the history needs to name it. */
type KeptEdit =
  | { kind: "field"; path: (string | number)[] }
  | { kind: "goto" | "goto-new-node" | "add-branch" | "delete-branch"; node: string; owner: Owner }
  | { kind: "add-node"; id?: string }
  | { kind: "duplicate-node" | "move-node" | "delete-node" | "set-node-kind"; node: string }
  // A YAML save knows where the new option is; the form's "Add an option" does not say.
  | { kind: "add-choice"; node: string; index?: number }
  | { kind: "rename-node"; node: string; to: string }
  | { kind: "duplicate-choice" | "move-choice" | "delete-choice"; node: string; index: number }
  | { kind: "add-variable" | "delete-variable"; name: string }
  | { kind: "more"; count: number };

function kept(e: Edit): KeptEdit {
  switch (e.kind) {
    case "set-text":
    case "set-number":
      return { kind: "field", path: [...e.path] };
    case "set-goto":
      return { kind: "goto", node: e.node, owner: e.owner };
    case "goto-new-node":
    case "add-branch":
    case "delete-branch":
      return { kind: e.kind, node: e.node, owner: e.owner };
    case "add-node":
      return { kind: "add-node", ...(e.newNode?.id ? { id: e.newNode.id } : {}) };
    case "rename-node":
      return { kind: "rename-node", node: e.node, to: e.to };
    case "duplicate-choice":
    case "move-choice":
    case "delete-choice":
      return { kind: e.kind, node: e.node, index: e.index };
    case "add-variable":
    case "delete-variable":
      return { kind: e.kind, name: e.name };
    default:
      return { kind: e.kind, node: e.node };
  }
}

const cut = (list: KeptEdit[]): KeptEdit[] =>
  list.length > MAX_KEPT ? [...list.slice(0, MAX_KEPT), { kind: "more", count: list.length - MAX_KEPT }] : list;

/** How a form's save is kept with its revision: "form:" and its edits, without their text. */
export function formSaveHow(edits: readonly Edit[]): `form:${string}` {
  return `form:${JSON.stringify(cut(edits.map(kept)))}`;
}

/**
 * How a save as YAML is kept with its revision: "yaml:" and what it changed from the draft as it was (`before`),
 * as the forms' edits would name it. "yaml" alone when either text is not a scenario the forms can read.
 */
export function yamlSaveHow(before: string | null, after: string): "yaml" | `yaml:${string}` {
  const was = before === null ? null : checkScenario(before).scenario;
  const now = checkScenario(after).scenario;
  return was && now ? `yaml:${JSON.stringify(cut(changesBetween(was, now)))}` : "yaml";
}

/** The publish page's comparison, plus what it leaves out on purpose and the forms show: renames, order, his voice. */
function changesBetween(was: Scenario, now: Scenario): KeptEdit[] {
  const renamed = renamesBetween(was, now);
  const before = withNewIds(was, renamed);
  const diff = diffScenarios(before, now);
  const fields: KeptEdit[] = diff.fields.flatMap((c) =>
    c.path[0] === "variables" ? variableEdits(before.variables ?? {}, now.variables ?? {}) : [field(c.path)],
  );
  // How he talks is for writers only, so the publish page leaves it out.
  if (before.persona.voice !== now.persona.voice) fields.push(field(["persona", "voice"]));
  const changed = new Map(diff.nodesChanged.map((n) => [n.id, n]));
  const nodes = Object.keys(now.nodes)
    .filter((id) => Object.hasOwn(before.nodes, id))
    .flatMap((id): KeptEdit[] => {
      const n = changed.get(id);
      return [
        ...(n?.changes.map((c) => field(c.path)) ?? []),
        ...choiceEdits(id, before.nodes[id].choices ?? [], now.nodes[id].choices ?? []),
        ...(n?.choicesChanged.flatMap((c) => c.changes.map((f) => field(f.path))) ?? []),
      ];
    });
  return [
    ...fields,
    ...nodes,
    ...[...renamed].map(([node, to]): KeptEdit => ({ kind: "rename-node", node, to })),
    ...diff.nodesAdded.map((id): KeptEdit => ({ kind: "add-node", id })),
    ...diff.nodesRemoved.map((node): KeptEdit => ({ kind: "delete-node", node })),
    ...movedIn(Object.keys(before.nodes), Object.keys(now.nodes)).map((i): KeptEdit => ({
      kind: "move-node",
      node: Object.keys(before.nodes)[i],
    })),
  ];
}

const field = (path: (string | number)[]): KeptEdit => ({ kind: "field", path });

function variableEdits(was: Record<string, number>, now: Record<string, number>): KeptEdit[] {
  return [
    ...Object.keys(now)
      .filter((name) => Object.hasOwn(was, name) && was[name] !== now[name])
      .map((name) => field(["variables", name])),
    ...Object.keys(now)
      .filter((name) => !Object.hasOwn(was, name))
      .map((name): KeptEdit => ({ kind: "add-variable", name })),
    ...Object.keys(was)
      .filter((name) => !Object.hasOwn(now, name))
      .map((name): KeptEdit => ({ kind: "delete-variable", name })),
  ];
}

/** Options matched by id: added (where they are now), deleted and moved (where they were), as the forms number them. */
function choiceEdits(node: string, was: Choice[], now: Choice[]): KeptEdit[] {
  const wasIds = was.map((c) => c.id);
  const nowIds = now.map((c) => c.id);
  return [
    ...nowIds.flatMap((id, index): KeptEdit[] => (wasIds.includes(id) ? [] : [{ kind: "add-choice", node, index }])),
    ...wasIds.flatMap((id, index): KeptEdit[] => (nowIds.includes(id) ? [] : [{ kind: "delete-choice", node, index }])),
    ...movedIn(wasIds, nowIds).map((index): KeptEdit => ({ kind: "move-choice", node, index })),
  ];
}

/**
 * Where in `was` the ids that moved are: those kept by both but outside the longest run kept in the same order
 * (one node moved up reads as that node moved, not as the ones it passed).
 */
function movedIn(was: string[], now: string[]): number[] {
  const a = was.filter((id) => now.includes(id));
  const b = now.filter((id) => was.includes(id));
  if (sameJson(a, b)) return [];
  // longest[i][j]: the longest common run of a from i and b from j.
  const longest = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      longest[i][j] = a[i] === b[j] ? longest[i + 1][j + 1] + 1 : Math.max(longest[i + 1][j], longest[i][j + 1]);
  const moved = new Set<string>();
  for (let i = 0, j = 0; i < a.length;) {
    if (j < b.length && a[i] === b[j]) [i, j] = [i + 1, j + 1];
    else if (j >= b.length || longest[i + 1][j] >= longest[i][j + 1]) moved.add(a[i++]);
    else j++;
  }
  return was.flatMap((id, i) => (moved.has(id) ? [i] : []));
}

/** Nodes the save gave a new id and nothing else: old id → new id. */
function renamesBetween(was: Scenario, now: Scenario): Map<string, string> {
  const added = Object.keys(now.nodes).filter((id) => !Object.hasOwn(was.nodes, id));
  const renamed = new Map<string, string>();
  for (const [id, node] of Object.entries(was.nodes)) {
    if (Object.hasOwn(now.nodes, id)) continue;
    const to = added.find((a) => ![...renamed.values()].includes(a) && sameJson(now.nodes[a], node));
    if (to) renamed.set(id, to);
  }
  return renamed;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The scenario with nodes renamed and every way to them too, as the forms' rename does. */
function withNewIds(s: Scenario, ids: Map<string, string>): Scenario {
  if (!ids.size) return s;
  const to = (id: string) => ids.get(id) ?? id;
  const goto = (g: Goto): Goto => (typeof g === "string" ? to(g) : g.map((e) => ({ ...e, node: to(e.node) })));
  const nodes = Object.entries(s.nodes).map(([id, n]): [string, ScenarioNode] => [
    to(id),
    {
      ...n,
      ...(n.choices && { choices: n.choices.map((c) => ({ ...c, goto: goto(c.goto) })) }),
      ...(n.write && { write: { ...n.write, goto: goto(n.write.goto) } }),
    },
  ]);
  return { ...s, start: to(s.start), nodes: Object.fromEntries(nodes) };
}

const HOW: Record<string, string> = {
  form: "Saved in the forms",
  yaml: "Saved as YAML",
  wizard: "Created with the wizard",
  import: "Imported from a file",
};

/** A revision's `how` in words: "Saved in the forms. Node opening: the prisoner's line; option 2: the feedback." */
export function howInWords(how: string): string {
  if (how.startsWith("restore:")) return `Revision ${how.slice(8)} restored`;
  const [, way, json] = /^(form|yaml):(.*)$/s.exec(how) ?? [];
  if (!way) return HOW[how] ?? how;
  const edits = readKept(json);
  if (edits?.length) return `${HOW[way]}. ${editsInWords(edits)}`;
  // A YAML save that changed nothing the forms show; a form's save always changed something.
  return edits && way === "yaml" ? `${HOW.yaml}: only layout or comments changed` : HOW[way];
}

/** Null when unreadable: anything not written by formSaveHow or yamlSaveHow reads as the save with no more said. */
function readKept(json: string): KeptEdit[] | null {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) && list.every((e: unknown) => typeof (e as { kind?: unknown } | null)?.kind === "string")
      ? (list as KeptEdit[])
      : null;
  } catch {
    return null;
  }
}

const upper = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
const ownerWords = (node: string, owner: Owner) => fieldWords(gotoPath(node, owner), null).replace(/: .*$/, "");

/**
 * Each edit in words, under the node it changed and the option or written reply in it (in the order
 * first changed), then the rest: "Node opening: the prisoner's line; option 2 (the MI code, the feedback)."
 */
function editsInWords(edits: KeptEdit[]): string {
  const byNode = new Map<string, Map<string, string[]>>();
  const rest: string[] = [];
  const under = (node: string, words: string) => {
    // "Option 2: the MI code" is the option's; "The prisoner's line" the node's own.
    const [, owner = "", field = words] = /^((?:Option \d+|The written reply)): (.*)$/.exec(words) ?? [];
    const parts = byNode.get(node) ?? new Map<string, string[]>();
    parts.set(owner, [...new Set([...(parts.get(owner) ?? []), lowerFirst(field)])]);
    byNode.set(node, parts);
  };
  for (const e of edits) {
    switch (e.kind) {
      case "field": {
        const [first, node] = e.path;
        under(first === "nodes" && typeof node === "string" ? node : "", fieldWords(e.path, null));
        break;
      }
      case "goto":
        under(e.node, fieldWords(gotoPath(e.node, e.owner), null));
        break;
      case "goto-new-node":
        under(e.node, `${ownerWords(e.node, e.owner)}: where it leads, to a new node`);
        break;
      case "add-branch":
      case "delete-branch":
        under(e.node, `${ownerWords(e.node, e.owner)}: a condition ${e.kind === "add-branch" ? "added" : "removed"}`);
        break;
      case "set-node-kind":
        under(e.node, "What happens next");
        break;
      case "add-choice":
        under(e.node, e.index === undefined ? "An option added" : `Option ${e.index + 1} added`);
        break;
      case "duplicate-choice":
      case "move-choice":
      case "delete-choice":
        under(e.node, `Option ${e.index + 1} ${CHOICE_DONE[e.kind]}`);
        break;
      case "add-node":
        rest.push(e.id ? `Node ${e.id} added` : "A node added");
        break;
      case "duplicate-node":
      case "move-node":
      case "delete-node":
        rest.push(`Node ${e.node} ${NODE_DONE[e.kind]}`);
        break;
      case "rename-node":
        rest.push(`Node ${e.node} renamed ${e.to}`);
        break;
      case "add-variable":
      case "delete-variable":
        rest.push(`Variable ${e.name} ${e.kind === "add-variable" ? "added" : "deleted"}`);
        break;
      case "more":
        rest.push(`${e.count} more changes`);
        break;
    }
  }
  const groups = [...byNode].map(([node, parts]) => {
    const words = [...parts].map(([owner, fields]) =>
      owner ? `${lowerFirst(owner)} (${fields.join(", ")})` : fields.join("; "),
    );
    return `${node ? `Node ${node}` : "Details"}: ${words.join("; ")}`;
  });
  return [...groups, ...rest].map((words) => `${upper(words)}.`).join(" ");
}

const CHOICE_DONE = { "duplicate-choice": "copied", "move-choice": "moved", "delete-choice": "deleted" };
const NODE_DONE = { "duplicate-node": "copied", "move-node": "moved", "delete-node": "deleted" };
