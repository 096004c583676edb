/**
 * What each save of a draft did, for its history. A form's save keeps a short list of its edits
 * with its revision (which fields, options and nodes; never their text, which the revision holds),
 * read back here in the forms' words.
 */
import { gotoPath, type Edit } from "~/domain/scenario/editor/edits";
import type { Owner } from "~/domain/scenario/editor/form-model";
import { fieldWords } from "~/domain/scenario/plain-words";

// A form's save makes a handful of edits; a longer list is cut and says how many more there were.
const MAX_KEPT = 30;

/** An edit without its text: what the history needs to name it. */
type KeptEdit =
  | { kind: "field"; path: (string | number)[] }
  | { kind: "goto" | "goto-new-node" | "add-branch" | "delete-branch"; node: string; owner: Owner }
  | { kind: "add-node"; id?: string }
  | { kind: "duplicate-node" | "move-node" | "delete-node" | "set-node-kind" | "add-choice"; node: string }
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

/** How a form's save is kept with its revision: "form:" and its edits, without their text. */
export function formSaveHow(edits: readonly Edit[]): `form:${string}` {
  const list: KeptEdit[] = edits.slice(0, MAX_KEPT).map(kept);
  if (edits.length > MAX_KEPT) list.push({ kind: "more", count: edits.length - MAX_KEPT });
  return `form:${JSON.stringify(list)}`;
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
  if (!how.startsWith("form:")) return HOW[how] ?? how;
  const edits = readKept(how.slice(5));
  return edits.length ? `Saved in the forms. ${editsInWords(edits)}` : HOW.form;
}

function readKept(json: string): KeptEdit[] {
  try {
    const list: unknown = JSON.parse(json);
    // Written by formSaveHow alone; anything else reads as a save in the forms with no more said.
    return Array.isArray(list) && list.every((e: unknown) => typeof (e as { kind?: unknown } | null)?.kind === "string")
      ? (list as KeptEdit[])
      : [];
  } catch {
    return [];
  }
}

const lower = (words: string) => words.charAt(0).toLowerCase() + words.slice(1);
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
    parts.set(owner, [...new Set([...(parts.get(owner) ?? []), lower(field)])]);
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
        under(e.node, "An option added");
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
      owner ? `${lower(owner)} (${fields.join(", ")})` : fields.join("; "),
    );
    return `${node ? `Node ${node}` : "Details"}: ${words.join("; ")}`;
  });
  return [...groups, ...rest].map((words) => `${upper(words)}.`).join(" ");
}

const CHOICE_DONE = { "duplicate-choice": "copied", "move-choice": "moved", "delete-choice": "deleted" };
const NODE_DONE = { "duplicate-node": "copied", "move-node": "moved", "delete-node": "deleted" };
