/**
 * Changes to a parsed YAML document that keep what a trainer wrote: a changed text keeps its scalar
 * (quote style, trailing comment), a new field goes where the format's order puts it, a new value
 * copies how the file already writes that field (quoted or plain, `{ flow }` or block), and a
 * comment before the first entry of a list moves with that entry when the list is reordered.
 */
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Document } from "yaml";
import { FIELD_ORDER, type Part } from "./form-model";
import { keyText, pairOf, textOf } from "./yaml-nodes";

type ScalarType = Scalar.Type;
/** A part of the scenario with its own fields, or one of the name -> number groups. */
export type Group = Part | "effects" | "variables";
// Texts are quoted by default (a colon or "#" in a line cannot break the file); ids and codes are plain.
const QUOTED_BY_DEFAULT = new Set([
  "title",
  "summary",
  "name",
  "background",
  "prisoner",
  "say",
  "feedback",
  "prompt",
  "label",
  "if",
]);
// Small groups the format's examples write on one line: `effects: { rapport: 1 }`, `ending: { outcome, label }`.
const FLOW_BY_DEFAULT = new Set(["effects", "ending", "branch"]);
// Keys and parts the survey below can find, so it stops once it has seen each.
const SURVEYED_KEYS = 14;
const SURVEYED_PARTS = 6;

export class ScenarioDocument {
  private styles: Map<string, ScalarType | undefined> | null = null;
  private flows: Map<string, boolean> | null = null;

  constructor(readonly doc: Document) {}

  get top(): YAMLMap {
    return this.doc.contents as YAMLMap;
  }

  get nodes(): YAMLMap | null {
    const nodes = pairOf(this.top, "nodes")?.value;
    return isMap(nodes) ? nodes : null;
  }

  nodePair(id: string): Pair | undefined {
    const nodes = this.nodes;
    return nodes ? pairOf(nodes, id) : undefined;
  }

  nodeIds(): string[] {
    return this.nodes?.items.map(keyText) ?? [];
  }

  scalar(key: string, value: string | number): Scalar {
    const node = new Scalar(value);
    const type = typeof value === "string" ? this.styleOf(key) : undefined;
    if (type) node.type = type;
    return node;
  }

  /** An empty map, written `{}` until its first field arrives (then in the file's style for `part`). */
  map(): YAMLMap {
    const map = new YAMLMap(this.doc.schema);
    map.flow = true;
    return map;
  }

  /** An empty list, written `[]` until its first entry arrives. */
  seq(): YAMLSeq {
    const seq = new YAMLSeq(this.doc.schema);
    seq.flow = true;
    return seq;
  }

  /** Sets a field to a text or number; keeps the existing scalar (and its style and comment) when there is one. */
  setValue(map: YAMLMap, part: Group, key: string, value: string | number): boolean {
    const pair = pairOf(map, key);
    if (pair && isScalar(pair.value)) {
      // Same text is no change, even where YAML reads it as another type ("1" and 1).
      if (textOf(pair.value) === String(value)) return false;
      pair.value.value = value;
      return true;
    }
    const node = this.scalar(key, value);
    if (pair) {
      carryComments(pair.value, node);
      pair.value = node;
    } else {
      this.addField(map, part, key, node);
    }
    return true;
  }

  /** Adds a field at its place in the format's order (after the fields that come before it). */
  addField(map: YAMLMap, part: Group, key: string, value: unknown): void {
    const pair = new Pair(new Scalar(key), value);
    if (map.items.length === 0) map.flow = this.flowOf(part);
    const order: readonly string[] = part in FIELD_ORDER ? FIELD_ORDER[part as Part] : [];
    const rank = order.indexOf(keyText(pair));
    let at = map.items.length;
    if (rank >= 0) {
      at = 0;
      map.items.forEach((item, i) => {
        const r = order.indexOf(keyText(item));
        if (r >= 0 && r < rank) at = i + 1;
      });
    }
    if (at === 0) leadingCommentToFirstItem(map);
    map.items.splice(at, 0, pair);
  }

  removeField(map: YAMLMap, key: string): boolean {
    const index = map.items.findIndex((p) => keyText(p) === key);
    if (index < 0) return false;
    if (index === 0) leadingCommentToFirstItem(map);
    map.items.splice(index, 1);
    return true;
  }

