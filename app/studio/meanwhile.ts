/**
 * A form sent from a page another trainer's save has made out of date. When their save left the
 * part this form edits as it was, the form's change is made on top of theirs (it cannot undo
 * theirs: a form's edits name only the fields the trainer changed). Otherwise nothing is saved and
 * the trainer keeps what they typed, with what was saved meanwhile beside each field both changed.
 */
import { lowerFirst } from "~/domain/words";
import { gotoPath, type Edit } from "~/domain/scenario/editor/edits";
import { fieldName } from "~/domain/scenario/editor/form-model";
import type { FieldErrors } from "~/utils/field-errors";

/** Each field of the part a form edits, by name, as one revision of the draft has it. */
export type PartValues = Record<string, string>;

/** Whether two revisions have the part alike (a field one has and the other lacks counts as empty). */
export function samePart(was: PartValues, is: PartValues): boolean {
  return Object.keys({ ...was, ...is }).every((k) => (was[k] ?? "") === (is[k] ?? ""));
}

/** The fields a form's edits change (a sent field is one of them when it is the name or under it). */
export function fieldsEdited(edits: readonly Edit[]): string[] {
  return edits.flatMap((e): string[] => {
    switch (e.kind) {
      case "set-text":
      case "set-number":
        return [fieldName(e.path)];
      case "set-goto":
        return [fieldName(gotoPath(e.node, e.owner))];
      case "goto-new-node":
        return [fieldName([...gotoPath(e.node, e.owner), e.branch ?? 0, "node"])];
      case "rename-node":
        return [fieldName(["nodes", e.node, "id"])];
      case "set-node-kind":
        return [fieldName(["nodes", e.node, "kind"])];
      case "add-variable":
        return ["variable"];
      default:
        return [];
    }
  });
}

export interface KeptTyping {
  /** What goes back into the form's fields. */
  values: Record<string, string>;
  /** Beside each field the other trainer changed too: what they saved. */
  errors: FieldErrors;
  /** What was typed when the part's fields are no longer the same ones (an option added or removed): shown to copy. */
  unsaved: UnsavedText[];
}

/** A field's typed text that no field of the page can hold now, with the field in words. */
export interface UnsavedText {
  field: string;
  words: string;
  text: string;
}

/**
 * What a refused form keeps: the sent value of each field the trainer changed. It goes back into
 * the same field only when the part still has the same fields (same options, same ids), so a text
 * never lands in another option's box; otherwise it is listed to copy from.
 */
export function keepTyping(
  was: PartValues | null,
  is: PartValues | null,
  edited: readonly string[],
  sent: FormData,
  who: string,
): KeptTyping {
  const under = (key: string) => edited.some((f) => key === f || key.startsWith(`${f}.`));
  const typed: Record<string, string> = {};
  for (const [key, value] of sent.entries())
    if (typeof value === "string" && under(key) && !Object.hasOwn(typed, key)) typed[key] = value;
  const sameFields =
    was !== null &&
    is !== null &&
    sameKeys(was, is) &&
    Object.keys(is).every((k) => !/(^|\.)id$/.test(k) || was[k] === is[k]);
  if (!sameFields)
    return {
      values: {},
      errors: {},
      unsaved: Object.entries(typed).map(([field, text]) => ({ field, words: fieldWords(field), text })),
    };
  const errors = besideEachClash(
    typed,
    is,
    (_, theirs) =>
      theirs
        ? `${who} saved “${theirs}” here meanwhile. Your text is in the box: saving again puts it in place of theirs.`
        : `${who} emptied this meanwhile. Your text is in the box: saving again puts it back.`,
    (field) => is[field] === (was[field] ?? ""),
  );
  return { values: typed, errors, unsaved: [] };
}

/**
 * A whole form sent from a page another save made out of date, where the page sent what it showed:
 * each field the trainer changed keeps their text and every other field takes what is saved now, with
 * a note where both changed a field (`clashes`). Without what the page showed, every field is taken as
 * changed.
 */
export function keepOnClash(
  shown: Record<string, string> | null,
  typed: Record<string, string>,
  saved: Record<string, string>,
  note: (field: string, theirs: string) => string,
): { values: Record<string, string>; errors: FieldErrors; clashes: boolean } {
  const changed = (field: string) => !shown || typed[field] !== shown[field];
  const values = Object.fromEntries(
    Object.entries(typed).map(([field, mine]) => [field, changed(field) ? mine : (saved[field] ?? mine)]),
  );
  const errors = besideEachClash(typed, saved, note, (field) => !changed(field) || saved[field] === shown?.[field]);
  return { values, errors, clashes: Object.keys(errors).length > 0 };
}

/**
 * A note beside each typed field the other save left different from what was typed, saying what
 * they saved; `untouched` skips a field their save left as the page had it, where that is known.
 */
function besideEachClash(
  typed: Record<string, string>,
  saved: Record<string, string | undefined>,
  note: (field: string, theirs: string) => string,
  untouched: (field: string) => boolean = () => false,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, mine] of Object.entries(typed)) {
    const theirs = saved[field];
    if (theirs !== undefined && theirs !== mine && !untouched(field)) errors[field] = note(field, theirs);
  }
  return errors;
}

function sameKeys(a: PartValues, b: PartValues) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k));
}

const PART_WORDS: Record<string, string> = {
  prisoner: "What he says",
  talk: "What kind of talk this is",
  kind: "What happens next",
  id: "Id",
  say: "What the officer says",
  mi: "MI code",
  feedback: "Feedback",
  prompt: "Instruction above the officer's text box",
  goto: "Where it leads",
  outcome: "Outcome",
  label: "What happened",
  effects: "Change to",
  title: "Title officers see",
  summary: "What the conversation is about",
  module: "Module",
  start: "The first node",
  name: "The prisoner's first name",
  background: "His background",
  voice: "How he talks",
  variables: "Starts at",
  variable: "New variable",
};

/** A field's name in words, for the list of what was typed ("Option 2: feedback"). */
function fieldWords(field: string): string {
  const parts = field.split(".").map(decodeURIComponent);
  const rest = parts[0] === "nodes" ? parts.slice(2) : parts[0] === "persona" ? parts.slice(1) : parts;
  const owner =
    rest[0] === "choices" ? `Option ${Number(rest[1]) + 1}: ` : rest[0] === "write" ? "Written reply: " : "";
  const [what, detail] =
    rest[0] === "choices" ? rest.slice(2) : rest[0] === "write" || rest[0] === "ending" ? rest.slice(1) : rest;
  const words = PART_WORDS[what ?? ""] ?? field;
  const named = what === "effects" ? `Change to ${detail}` : what === "variables" ? `${detail} starts at` : words;
  return owner ? owner + lowerFirst(named) : named.charAt(0).toUpperCase() + named.slice(1);
}
