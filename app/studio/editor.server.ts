/**
 * The studio's forms over a draft: one parse of the draft gives the validator's findings, the form
 * model and where each finding goes; a form submission becomes edits, the edits a new revision.
 * Routes call these and stay thin.
 */
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import type { CurrentUser } from "~/auth/guard.server";
import { type CheckResult, type Diagnostic } from "~/domain/scenario";
import { checkParsed } from "~/domain/scenario/check";
import { applyEditsToDocument, type Edit, type Refusal } from "~/domain/scenario/editor/edits";
import { placeDiagnostics, type FieldFinding } from "~/domain/scenario/editor/field-diagnostics";
import { fieldName, type ScenarioForm } from "~/domain/scenario/editor/form-model";
import {
  editableDocument,
  formOfDocument,
  parseForEditing,
  readScenarioForm,
} from "~/domain/scenario/editor/read-form";
import { sketchOf } from "~/domain/scenario/editor/sketch";
import { formatDateTime } from "~/domain/dates.server";
import { getDraftRevision } from "~db/queries/scenario-drafts.server";
import { parseYamlSource, type ParsedYaml } from "~/domain/scenario/parse";
import { inPlainWords } from "~/domain/scenario/plain-words";
import { NodeSplice } from "~/domain/scenario/editor/splice";
import type { FieldErrors } from "~/utils/forms";
import { mapAround } from "./map.server";
import { fieldsEdited, keepTyping, samePart, type KeptTyping, type PartValues } from "./meanwhile";
import { OUT_OF_DATE } from "./concurrency";
import { formSaveHow } from "./revision-words.server";
import { placeholderFindings } from "./template.server";
import {
  checkStudioYaml,
  holdToId,
  loadStudioScenario,
  moduleOptions,
  saveDraft,
  type StudioScenario,
} from "./studio.server";

export interface EditorView {
  scenario: StudioScenario;
  check: CheckResult;
  /** The draft as forms; null when it cannot be (not YAML, over a limit): `formProblems` says why. */
  form: ScenarioForm | null;
  formProblems: Diagnostic[];
  /** Each finding, in plain words, with the field it belongs beside. */
  placed: FieldFinding[];
}

export async function loadEditor(db: Kysely<Database>, scenarioId: string): Promise<EditorView | null> {
  const scenario = await loadStudioScenario(db, scenarioId);
  if (!scenario) return null;
  const moduleIds = (await moduleOptions(db)).map((m) => m.id);
  const parsed = parseYamlSource(scenario.yaml, { nodesKey: "nodes" });
  const check = holdToId(checkParsed(parsed, { moduleIds }), scenario.yaml, scenario.id);
  const editable = editableDocument(parsed);
  const form = editable.ok ? formOfDocument(editable.doc) : null;
  return {
    scenario,
    check,
    form,
    formProblems: editable.ok ? [] : editable.diagnostics,
    // The template's placeholder text blocks publishing: say so at the field that holds it.
    placed: form
      ? placeDiagnostics(
          form,
          inPlainWords([...check.diagnostics, ...placeholderFindings(check.scenario)], parsed.value),
        )
      : [],
  };
}

/** The checker's teaching warnings on a draft, each at the field it belongs beside (for the publish page's links). */
export function warningFindings(yaml: string, check: CheckResult) {
  const warnings = inPlainWords(
    check.diagnostics.filter((d) => d.severity === "warning"),
    check.scenario,
  );
  const read = warnings.length ? readScenarioForm(yaml) : null;
  const placed: FieldFinding[] = read?.ok
    ? placeDiagnostics(read.form, warnings)
    : warnings.map((d) => ({ field: fieldName(d.path ?? []), nodeId: d.nodeId ?? null, diagnostic: d }));
  return placed.map((p) => ({
    field: p.field,
    nodeId: p.nodeId,
    severity: p.diagnostic.severity,
    message: p.diagnostic.message,
  }));
}

