/**
 * Form edits applied to the scenario's YAML document. Each edit changes only what it names, so
 * comments stay where their node still exists, fields keep their order, and a save that changes
 * nothing returns the text byte for byte. Refusals are results (which field, what to do), never
 * exceptions: the page shows them beside the field and nothing is saved.
 */
import { isMap, isScalar, isSeq, Pair, type Document, type YAMLMap, type YAMLSeq } from "yaml";
import type { DataPath } from "../diagnostics";
import { MAX_NODES } from "../parse";
import { SLUG_PATTERN, VARIABLE_PATTERN } from "../schema";
import { carryComments, leadingCommentToFirstItem, moveItem, ScenarioDocument } from "./document";
import { freeId, idFromWords, type NodeKind, type Owner, type Part } from "./form-model";
import { parseForEditing } from "./read-form";
import { blocksOf, serializeEdited } from "./serialize";
import { keyText, pairOf, textOf } from "./yaml-nodes";

export interface Branch {
  if: string | null;
  node: string;
}

/** What a new node or option starts with (all optional: missing fields show as errors at the field). */
export interface NewNode {
  id?: string;
  /** The id was made up by the editor (so a free variant of it will do). */
  madeUp?: boolean;
  prisoner?: string;
  talk?: string;
}
export interface NewChoice {
  id?: string;
  say?: string;
  mi?: string;
  feedback?: string;
  /** A node id, or absent to leave the goto for the trainer to choose. */
  goto?: string;
}

export type Edit =
  /** A text field; null removes an optional field (feedback). Paths name the field: ["nodes", "opening", "prisoner"]. */
  | { kind: "set-text"; path: DataPath; value: string | null }
  /** A variable's starting value or a choice's effect; null removes it. */
  | { kind: "set-number"; path: DataPath; value: number | null }
  | { kind: "set-goto"; node: string; owner: Owner; branches: Branch[] }
  /** Makes a node and points branch `branch` (default 0) of the goto at it. */
  | { kind: "goto-new-node"; node: string; owner: Owner; branch?: number; newNode?: NewNode }
  | { kind: "add-node"; newNode?: NewNode; after?: string }
  | { kind: "duplicate-node"; node: string }
  | { kind: "move-node"; node: string; to: number }
  | { kind: "delete-node"; node: string }
  | { kind: "rename-node"; node: string; to: string }
  | { kind: "set-node-kind"; node: string; to: NodeKind }
  | { kind: "add-choice"; node: string; choice?: NewChoice }
  | { kind: "duplicate-choice"; node: string; index: number }
  | { kind: "move-choice"; node: string; index: number; to: number }
  | { kind: "delete-choice"; node: string; index: number }
  /** Adds a condition branch before the last (fallback) branch of a goto. */
  | { kind: "add-branch"; node: string; owner: Owner }
  | { kind: "delete-branch"; node: string; owner: Owner; index: number }
  | { kind: "add-variable"; name: string; value: number }
  | { kind: "delete-variable"; name: string };

export interface Refusal {
  /** The field the message belongs beside ([] for the scenario as a whole). */
  path: DataPath;
  message: string;
}

export type EditResult =
  | {
      ok: true;
      yaml: string;
      changed: boolean;
      /** The node a new, duplicated or renamed node now has: the page to open next. */
      nodeId?: string;
      /** The new id of a renamed node: where the page stays when a button worked on that node. */
      renamed?: string;
    }
  | ({ ok: false } & Refusal);

export interface ApplyOptions {
  /** Write the whole file out in its layout instead of only the changed blocks (the reference the block rewrite must match). */
  rewriteWhole?: boolean;
}

export function applyEdits(text: string, edits: readonly Edit[], options: ApplyOptions = {}): EditResult {
  const parsed = parseForEditing(text);
  if (!parsed.ok) {
    const first = parsed.diagnostics[0];
    return {
      ok: false,
      path: [],
      message: `The YAML has to be fixed before the forms can change it${first ? `: line ${first.line}, ${first.message}` : "."}`,
    };
  }
  return applyEditsToDocument(parsed.doc, text, edits, options);
}

