/**
 * Option order per attempt: shuffled so officers learn the behaviours rather than positions, and
 * stable within an attempt (same seed and node give the same order, on reload too).
 */

/** mulberry32: a small, fast, well-distributed 32-bit PRNG (also seeds the large data set). */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, to mix the node id into the seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fisher-Yates with a seeded generator: the same seed, node and items always give the same order. */
export function shuffleForNode<T extends NonNullable<unknown>>(seed: number, nodeId: string, items: readonly T[]): T[] {
  const random = mulberry32((seed ^ hash(nodeId)) >>> 0);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) swap(out, i, Math.floor(random() * (i + 1)));
  return out;
}

/** Swaps two items of a list. Items are never undefined (T is non-nullable), so undefined means a position outside it. */
export function swap<T extends NonNullable<unknown>>(list: T[], i: number, j: number): void {
  const a = list[i];
  const b = list[j];
  if (a === undefined || b === undefined) return;
  list[i] = b;
  list[j] = a;
}

/** A seed for a new attempt. */
export function newShuffleSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