/** The map beside a node's form: the node with the nodes that lead to it and those it leads to. */
export function nodeMap(view: EditorView, nodeId: string) {
  const scenario = view.check.scenario ?? (view.form ? sketchOf(view.form) : null);
  if (!scenario || !(nodeId in scenario.nodes)) return null;
  return mapAround(scenario, nodeId);
}

export type FormEdits =
  { ok: true; edits: Edit[] } | { ok: false; errors: FieldErrors; values: Record<string, string> };

export type EditOutcome =
  /**
   * Saved as a new revision; `nodeId` is the node to show next (a new, copied or renamed one), `renamed` the edited
   * node's new id; `meanwhile` says who saved another part of the draft after the page was opened (both are kept).
   */
  | { kind: "saved"; revision: number; nodeId?: string; renamed?: string; errors: number; meanwhile?: string }
  | { kind: "unchanged" }
  /** The form itself was refused: a message per field, and what was typed. */
  | { kind: "invalid"; errors: FieldErrors; values: Record<string, string> }
  /** Someone saved the same part meanwhile: nothing saved, what was typed kept (see meanwhile.ts). */
  | ({ kind: "stale"; message: string } & Partial<KeptTyping>)
  | { kind: "not-editable"; message: string };

/** A form's fields, for a save sent from an out-of-date page: what was sent, and the part's fields in a revision. */
export interface SentForm {
  sent: FormData;
  fieldsIn: (form: ScenarioForm) => PartValues | null;
}

/**
 * Applies a form's edits to the draft the trainer was looking at (revision `base`) and saves the
 * result as the next revision. Nothing is saved when the form, an edit or the lock says no. With
 * `form`, a save from an out-of-date page is made on top of the other save when that left this
 * form's part alone, and otherwise keeps what was typed.
 */
export async function editDraft(
  db: Kysely<Database>,
  user: CurrentUser,
  scenarioId: string,
  base: number,
  build: (form: ScenarioForm) => FormEdits,
  /** The node whose form was sent (read in full); other forms need only the nodes' ids. */
  focus = "",
  form?: SentForm,
): Promise<EditOutcome | null> {
  const scenario = await loadStudioScenario(db, scenarioId);
  if (!scenario) return null;
  let meanwhile: string | undefined;
  if (base > scenario.revision) return { kind: "stale", message: OUT_OF_DATE };
  if (scenario.revision !== base) {
    const other = await savedMeanwhile(db, scenario, base, build, focus, form);
    if (other.kind !== "untouched") return other;
    meanwhile = `${other.who} saved another part of this draft${other.when} after you opened this page. Your change did not touch theirs, so both are kept.`;
  }
  const result = formEditedText(scenario.yaml, build, focus);
  if (result.kind !== "edited") return result;
  if (!result.changed) return { kind: "unchanged" };
  const saved = await saveDraft(db, user, scenarioId, result.yaml, scenario.revision, formSaveHow(result.edits));
  if (!saved.ok) return { kind: "stale", message: saved.message };
  // The node's own save hands over its read of the new text, so the text is read once.
  const check = await checkStudioYaml(db, result.yaml, scenarioId, { parsed: result.parsed });
  return {
    kind: "saved",
    revision: saved.revision,
    nodeId: result.nodeId,
    renamed: result.renamed,
    errors: check.diagnostics.filter((d) => d.severity === "error").length,
    ...(meanwhile ? { meanwhile } : {}),
  };
}