/** The same, on the document already parsed from `text` (which it changes): one parse per save. */
export function applyEditsToDocument(
  doc: Document.Parsed,
  text: string,
  edits: readonly Edit[],
  options: ApplyOptions = {},
): EditResult {
  // Where each entry's lines are, taken before any edit moves or removes one.
  const layout = options.rewriteWhole ? null : blocksOf(doc, text);
  const session = new EditSession(new ScenarioDocument(doc));
  for (const edit of edits) {
    const refused = session.apply(edit);
    if (refused) return { ok: false, ...refused };
  }
  if (!session.changed)
    return { ok: true, yaml: text, changed: false, nodeId: session.nodeId, renamed: session.renamed };
  const serialized = serializeEdited(doc, text, session.dirty, layout);
  if (!serialized.ok) return { ok: false, path: [], message: serialized.message };
  return { ok: true, yaml: serialized.text, changed: true, nodeId: session.nodeId, renamed: session.renamed };
}

const TEXT_FIELDS: Record<string, readonly string[]> = {
  scenario: ["id", "title", "module", "summary", "start"],
  persona: ["name", "background", "voice"],
  node: ["prisoner", "talk"],
  choice: ["id", "say", "mi", "feedback"],
  write: ["prompt", "feedback"],
  ending: ["outcome", "label"],
};

class EditSession {
  changed = false;
  nodeId: string | undefined;
  renamed: string | undefined;
  /** The entries (top-level fields and nodes) whose content changed; new entries need no mark. */
  readonly dirty = new Set<Pair>();

  constructor(private readonly d: ScenarioDocument) {}

  apply(edit: Edit): Refusal | null {
    switch (edit.kind) {
      case "set-text":
        return this.setText(edit.path, edit.value);
      case "set-number":
        return this.setNumber(edit.path, edit.value);
      case "set-goto":
        return this.setGoto(edit.node, edit.owner, edit.branches);
      case "goto-new-node":
        return this.gotoNewNode(edit.node, edit.owner, edit.branch ?? 0, edit.newNode);
      case "add-node":
        return this.addNode(edit.newNode ?? {}, edit.after);
      case "duplicate-node":
        return this.duplicateNode(edit.node);
      case "move-node":
        return this.withNodes((nodes) => {
          const from = nodes.items.findIndex((p) => keyText(p) === edit.node);
          if (from < 0) return missingNode(edit.node);
          if (moveItem(nodes, from, edit.to)) this.changed = true;
          return null;
        });
      case "delete-node":
        return this.withNodes((nodes) => {
          const index = nodes.items.findIndex((p) => keyText(p) === edit.node);
          if (index < 0) return missingNode(edit.node);
          if (index === 0) leadingCommentToFirstItem(nodes);
          nodes.items.splice(index, 1);
          this.changed = true;
          return null;
        });
      case "rename-node":
        return this.renameNode(edit.node, edit.to);
      case "set-node-kind":
        return this.setNodeKind(edit.node, edit.to);
      case "add-choice":
        return this.addChoice(edit.node, edit.choice ?? {});
      case "duplicate-choice":
        return this.withChoices(edit.node, edit.index, (choices, map) => {
          const copy = map.clone() as YAMLMap;
          copy.commentBefore = undefined;
          copy.spaceBefore = undefined;
          const ids = choices.items.map((c) => textOf(pairOf(c as YAMLMap, "id")?.value) ?? "");
          this.d.setValue(copy, "choice", "id", freeId(`${textOf(pairOf(map, "id")?.value) || "option"}-copy`, ids));
          choices.items.splice(edit.index + 1, 0, copy);
          this.touch(edit.node);
          return null;
        });
      case "move-choice":
        return this.withChoices(edit.node, edit.index, (choices) => {
          if (moveItem(choices, edit.index, edit.to)) this.touch(edit.node);
          return null;
        });
      case "delete-choice":
        return this.withChoices(edit.node, edit.index, (choices) => {
          if (edit.index === 0) leadingCommentToFirstItem(choices);
          choices.items.splice(edit.index, 1);
          this.touch(edit.node);
          return null;
        });
      case "add-branch":
        return this.addBranch(edit.node, edit.owner);
      case "delete-branch":
        return this.deleteBranch(edit.node, edit.owner, edit.index);
      case "add-variable":
        return this.addVariable(edit.name, edit.value);
      case "delete-variable": {
        const variables = pairOf(this.d.top, "variables")?.value;
        if (!isMap(variables) || !pairOf(variables, edit.name))
          return { path: ["variables"], message: `There is no variable called '${edit.name}'.` };
        this.d.removeField(variables, edit.name);
        if (variables.items.length === 0) this.d.removeField(this.d.top, "variables");
        this.touchTop("variables");
        return null;
      }
    }
  }

