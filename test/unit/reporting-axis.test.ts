// Charts count whole officers: the value axis steps in whole numbers a person counts in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wholeTicks } from "~/domain/reporting/axis";

describe("chart value axis", () => {
  it("steps in whole numbers for small groups", () => {
    expect(wholeTicks(13)).toEqual([0, 5, 10, 15]);
    expect(wholeTicks(3)).toEqual([0, 1, 2, 3]);
    expect(wholeTicks(0)).toEqual([0, 1]);
    expect(wholeTicks(7.4)).toEqual([0, 2, 4, 6, 8]);
    expect(wholeTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(wholeTicks(1200)).toEqual([0, 500, 1000, 1500]);
  });

  it("always starts at 0, covers the largest value, in at most 5 equal whole steps", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (max) => {
        const ticks = wholeTicks(max);
        expect(ticks[0]).toBe(0);
        expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(6);
        const step = ticks[1];
        expect(Number.isInteger(step)).toBe(true);
        ticks.forEach((t, i) => expect(t).toBe(i * step));
      }),
    );
  });
});
