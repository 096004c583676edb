/**
 * The edited document back to text. The file is seen as blocks: each top-level field and each node
 * is its own lines (with the comments and blank lines above it). A block nothing changed is copied
 * byte for byte; a changed or new block is written by the `yaml` package in the file's own layout
 * (indentation, list indentation, `{ padding }`); removed blocks go and moved ones move. So an edit
 * touches only the lines it must, whatever layout the file uses, and stays quick on 500 nodes.
 * A file whose shape does not allow blocks (a `{ flow }` top level, say) is written out whole.
 */
import { Document, isCollection, isMap, isScalar, Pair, visit, YAMLMap, type ToStringOptions } from "yaml";
import { byteLength, MAX_FILE_BYTES } from "../parse";
import { pairOf } from "./yaml-nodes";

interface Block {
  pair: Pair;
  /** Where the block's lines start: the comments and blank lines above its key are part of it. */
  start: number;
  /** The start of the key's own line. */
  keyLine: number;
  /** Just after its last line (after the line break, when there is one). */
  end: number;
}

export interface SourceBlocks {
  top: Block[];
  nodes: { pair: Pair; map: YAMLMap; blocks: Block[]; bodyStart: number; bodyEnd: number; indent: string } | null;
}

/** Where each top-level field and each node sits in the text; null when the file is not laid out in blocks. */
export function blocksOf(doc: Document, source: string): SourceBlocks | null {
  if (!isMap(doc.contents) || doc.contents.flow) return null;
  const top = mapBlocks(doc.contents, source, 0);
  if (!top) return null;
  const nodesPair = pairOf(doc.contents, "nodes");
  const nodesBlock = top.find((b) => b.pair === nodesPair);
  const map = nodesPair?.value;
  if (!nodesBlock || !isMap(map) || map.flow || map.items.length === 0) return { top, nodes: null };
  const keyLineEnd = source.indexOf("\n", (nodesPair!.key as { range: number[] }).range[0]);
  if (keyLineEnd < 0) return { top, nodes: null };
  const blocks = mapBlocks(map, source, keyLineEnd + 1);
  if (!blocks || blocks[blocks.length - 1]!.end > nodesBlock.end) return { top, nodes: null };
  const first = blocks[0]!;
  return {
    top,
    nodes: {
      pair: nodesPair!,
      map,
      blocks,
      bodyStart: first.start,
      bodyEnd: blocks[blocks.length - 1]!.end,
      indent: source.slice(first.keyLine, (first.pair.key as { range: number[] }).range[0]),
    },
  };
}

function mapBlocks(map: YAMLMap, source: string, regionStart: number): Block[] | null {
  const blocks: Block[] = [];
  let previousEnd = regionStart;
  for (const pair of map.items) {
    const key = pair.key;
    if (!isScalar(key) || !key.range) return null;
    const keyLine = source.lastIndexOf("\n", key.range[0] - 1) + 1;
    if (keyLine < previousEnd || !/^ *$/.test(source.slice(keyLine, key.range[0]))) return null;
    let end = (pair.value as { range?: number[] | null } | null)?.range?.[2] ?? key.range[2];
    while (end > key.range[0] && /\s/.test(source.charAt(end - 1))) end--;
    const newline = source.indexOf("\n", end);
    end = newline < 0 ? source.length : newline + 1;
    blocks.push({ pair, start: previousEnd, keyLine, end });
    previousEnd = end;
  }
  return blocks;
}

export type Serialized = { ok: true; text: string } | { ok: false; message: string };

export function serializeEdited(
  doc: Document,
  source: string,
  changed: ReadonlySet<Pair>,
  blocks: SourceBlocks | null,
): Serialized {
  const options = layoutOf(doc, source);
  const text = (blocks && rebuild(doc, source, changed, blocks, options)) ?? wholeDocument(doc, source, options);
  const tooLarge = sizeRefusal(text);
  return tooLarge ? { ok: false, message: tooLarge } : { ok: true, text };
}