  /** Marks a node as changed (its lines are written anew; every other node's stay as they were). */
  private touch(nodeId: string) {
    this.changed = true;
    const pair = this.d.nodePair(nodeId);
    if (pair) this.dirty.add(pair);
  }

  private touchTop(key: string) {
    this.changed = true;
    const pair = pairOf(this.d.top, key);
    if (pair) this.dirty.add(pair);
  }

  /** The map a field path ends in, created when it is a write or ending the node does not have yet. */
  private container(path: DataPath): { map: YAMLMap; part: Part; node?: string } | Refusal {
    const [first, id, second, index] = path;
    if (path.length === 0) return { map: this.d.top, part: "scenario" };
    if (first === "persona" && path.length === 1) {
      let persona = pairOf(this.d.top, "persona")?.value;
      if (!isMap(persona)) {
        persona = this.d.map();
        this.d.addField(this.d.top, "scenario", "persona", persona);
      }
      return { map: persona as YAMLMap, part: "persona" };
    }
    if (first !== "nodes" || typeof id !== "string")
      return { path, message: "The form named a field that is not part of a scenario." };
    const node = this.d.nodePair(id)?.value;
    if (!isMap(node)) return missingNode(id);
    if (path.length === 2) return { map: node, part: "node", node: id };
    if (second === "choices" && typeof index === "number" && path.length === 4) {
      const choices = pairOf(node, "choices")?.value;
      const choice = isSeq(choices) ? choices.items[index] : undefined;
      return isMap(choice) ? { map: choice, part: "choice", node: id } : missingChoice(id, index);
    }
    if ((second === "write" || second === "ending") && path.length === 3) {
      let map = pairOf(node, second)?.value;
      if (!isMap(map)) {
        map = this.d.map();
        this.d.addField(node, "node", second, map);
      }
      return { map: map as YAMLMap, part: second, node: id };
    }
    return { path, message: "The form named a field that is not part of a scenario." };
  }

  private setText(path: DataPath, value: string | null): Refusal | null {
    const key = path[path.length - 1];
    const at = this.container(path.slice(0, -1));
    if ("message" in at) return at;
    if (typeof key !== "string" || !TEXT_FIELDS[at.part]?.includes(key))
      return { path, message: "The form named a field that is not part of a scenario." };
    const changed = value === null ? this.d.removeField(at.map, key) : this.d.setValue(at.map, at.part, key, value);
    if (changed && at.part === "scenario") this.touchTop(key);
    else if (changed && at.part === "persona") this.touchTop("persona");
    else if (changed) this.touch(at.node!);
    return null;
  }

  private setNumber(path: DataPath, value: number | null): Refusal | null {
    const name = String(path[path.length - 1]);
    if (!VARIABLE_PATTERN.test(name))
      return { path, message: `'${name}' is not a variable name: use lower-case letters, digits and _.` };
    let map: YAMLMap;
    let part: "variables" | "effects";
    let owner: YAMLMap;
    let touch: () => void;
    if (path.length === 2 && path[0] === "variables") {
      owner = this.d.top;
      part = "variables";
      touch = () => this.touchTop("variables");
    } else if (path.length === 6 && path[4] === "effects") {
      const at = this.container(path.slice(0, 4));
      if ("message" in at) return at;
      owner = at.map;
      part = "effects";
      touch = () => this.touch(at.node!);
    } else return { path, message: "The form named a field that is not part of a scenario." };
    const existing = pairOf(owner, part)?.value;
    if (value === null) {
      if (!isMap(existing) || !this.d.removeField(existing, name)) return null;
      if (existing.items.length === 0) this.d.removeField(owner, part);
      touch();
      return null;
    }
    if (isMap(existing)) map = existing;
    else {
      map = this.d.map();
      if (existing !== undefined) this.d.removeField(owner, part);
      this.d.addField(owner, part === "variables" ? "scenario" : "choice", part, map);
    }
    if (this.d.setValue(map, part, name, value)) touch();
    return null;
  }

