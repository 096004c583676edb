/**
 * Saving one node's form on a large scenario without parsing the whole file into a YAML document.
 * The node's own lines are found by a line scan, read with the yaml package alone (with the
 * scenario's top-level fields and the first few nodes, so new fields copy the file's style), edited
 * as edits.ts edits any document, and spliced back in place: every other byte stays as it was. The
 * new text is then read once, and that one read both confirms the splice (the same node ids, the
 * node holding what its edited document holds) and feeds the validator. Anything the scan or the
 * confirmation is unsure of, and every edit that reaches beyond the node (rename, new, copied,
 * moved or deleted nodes), returns null: the whole-document path (edits.ts) then answers.
 */
import type { Document } from "yaml";
import { parseYamlSource, type ParsedYaml } from "../parse";
import { applyEditsToDocument, type Edit, type Refusal } from "./edits";
import type { ScenarioForm } from "./form-model";
import { formOfDocument, parseForEditing } from "./read-form";
import { sizeRefusal } from "./serialize";

// Nodes read with the edited one, so a new field is written as the file writes it (the style survey in
// document.ts looks through the first nodes): those before it, and after it when it is among the first,
// so the edited node never surveys alone (its only option deleted, a new one's goto took the default).
const SURVEYED_NODES = 12;
// A node id as a key: quoted, or plain and read by YAML as text equal to itself (not null, true, 007 or 1e3).
const NODE_KEY = /^(?:"([a-z0-9-]+)"|'([a-z0-9-]+)'|([a-z][a-z0-9-]*|[1-9][0-9]{0,14}|0)):(?:[ ]|$)/;
const NOT_TEXT = new Set(["null", "true", "false"]);
// Lines the scan does not read: directives, document markers, explicit keys, tabs and carriage returns.
const UNUSUAL = /^(?:---|\.\.\.|%|\? )|[\t\r]/m;

interface NodeLines {
  id: string;
  /** Offsets: the start of the id's line, and just after the node's last line (comments below it stay outside). */
  start: number;
  end: number;
}

interface Layout {
  nodes: NodeLines[];
  /** The lines between `nodes:` and the next top-level field. */
  bodyStart: number;
  bodyEnd: number;
}

export type SpliceResult =
  { ok: true; yaml: string; changed: boolean; nodeId?: string; parsed: ParsedYaml | null } | ({ ok: false } & Refusal);

export class NodeSplice {
  private used = false;

  private constructor(
    private readonly text: string,
    private readonly nodeId: string,
    private readonly layout: Layout,
    private readonly focus: NodeLines,
    private readonly mini: { text: string; prefix: string; suffix: string; doc: Document.Parsed },
    /** The form model: the node in full, the scenario's fields and variables, and every node's id. */
    readonly form: ScenarioForm,
  ) {}

  /** The node's lines of `text`, ready to edit; null when they cannot be found for certain. */
  static of(text: string, nodeId: string): NodeSplice | null {
    const layout = scan(text);
    const index = layout?.nodes.findIndex((n) => n.id === nodeId) ?? -1;
    if (!layout || index < 0) return null;
    const focus = layout.nodes[index]!;
    const before = layout.nodes.slice(0, Math.min(index, SURVEYED_NODES));
    const after = layout.nodes.slice(index + 1, index + 1 + SURVEYED_NODES - before.length);
    const linesOf = (nodes: NodeLines[]) => nodes.map((n) => text.slice(n.start, n.end)).join("");
    const prefix = text.slice(0, layout.bodyStart) + linesOf(before);
    const suffix = linesOf(after) + text.slice(layout.bodyEnd);
    const miniText = prefix + text.slice(focus.start, focus.end) + suffix;
    const doc = docOf(miniText);
    const read = doc ? formOfDocument(doc, nodeId) : null;
    // The short document must hold exactly the nodes it was given, or the scan misread the lines.
    const ids = read?.nodes.map((n) => n.id);
    const given = [...before, focus, ...after].map((n) => n.id);
    if (!doc || !read || ids?.join("\n") !== given.join("\n")) return null;
    const node = read.nodes[before.length]!;
    const form: ScenarioForm = {
      ...read,
      nodes: layout.nodes.map((n) =>
        n.id === nodeId
          ? node
          : { id: n.id, prisoner: null, talk: null, kinds: [], choices: [], write: null, ending: null },
      ),
    };
    return new NodeSplice(text, nodeId, layout, focus, { text: miniText, prefix, suffix, doc }, form);
  }