  /** The scalar style the file already uses for this field, else the default. */
  private styleOf(key: string): ScalarType | undefined {
    this.styles ??= this.survey().styles;
    if (this.styles.has(key)) return this.styles.get(key);
    return QUOTED_BY_DEFAULT.has(key) ? Scalar.QUOTE_DOUBLE : undefined;
  }

  private flowOf(part: string): boolean {
    this.flows ??= this.survey().flows;
    return this.flows.get(part) ?? FLOW_BY_DEFAULT.has(part);
  }

  // Looks through the nodes (until it has seen each field) for how the file writes each one.
  private survey() {
    const styles = new Map<string, ScalarType | undefined>();
    const flows = new Map<string, boolean>();
    const note = (key: string, value: unknown) => {
      if (isScalar(value) && typeof value.value === "string" && !styles.has(key)) styles.set(key, value.type);
    };
    const noteMap = (part: string, map: YAMLMap) => {
      if (!flows.has(part) && map.items.length > 0) flows.set(part, Boolean(map.flow));
      for (const pair of map.items)
        note(part === "branch" ? (keyText(pair) === "if" ? "if" : "node") : keyText(pair), pair.value);
    };
    for (const key of ["id", "start"]) note(key, pairOf(this.top, key)?.value);
    for (const pair of this.nodes?.items ?? []) {
      if (styles.size >= SURVEYED_KEYS && flows.size >= SURVEYED_PARTS) break;
      note("node-id", pair.key);
      if (!isMap(pair.value)) continue;
      noteMap("node", pair.value);
      for (const item of pair.value.items) {
        const key = keyText(item);
        if (key === "choices" && isSeq(item.value)) {
          for (const choice of item.value.items.filter(isMap)) {
            noteMap("choice", choice);
            const effects = pairOf(choice, "effects")?.value;
            if (isMap(effects)) noteMap("effects", effects);
            const goto = pairOf(choice, "goto")?.value;
            if (isScalar(goto)) note("node", goto);
            if (isSeq(goto)) for (const entry of goto.items.filter(isMap)) noteMap("branch", entry);
          }
        } else if ((key === "write" || key === "ending") && isMap(item.value)) noteMap(key, item.value);
      }
    }
    // A goto is written like a node reference wherever it appears.
    if (styles.has("node") && !styles.has("goto")) styles.set("goto", styles.get("node"));
    if (styles.has("goto") && !styles.has("node")) styles.set("node", styles.get("goto"));
    return { styles, flows };
  }
}

/**
 * The `yaml` package keeps a comment written above the first entry of a map or list on the map or
 * list itself. Moving it onto that entry first means it travels with the entry when entries move.
 */
export function leadingCommentToFirstItem(collection: YAMLMap | YAMLSeq): void {
  const first = collection.items[0];
  if (!collection.commentBefore || first === undefined) return;
  const target = isMap(collection) ? ((first as Pair).key as Scalar) : (first as Scalar | YAMLMap);
  if (!target || typeof target !== "object") return;
  target.commentBefore = target.commentBefore
    ? `${collection.commentBefore}\n${target.commentBefore}`
    : collection.commentBefore;
  collection.commentBefore = undefined;
}

export function carryComments(from: unknown, to: Scalar | YAMLMap | YAMLSeq): void {
  if (!from || typeof from !== "object") return;
  const old = from as { comment?: string | null; commentBefore?: string | null; spaceBefore?: boolean };
  if (old.comment) to.comment = old.comment;
  if (old.commentBefore) to.commentBefore = old.commentBefore;
  if (old.spaceBefore) to.spaceBefore = old.spaceBefore;
}

/** Moves an entry of a list (or a map's pairs) from one index to another, comments and all. */
export function moveItem(collection: YAMLMap | YAMLSeq, from: number, to: number): boolean {
  const items = collection.items as unknown[];
  const target = Math.max(0, Math.min(items.length - 1, to));
  if (from === target || from < 0 || from >= items.length) return false;
  leadingCommentToFirstItem(collection);
  const [item] = items.splice(from, 1);
  items.splice(target, 0, item);
  return true;
}