  /** The option or write a goto belongs to; never made here (a forged button must not add a write to a node). */
  private gotoOwner(nodeId: string, owner: Owner): { map: YAMLMap; part: Part } | Refusal {
    if (owner === "write") {
      const node = this.d.nodePair(nodeId)?.value;
      if (!isMap(node)) return missingNode(nodeId);
      const write = pairOf(node, "write")?.value;
      if (!isMap(write))
        return { path: ["nodes", nodeId], message: `Node '${nodeId}' has no written reply any more. Reload the page.` };
    }
    return this.container(owner === "write" ? ["nodes", nodeId, "write"] : ["nodes", nodeId, "choices", owner]);
  }

  private setGoto(nodeId: string, owner: Owner, branches: Branch[]): Refusal | null {
    const at = this.gotoOwner(nodeId, owner);
    if ("message" in at) return at;
    const { map, part } = at;
    if (branches.length === 0)
      return { path: gotoPath(nodeId, owner), message: "Choose where the conversation goes next." };
    const current = pairOf(map, "goto")?.value;
    const currentBranches = readBranches(current);
    if (currentBranches && sameBranches(currentBranches, branches)) return null;
    const plain = branches.length === 1 && branches[0]!.if === null;
    if (plain && isScalar(current)) {
      this.d.setValue(map, part, "goto", branches[0]!.node);
    } else if (isSeq(current) && (!plain || current.items.length === 1)) {
      branches.forEach((b, j) => {
        let entry = current.items[j];
        if (!isMap(entry)) {
          entry = this.d.map();
          if (j < current.items.length) current.items[j] = entry;
          else current.items.push(entry);
        }
        this.setBranch(entry as YAMLMap, b);
      });
      current.items.splice(branches.length);
    } else if (plain) {
      const node = this.d.scalar("goto", branches[0]!.node);
      carryComments(current, node);
      if (current === undefined) this.d.addField(map, part, "goto", node);
      else pairOf(map, "goto")!.value = node;
    } else {
      const seq = this.d.seq();
      seq.flow = false;
      for (const b of branches) {
        const entry = this.d.map();
        this.setBranch(entry, b);
        seq.items.push(entry);
      }
      carryComments(current, seq);
      if (current === undefined) this.d.addField(map, part, "goto", seq);
      else pairOf(map, "goto")!.value = seq;
    }
    this.touch(nodeId);
    return null;
  }

  private setBranch(entry: YAMLMap, branch: Branch) {
    if (branch.if === null) this.d.removeField(entry, "if");
    else this.d.setValue(entry, "branch", "if", branch.if);
    this.d.setValue(entry, "branch", "node", branch.node);
  }

  private gotoNewNode(nodeId: string, owner: Owner, branch: number, fields: NewNode = {}): Refusal | null {
    const at = this.gotoOwner(nodeId, owner);
    if ("message" in at) return at;
    const { map } = at;
    const branches = readBranches(pairOf(map, "goto")?.value) ?? [];
    if (branch > branches.length) return { path: gotoPath(nodeId, owner), message: "That branch no longer exists." };
    // Named after what leads there: the option's first words where its id is only a number ("option-2").
    const optionId = owner === "write" ? "reply" : textOf(pairOf(map, "id")?.value) || `option-${owner + 1}`;
    const words = idFromWords(textOf(pairOf(map, "say")?.value) ?? "");
    const ownerId = /^option-\d+$/.test(optionId) && words ? words : optionId;
    const created = this.createNode({ id: `after-${ownerId}`, madeUp: true, ...fields });
    if ("message" in created) return created;
    const next = branches.length ? branches.map((b) => ({ if: b.if, node: b.node ?? "" })) : [{ if: null, node: "" }];
    next[Math.min(branch, next.length - 1)] = { ...next[Math.min(branch, next.length - 1)]!, node: created.id };
    if (branch === next.length) next.push({ if: null, node: created.id });
    return this.setGoto(nodeId, owner, next);
  }

