/**
 * A chart's value axis in steps a person counts in: whole officers (1, 2, 5, 10, 20, 25, 50...),
 * never 3.3 of an officer. The axis runs from 0 to the first step at or above the largest value.
 */
const STEPS = [1, 2, 5, 10, 20, 25, 50];

export function wholeTicks(max: number, intervals = 5): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = STEPS.find((s) => top / s <= intervals);
  for (let scale = 100; step === undefined; scale *= 10)
    step = STEPS.map((s) => s * scale).find((s) => top / s <= intervals);
  return Array.from({ length: Math.ceil(top / step) + 1 }, (_, i) => i * step);
}
