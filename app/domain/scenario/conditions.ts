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

/** The forms' words for each comparison ("rapport is at least 1"). */
export const OPERATOR_WORDS: Record<Operator, string> = {
  ">=": "is at least",
  ">": "is more than",
  "<=": "is at most",
  "<": "is less than",
  "==": "is exactly",
  "!=": "is not",
};

/** A condition as the forms say it, for the map and the publish page; one that does not parse is shown as written. */
export function conditionInWords(text: string): string {
  const c = parseCondition(text);
  return c ? `${c.variable} ${OPERATOR_WORDS[c.op]} ${c.value}` : text;
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