  private withNodes(f: (nodes: YAMLMap) => Refusal | null): Refusal | null {
    const nodes = this.d.nodes;
    return nodes ? f(nodes) : { path: ["nodes"], message: "The scenario has no nodes yet." };
  }

  /** Inserts a node after `after` (or before the endings that close the file) and returns its id. */
  private createNode(fields: NewNode, after?: string): { id: string } | Refusal {
    let nodes = this.d.nodes;
    if (!nodes) {
      nodes = this.d.map();
      nodes.flow = false;
      this.d.addField(this.d.top, "scenario", "nodes", nodes);
    }
    if (nodes.items.length >= MAX_NODES)
      return {
        path: ["nodes"],
        message: `The scenario already has ${nodes.items.length} nodes, the most it can have. Split it into two scenarios.`,
      };
    const ids = this.d.nodeIds();
    const wanted = fields.id ?? "new-node";
    if (fields.id !== undefined && !SLUG_PATTERN.test(fields.id)) return badNodeId(["nodes"], fields.id);
    // An id the trainer chose is theirs or nothing; a made-up one steps aside ("after-warn-2").
    if (fields.id !== undefined && ids.includes(fields.id) && !fields.madeUp)
      return { path: ["nodes"], message: `There is already a node called '${fields.id}'. Choose another id.` };
    const id = freeId(wanted, ids);
    const node = this.d.map();
    if (fields.prisoner !== undefined) this.d.setValue(node, "node", "prisoner", fields.prisoner);
    if (fields.talk !== undefined) this.d.setValue(node, "node", "talk", fields.talk);
    // After the node named, else before the endings that close the file (where the format's examples keep them).
    let at = after === undefined ? -1 : ids.indexOf(after) + 1;
    if (at <= 0) {
      at = nodes.items.length;
      while (at > 0 && isEnding(nodes.items[at - 1]!.value)) at--;
    }
    if (at === 0) leadingCommentToFirstItem(nodes);
    const key = this.d.scalar("node-id", id);
    // In a file with a blank line between nodes, the new one gets one too.
    if (at > 0 && nodes.items.some((p) => isScalar(p.key) && p.key.spaceBefore)) key.spaceBefore = true;
    nodes.items.splice(at, 0, new Pair(key, node));
    this.changed = true;
    this.nodeId = id;
    return { id };
  }

  private addNode(fields: NewNode, after?: string): Refusal | null {
    if (after !== undefined && !this.d.nodePair(after)) return missingNode(after);
    const created = this.createNode(fields, after);
    return "message" in created ? created : null;
  }

  private duplicateNode(nodeId: string): Refusal | null {
    return this.withNodes((nodes) => {
      const index = nodes.items.findIndex((p) => keyText(p) === nodeId);
      if (index < 0) return missingNode(nodeId);
      if (nodes.items.length >= MAX_NODES)
        return {
          path: ["nodes", nodeId],
          message: `The scenario already has ${nodes.items.length} nodes, the most it can have. Split it into two scenarios.`,
        };
      const original = nodes.items[index]!;
      const id = freeId(`${nodeId}-copy`, this.d.nodeIds());
      const key = this.d.scalar("node-id", id);
      if (isScalar(original.key)) key.type = original.key.type;
      // The comment above the original's id is about the original, so the copy starts without it.
      nodes.items.splice(index + 1, 0, new Pair(key, isMap(original.value) ? original.value.clone() : original.value));
      this.nodeId = id;
      this.changed = true;
      return null;
    });
  }