/** Why an edited text cannot be saved because of its size; null when it fits. */
export function sizeRefusal(text: string): string | null {
  const size = byteLength(text);
  return size > MAX_FILE_BYTES
    ? `This change would make the scenario ${Math.ceil(size / 1024)} KB; the most it can be is ${MAX_FILE_BYTES / 1024} KB. Nothing was saved: split the conversation into two scenarios.`
    : null;
}

function wholeDocument(doc: Document, source: string, options: ToStringOptions): string {
  const text = doc.toString(options);
  // Keep the file's own ending: with or without a final newline.
  return source.endsWith("\n") ? text : text.replace(/\n$/, "");
}

function rebuild(
  doc: Document,
  source: string,
  changed: ReadonlySet<Pair>,
  blocks: SourceBlocks,
  options: ToStringOptions,
): string | null {
  const top = doc.contents;
  if (!isMap(top) || top.flow) return null;
  const nodes = blocks.nodes;
  const nodesNow = pairOf(top, "nodes");
  // The nodes field is rebuilt node by node; when it cannot be (it was empty, or is now), it is written anew.
  const inner = (pair: Pair, block: Block) => {
    if (pair !== nodesNow) return null;
    const map = pair.value;
    if (nodes && pair === nodes.pair && map === nodes.map && isMap(map) && map.items.length > 0)
      return (
        source.slice(block.start, nodes.bodyStart) +
        emit(map.items, nodes.blocks, source, changed, nodes.indent, options) +
        source.slice(nodes.bodyEnd, block.end)
      );
    const lineBreak = source[block.end - 1] === "\n" ? "\n" : "";
    return source.slice(block.start, block.keyLine) + pairText(pair, "", options, false) + lineBreak;
  };
  const body = emit(top.items, blocks.top, source, changed, "", options, inner);
  const last = blocks.top[blocks.top.length - 1];
  return body + source.slice(last ? last.end : 0);
}

/** The entries of one map in their new order: untouched blocks copied, the others written anew. */
function emit(
  pairs: unknown[],
  blocks: Block[],
  source: string,
  changed: ReadonlySet<Pair>,
  indent: string,
  options: ToStringOptions,
  inner: (pair: Pair, block: Block) => string | null = () => null,
): string {
  const original = new Map(blocks.map((b) => [b.pair, b]));
  let out = "";
  for (const pair of pairs as Pair[]) {
    const block = original.get(pair);
    if (!block) {
      out += `${pairText(pair, indent, options, true)}\n`;
      continue;
    }
    const nested = inner(pair, block);
    if (nested !== null) out += nested;
    else if (!changed.has(pair)) out += source.slice(block.start, block.end);
    else {
      const lineBreak = source[block.end - 1] === "\n" ? "\n" : "";
      out += source.slice(block.start, block.keyLine) + pairText(pair, indent, options, false) + lineBreak;
    }
  }
  return out;
}

// One entry written on its own, indented to where its siblings sit. The comment above an existing
// entry's key is among the lines kept above it, so it is left out here.
function pairText(pair: Pair, indent: string, options: ToStringOptions, withComment: boolean): string {
  let key = pair.key;
  if (!withComment && isScalar(key)) {
    key = key.clone();
    (key as { commentBefore?: unknown }).commentBefore = undefined;
    (key as { spaceBefore?: unknown }).spaceBefore = undefined;
  }
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
function layoutOf(doc: Document, source: string): ToStringOptions {
  const options: ToStringOptions = { lineWidth: 0 };
  // Indentation: the first line indented under a line that opens a block ("key:" at its end).
  const lines = source.split("\n", 400);
  for (let i = 0; i + 1 < lines.length; i++) {
    const opener = /^( *)[^\s#-][^#]*:\s*$/.exec(lines[i]!);
    const child = /^( *)\S/.exec(lines[i + 1]!);
    if (!opener || !child) continue;
    const step = child[1]!.length - opener[1]!.length;
    if (lines[i + 1]!.trimStart().startsWith("- ")) options.indentSeq ??= step > 0;
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
