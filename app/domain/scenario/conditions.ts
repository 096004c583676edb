/**
 * Conditions on a branching goto: one declared variable compared with a whole number,
 * e.g. "rapport >= 1". Deliberately tiny: trainers can read it, and nothing is eval'd.
 */
export const OPERATORS = ["==", "!=", "<=", ">=", "<", ">"] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Condition {
  variable: string;
  op: Operator;
  value: number;
}

const CONDITION = /^\s*([a-z][a-z0-9_]*)\s*(==|!=|<=|>=|<|>)\s*(-?\d+)\s*$/;

export function parseCondition(text: string): Condition | null {
  const m = CONDITION.exec(text);
  if (!m) return null;
  return { variable: m[1], op: m[2] as Operator, value: Number(m[3]) };
}

export function compare(left: number, op: Operator, right: number): boolean {
  switch (op) {
    case "==":
      return left === right;
    case "!=":
      return left !== right;
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
  }
}