  private renameNode(nodeId: string, to: string): Refusal | null {
    const pair = this.d.nodePair(nodeId);
    if (!pair) return missingNode(nodeId);
    if (to === nodeId) return null;
    if (!SLUG_PATTERN.test(to)) return badNodeId(["nodes", nodeId, "id"], to);
    if (this.d.nodePair(to))
      return { path: ["nodes", nodeId, "id"], message: `There is already a node called '${to}'. Choose another id.` };
    if (isScalar(pair.key)) pair.key.value = to;
    else pair.key = this.d.scalar("node-id", to);
    this.touch(to);
    this.nodeId = to;
    this.renamed = to;
    // Every goto that named the old id follows, and so does the start.
    const start = pairOf(this.d.top, "start");
    if (start && textOf(start.value) === nodeId) {
      this.d.setValue(this.d.top, "scenario", "start", to);
      this.touchTop("start");
    }
    for (const node of this.d.nodes?.items ?? []) {
      if (!isMap(node.value)) continue;
      const choices = pairOf(node.value, "choices")?.value;
      const owners = [
        ...(isSeq(choices) ? choices.items.filter(isMap) : []),
        ...[pairOf(node.value, "write")?.value].filter(isMap),
      ];
      for (const owner of owners) {
        const goto = pairOf(owner, "goto")?.value;
        const targets = isSeq(goto) ? goto.items.filter(isMap).map((e) => pairOf(e, "node")?.value) : [goto];
        for (const target of targets)
          if (isScalar(target) && textOf(target) === nodeId) {
            target.value = to;
            this.dirty.add(node);
          }
      }
    }
    return null;
  }

  private setNodeKind(nodeId: string, to: NodeKind): Refusal | null {
    const at = this.container(["nodes", nodeId]);
    if ("message" in at) return at;
    const kinds: NodeKind[] = ["choices", "write", "ending"];
    if (pairOf(at.map, to) && kinds.every((k) => k === to || !pairOf(at.map, k))) return null;
    for (const k of kinds) if (k !== to) this.d.removeField(at.map, k);
    if (!pairOf(at.map, to)) {
      this.d.addField(at.map, "node", to, to === "choices" ? this.d.seq() : this.d.map());
    }
    this.touch(nodeId);
    return null;
  }

  private addChoice(nodeId: string, fields: NewChoice): Refusal | null {
    const at = this.container(["nodes", nodeId]);
    if ("message" in at) return at;
    let choices = pairOf(at.map, "choices")?.value;
    if (!isSeq(choices)) {
      if (pairOf(at.map, "write") || pairOf(at.map, "ending"))
        return { path: ["nodes", nodeId], message: `Node '${nodeId}' is not a node with options.` };
      choices = this.d.seq();
      this.d.addField(at.map, "node", "choices", choices);
    }
    const seq = choices as YAMLSeq;
    seq.flow = false;
    const ids = seq.items.map((c) => (isMap(c) ? (textOf(pairOf(c, "id")?.value) ?? "") : ""));
    if (fields.id !== undefined && !SLUG_PATTERN.test(fields.id))
      return {
        path: ["nodes", nodeId, "choices", seq.items.length, "id"],
        message: `'${fields.id}' is not a valid option id: use lower-case letters, digits and single hyphens.`,
      };
    const choice = this.d.map();
    this.d.setValue(choice, "choice", "id", fields.id ?? freeId(`option-${seq.items.length + 1}`, ids));
    for (const key of ["say", "mi", "feedback", "goto"] as const) {
      const value = fields[key];
      if (value !== undefined) this.d.setValue(choice, "choice", key, value);
    }
    seq.items.push(choice);
    this.touch(nodeId);
    return null;
  }

  private withChoices(
    nodeId: string,
    index: number,
    f: (choices: YAMLSeq, choice: YAMLMap) => Refusal | null,
  ): Refusal | null {
    const node = this.d.nodePair(nodeId)?.value;
    if (!isMap(node)) return missingNode(nodeId);
    const choices = pairOf(node, "choices")?.value;
    const choice = isSeq(choices) ? choices.items[index] : undefined;
    if (!isSeq(choices) || !isMap(choice)) return missingChoice(nodeId, index);
    return f(choices, choice);
  }