/** Whether the save made meanwhile left this form's part as the page showed it; if not, what to tell the trainer. */
async function savedMeanwhile(
  db: Kysely<Database>,
  scenario: StudioScenario,
  base: number,
  build: (form: ScenarioForm) => FormEdits,
  focus: string,
  form: SentForm | undefined,
): Promise<{ kind: "untouched"; who: string; when: string } | Extract<EditOutcome, { kind: "stale" }>> {
  const draft = scenario.draft;
  const who = draft?.updated_by_name ?? "Another trainer";
  const when = draft ? ` on ${formatDateTime(draft.updated_at)}` : "";
  const what = focus ? "this node" : "this draft";
  const refusal = `${draft ? `${who} saved ${what}${when}` : "A new version of this scenario was published"} after you opened this page, so your change was not saved.`;
  const baseYaml =
    (await getDraftRevision(db, scenario.id, base))?.yaml ??
    (scenario.published?.draft_revision === base ? scenario.published.yaml : null);
  const before = form && baseYaml !== null ? readScenarioForm(baseYaml) : null;
  const now = form ? readScenarioForm(scenario.yaml) : null;
  if (!form || !before?.ok || !now?.ok)
    return {
      kind: "stale",
      message: `${refusal} The page now shows the draft as it is saved: make your change again.`,
    };
  const was = form.fieldsIn(before.form);
  const is = form.fieldsIn(now.form);
  if (draft && was && is && samePart(was, is)) return { kind: "untouched", who, when };
  const mine = build(before.form);
  const edited = mine.ok ? fieldsEdited(mine.edits) : [...new Set([...form.sent.keys()])];
  const kept = keepTyping(was, is, edited, form.sent, who);
  // Moving or deleting a node has no text to keep: the trainer looks again at what the other save did.
  if (edited.length === 0)
    return {
      kind: "stale",
      message: `${refusal} The page now shows the draft as it is saved: look at it, then make your change again.`,
    };
  const how = kept.unsaved.length
    ? "Your text is listed below, not saved, beside the form as it is saved now: copy what you need, then save again."
    : Object.keys(kept.errors).length
      ? "Your text is still in the form. Where they changed the same field, what they saved is shown at the field: choose which to keep, then save again."
      : "Your text is still in the form: check it against their changes, then save again.";
  return { kind: "stale", message: `${refusal} ${how}`, ...kept };
}

export type Edited =
  | {
      kind: "edited";
      yaml: string;
      changed: boolean;
      nodeId?: string;
      renamed?: string;
      parsed: ParsedYaml | null;
      /** The form's edits, for the draft's history. */
      edits: Edit[];
    }
  | Extract<EditOutcome, { kind: "invalid" | "not-editable" }>;

/**
 * The draft's text after the form's edits. A node's own form edits that node's lines only (quick on
 * 500 nodes); anything else, or anything that path is unsure of, goes through the whole document.
 */
export function formEditedText(yaml: string, build: (form: ScenarioForm) => FormEdits, focus: string): Edited {
  const splice = focus ? NodeSplice.of(yaml, focus) : null;
  if (splice) {
    const built = build(splice.form);
    if (!built.ok) return { kind: "invalid", errors: built.errors, values: built.values };
    const spliced = splice.apply(built.edits);
    if (spliced?.ok) return { kind: "edited", ...spliced, edits: built.edits };
    if (spliced) return refused(spliced);
  }
  // One parse: the form is read from the document the edits then change.
  const parsed = parseForEditing(yaml);
  if (!parsed.ok)
    return {
      kind: "not-editable",
      message: `The draft cannot be shown as forms until its YAML is fixed: ${parsed.diagnostics[0]?.message ?? ""}`,
    };
  const built = build(formOfDocument(parsed.doc, focus));
  if (!built.ok) return { kind: "invalid", errors: built.errors, values: built.values };
  const result = applyEditsToDocument(parsed.doc, yaml, built.edits);
  if (!result.ok) return refused(result);
  const { yaml: text, changed, nodeId, renamed } = result;
  return { kind: "edited", yaml: text, changed, nodeId, renamed, parsed: null, edits: built.edits };
}

const refused = (refusal: Refusal): Edited => ({
  kind: "invalid",
  errors: { [fieldName(refusal.path) || "form"]: refusal.message },
  values: {},
});

/** The notice after a save, in the words the YAML editor uses. */
export function savedNotice(errors: number): string {
  return errors
    ? `Draft saved. It has ${errors === 1 ? "1 error" : `${errors} errors`} to fix before you can publish it.`
    : "Draft saved. It has no errors.";
}

/** The draft revision a form was made from (its hidden `revision` field); null when missing or not a number. */
export function revisionOf(formData: FormData): number | null {
  const value = formData.get("revision");
  return typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : null;
}
