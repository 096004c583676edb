// Small helpers over the `yaml` package's document nodes, shared by the form reader and the edits.
import { isMap, isScalar, type Pair, type YAMLMap } from "yaml";

export const keyText = (pair: Pair): string => String(isScalar(pair.key) ? pair.key.value : pair.key);

/** The pair for `key` (the last one when a key is written twice, as in the data the validator sees). */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) if (keyText(map.items[i]!) === key) return map.items[i];
  return undefined;
}

export function valueOf(map: unknown, key: string): unknown {
  return isMap(map) ? pairOf(map, key)?.value : undefined;
}

/** Text of a scalar (numbers as written); null for an empty value; undefined when the value is a list or map. */
export function textOf(node: unknown): string | null | undefined {
  if (node === null || node === undefined) return null;
  if (!isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return null;
  if (typeof node.value === "string") return node.value;
  // Keep what the trainer wrote ("007", "1.0"), not what JavaScript makes of it.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a parsed YAML scalar holds a number, boolean or bigint here
  return node.source ?? String(node.value);
}