  private addBranch(nodeId: string, owner: Owner): Refusal | null {
    const at = this.gotoOwner(nodeId, owner);
    if ("message" in at) return at;
    const { map } = at;
    const branches = readBranches(pairOf(map, "goto")?.value) ?? [{ if: null, node: null }];
    const fallback = branches[branches.length - 1]!;
    const variables = pairOf(this.d.top, "variables")?.value;
    const variable = isMap(variables) && variables.items.length ? keyText(variables.items[0]!) : null;
    const condition = variable ? `${variable} >= 1` : "";
    const next = branches.map((b) => ({ if: b.if, node: b.node ?? "" }));
    next.splice(next.length - 1, 0, { if: condition, node: fallback.node ?? "" });
    return this.setGoto(nodeId, owner, next);
  }

  private deleteBranch(nodeId: string, owner: Owner, index: number): Refusal | null {
    const at = this.gotoOwner(nodeId, owner);
    if ("message" in at) return at;
    const { map } = at;
    const branches = readBranches(pairOf(map, "goto")?.value);
    if (!branches || index >= branches.length || branches.length < 2)
      return { path: gotoPath(nodeId, owner), message: "That branch no longer exists." };
    const next = branches.filter((_, j) => j !== index).map((b) => ({ if: b.if, node: b.node ?? "" }));
    // One branch left with no condition reads best as a plain goto.
    if (next.length === 1 && next[0]!.if === null) {
      const seq = pairOf(map, "goto")!.value as YAMLSeq;
      const node = this.d.scalar("goto", next[0]!.node);
      carryComments(seq, node);
      pairOf(map, "goto")!.value = node;
      this.touch(nodeId);
      return null;
    }
    return this.setGoto(nodeId, owner, next);
  }

  private addVariable(name: string, value: number): Refusal | null {
    if (!VARIABLE_PATTERN.test(name))
      return {
        path: ["variables"],
        message: `'${name}' is not a variable name: use lower-case letters, digits and _, starting with a letter.`,
      };
    const variables = pairOf(this.d.top, "variables")?.value;
    if (isMap(variables) && pairOf(variables, name))
      return { path: ["variables"], message: `There is already a variable called '${name}'.` };
    return this.setNumber(["variables", name], value);
  }
}

function readBranches(goto: unknown): { if: string | null; node: string | null }[] | null {
  if (isSeq(goto))
    return goto.items.map((entry) => ({
      if: isMap(entry) ? (textOf(pairOf(entry, "if")?.value) ?? null) : null,
      node: isMap(entry) ? (textOf(pairOf(entry, "node")?.value) ?? null) : null,
    }));
  const node = textOf(goto);
  return node === undefined || node === null ? null : [{ if: null, node }];
}

function sameBranches(a: { if: string | null; node: string | null }[], b: Branch[]): boolean {
  return a.length === b.length && a.every((x, i) => x.if === b[i]!.if && x.node === b[i]!.node);
}

function isEnding(node: unknown): boolean {
  return isMap(node) && pairOf(node, "ending") !== undefined;
}

export const gotoPath = (nodeId: string, owner: Owner): DataPath =>
  owner === "write" ? ["nodes", nodeId, "write", "goto"] : ["nodes", nodeId, "choices", owner, "goto"];

const missingNode = (id: string): Refusal => ({
  path: ["nodes"],
  message: `There is no node called '${id}' any more: it may have been renamed or deleted. Reload the page.`,
});

const missingChoice = (nodeId: string, index: number): Refusal => ({
  path: ["nodes", nodeId, "choices"],
  message: `Node '${nodeId}' has no option ${index + 1} any more. Reload the page.`,
});

const badNodeId = (path: DataPath, id: string): Refusal => ({
  path,
  message: `'${id}' is not a valid node id: use lower-case letters, digits and single hyphens, like 'opens-up'.`,
});
