/**
 * The edited document back to text. When only some nodes changed, only their lines are rewritten
 * and every other byte of the file stays as it was (quick on a 500-node file, and the smallest
 * diff whatever layout the file uses); otherwise the whole document is written in the file's own
 * layout (indentation, list indentation, `{ padding }`), which reproduces a file in the studio's
 * layout exactly.
 */
import { Document, isCollection, isMap, isScalar, Pair, visit, YAMLMap, type ToStringOptions } from "yaml";
import { byteLength, MAX_FILE_BYTES } from "../parse";
import { keyText, pairOf } from "./yaml-nodes";

export type Serialized = { ok: true; text: string } | { ok: false; message: string };

export function serializeEdited(doc: Document, source: string, dirtyNodes: ReadonlySet<string>): Serialized {
  const options = layoutOf(doc, source);
  const text =
    (!dirtyNodes.has("*") && spliceNodes(doc, source, dirtyNodes, options)) || wholeDocument(doc, source, options);
  const size = byteLength(text);
  if (size > MAX_FILE_BYTES)
    return {
      ok: false,
      message: `This change would make the scenario ${Math.ceil(size / 1024)} KB; the most it can be is ${MAX_FILE_BYTES / 1024} KB. Nothing was saved: split the conversation into two scenarios.`,
    };
  return { ok: true, text };
}

function wholeDocument(doc: Document, source: string, options: ToStringOptions): string {
  const text = doc.toString(options);
  // Keep the file's own ending: with or without a final newline.
  return source.endsWith("\n") ? text : text.replace(/\n$/, "");
}

/** Rewrites only the lines of the changed nodes; null when the file's shape does not allow it. */
function spliceNodes(
  doc: Document,
  source: string,
  dirty: ReadonlySet<string>,
  options: ToStringOptions,
): string | null {
  const nodes = isMap(doc.contents) ? pairOf(doc.contents, "nodes")?.value : undefined;
  if (!isMap(nodes) || nodes.flow) return null;
  const pieces: { start: number; end: number; text: string }[] = [];
  for (const pair of nodes.items) {
    if (!dirty.has(keyText(pair))) continue;
    const key = pair.key;
    const value = pair.value as { range?: [number, number, number] | null } | null;
    if (!isScalar(key) || !key.range || !value?.range) return null;
    const lineStart = source.lastIndexOf("\n", key.range[0] - 1) + 1;
    const indent = source.slice(lineStart, key.range[0]);
    if (!/^ *$/.test(indent)) return null;
    let end = value.range[2];
    while (end > key.range[0] && /\s/.test(source[end - 1])) end--;
    const newline = source.indexOf("\n", end);
    const lineEnd = newline < 0 ? source.length : newline;
    pieces.push({ start: lineStart, end: lineEnd, text: nodeText(pair, indent, options) });
  }
  if (pieces.length !== dirty.size) return null;
  let out = source;
  for (const p of pieces.sort((a, b) => b.start - a.start)) out = out.slice(0, p.start) + p.text + out.slice(p.end);
  return out;
}

// One node written on its own, indented to where its id sits in the file. The comment above the
// id is not part of the node's lines, so it is left out here and stays in the file as it was.
function nodeText(pair: Pair, indent: string, options: ToStringOptions): string {
  const key = (pair.key as { clone(): unknown }).clone() as { commentBefore?: unknown; spaceBefore?: unknown };
  key.commentBefore = undefined;
  key.spaceBefore = undefined;
  const single = new Document();
  const map = new YAMLMap(single.schema);
  map.items.push(new Pair(key, pair.value));
  single.contents = map;
  return single
    .toString(options)
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => (line ? indent + line : line))
    .join("\n");
}

/** How the file is laid out, so whatever is rewritten matches the rest of it. */
export function layoutOf(doc: Document, source: string): ToStringOptions {
  const options: ToStringOptions = { lineWidth: 0 };
  // Indentation: the first line indented under a line that opens a block ("key:" at its end).
  const lines = source.split("\n", 400);
  for (let i = 0; i + 1 < lines.length; i++) {
    const opener = /^( *)[^\s#-][^#]*:\s*$/.exec(lines[i]);
    const child = /^( *)\S/.exec(lines[i + 1]);
    if (!opener || !child) continue;
    const step = child[1].length - opener[1].length;
    if (lines[i + 1].trimStart().startsWith("- ")) options.indentSeq ??= step > 0;
    else if (step > 0) options.indent ??= step;
    if (options.indent !== undefined && options.indentSeq !== undefined) break;
  }
  // `{ rapport: 1 }` or `{rapport: 1}`: follow the first flow collection written in the file.
  let padded: boolean | undefined;
  visit(doc, {
    Node(_key, node) {
      if (!isCollection(node) || !node.flow || !node.range || node.items.length === 0) return undefined;
      padded = source[node.range[0] + 1] === " ";
      return visit.BREAK;
    },
  });
  if (padded !== undefined) options.flowCollectionPadding = padded;
  return options;
}