  /**
   * The edits applied to the node's lines, with the new text read once (`parsed`, for the validator).
   * Null when an edit reaches beyond the node or the result is not certainly right.
   */
  apply(edits: readonly Edit[]): SpliceResult | null {
    if (this.used || !edits.every((e) => confinedTo(e, this.nodeId))) return null;
    this.used = true;
    const { mini, text } = this;
    const result = applyEditsToDocument(mini.doc, mini.text, edits);
    if (!result.ok) return result;
    if (!result.changed) return { ok: true, yaml: text, changed: false, parsed: null };
    const out = result.yaml;
    if (!out.startsWith(mini.prefix) || !out.endsWith(mini.suffix)) return null;
    const block = out.slice(mini.prefix.length, out.length - mini.suffix.length);
    const yaml = text.slice(0, this.focus.start) + block + text.slice(this.focus.end);
    const tooLarge = sizeRefusal(yaml);
    if (tooLarge) return { ok: false, path: [], message: tooLarge };
    const parsed = parseYamlSource(yaml, { nodesKey: "nodes" });
    return this.confirmed(parsed) ? { ok: true, yaml, changed: true, parsed } : null;
  }

  // The new text holds the same node ids, and the edited node holds what its own document says.
  private confirmed(parsed: ParsedYaml): boolean {
    if (parsed.value === null || parsed.diagnostics.some((d) => d.code !== "schema")) return false;
    const nodes = (parsed.value as { nodes?: unknown }).nodes;
    if (typeof nodes !== "object" || nodes === null) return false;
    const ids = this.layout.nodes;
    if (Object.keys(nodes).length !== ids.length || !ids.every((n) => Object.hasOwn(nodes, n.id))) return false;
    const expected = (this.mini.doc.toJS({ maxAliasCount: 0 }) as { nodes: Record<string, unknown> }).nodes;
    return JSON.stringify((nodes as Record<string, unknown>)[this.nodeId]) === JSON.stringify(expected[this.nodeId]);
  }
}

function docOf(text: string) {
  const parsed = parseForEditing(text);
  return parsed.ok ? parsed.doc : null;
}

function confinedTo(edit: Edit, nodeId: string): boolean {
  switch (edit.kind) {
    case "set-text":
    case "set-number":
      return edit.path.length > 2 && edit.path[0] === "nodes" && edit.path[1] === nodeId;
    case "set-goto":
    case "add-branch":
    case "delete-branch":
    case "set-node-kind":
    case "add-choice":
    case "duplicate-choice":
    case "move-choice":
    case "delete-choice":
      return edit.node === nodeId;
    default:
      return false;
  }
}

/**
 * Where each node's lines are: the nodes are the lines indented under a top-level `nodes:`, each
 * starting at a line with the nodes' indentation. Null at anything the scan does not read for certain.
 */
function scan(text: string): Layout | null {
  if (UNUSUAL.test(text)) return null;
  const lines = text.split("\n");
  let offset = 0;
  let nodesLine = -1;
  let bodyStart = -1;
  let bodyEnd = text.length;
  let indent = -1;
  const nodes: NodeLines[] = [];
  const seen = new Set<string>();
  let current: NodeLines | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineStart = offset;
    offset += line.length + 1;
    const first = line.charCodeAt(0);
    const topLevel = line.length > 0 && first !== 32 && first !== 35; // not blank, indented or a comment
    if (nodesLine < 0) {
      if (topLevel && /^nodes\s*:/.test(line)) {
        if (!/^nodes:[ ]*(?:#.*)?$/.test(line)) return null;
        nodesLine = i;
        bodyStart = offset;
      }
      continue;
    }
    if (topLevel) {
      bodyEnd = lineStart;
      // A second `nodes` is the validator's to report.
      if (lines.slice(i).some((l) => /^nodes\s*:/.test(l))) return null;
      break;
    }
    const trimmed = line.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const spaces = line.length - trimmed.length;
    if (indent < 0) indent = spaces;
    if (spaces < indent) return null;
    if (spaces > indent) {
      if (!current) return null;
      current.end = Math.min(offset, text.length);
      continue;
    }
    const key = NODE_KEY.exec(trimmed);
    const id = key && (key[1] ?? key[2] ?? key[3]);
    if (!id || (key[3] !== undefined && NOT_TEXT.has(id)) || seen.has(id)) return null;
    seen.add(id);
    current = { id, start: lineStart, end: Math.min(offset, text.length) };
    nodes.push(current);
  }
  if (nodesLine < 0 || nodes.length === 0) return null;
  return { nodes, bodyStart, bodyEnd };
}
