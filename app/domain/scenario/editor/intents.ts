/**
 * What a button on the node form asks for. Each button submits the whole form with `intent` set to
 * one of these, so a change typed into a field is saved along with the button's own change, and
 * everything works as a plain HTML form without JavaScript. Browser-safe.
 */
import type { Owner } from "./form-model";

export type Intent =
  | { kind: "save" }
  | { kind: "add-choice" }
  | { kind: "duplicate-choice"; index: number }
  | { kind: "delete-choice"; index: number }
  | { kind: "move-choice"; index: number; to: number }
  | { kind: "add-branch"; owner: Owner }
  | { kind: "delete-branch"; owner: Owner; index: number }
  | { kind: "duplicate-node" };

export const INTENT = "intent";

export function intentValue(intent: Intent): string {
  switch (intent.kind) {
    case "save":
    case "add-choice":
    case "duplicate-node":
      return intent.kind;
    case "duplicate-choice":
    case "delete-choice":
      return `${intent.kind}:${intent.index}`;
    case "move-choice":
      return `move-choice:${intent.index}:${intent.to}`;
    case "add-branch":
      return `add-branch:${intent.owner}`;
    case "delete-branch":
      return `delete-branch:${intent.owner}:${intent.index}`;
  }
}

const INDEX = "(\\d{1,4})";
const OWNER = "(\\d{1,4}|write)";
const owner = (s: string): Owner => (s === "write" ? "write" : Number(s));

/** The intent a submitted value names, or null for anything else (a forged or stale button). */
export function parseIntent(value: unknown): Intent | null {
  if (value === undefined || value === null || value === "" || value === "save") return { kind: "save" };
  if (typeof value !== "string") return null;
  if (value === "add-choice" || value === "duplicate-node") return { kind: value };
  let m = new RegExp(`^(duplicate-choice|delete-choice):${INDEX}$`).exec(value);
  if (m) return { kind: m[1] as "duplicate-choice" | "delete-choice", index: Number(m[2]) };
  if ((m = new RegExp(`^move-choice:${INDEX}:${INDEX}$`).exec(value)))
    return { kind: "move-choice", index: Number(m[1]), to: Number(m[2]) };
  if ((m = new RegExp(`^add-branch:${OWNER}$`).exec(value))) return { kind: "add-branch", owner: owner(m[1]!) };
  if ((m = new RegExp(`^delete-branch:${OWNER}:${INDEX}$`).exec(value)))
    return { kind: "delete-branch", owner: owner(m[1]!), index: Number(m[2]) };
  return null;
}
