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
  const [, variable, operator, value] = CONDITION.exec(text) ?? [];
  const op = OPERATORS.find((o) => o === operator);
  if (variable === undefined || op === undefined) return null;
  return { variable, op, value: Number(value) };
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
