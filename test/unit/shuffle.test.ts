import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shuffleForNode } from "~/domain/shuffle";

describe("option shuffle", () => {
  it("is stable for the same attempt seed and node, and a permutation of the options", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.string(),
        fc.array(fc.integer(), { maxLength: 6 }),
        (seed, node, items) => {
          const once = shuffleForNode(seed, node, items);
          expect(shuffleForNode(seed, node, items)).toEqual(once);
          expect([...once].sort()).toEqual([...items].sort());
        },
      ),
    );
  });

  it("gives different orders across attempts", () => {
    const items = ["a", "b", "c", "d"];
    const orders = new Set(Array.from({ length: 50 }, (_, seed) => shuffleForNode(seed, "opening", items).join("")));
    expect(orders.size).toBeGreaterThan(10);
  });
});
