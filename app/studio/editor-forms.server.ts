/**
 * The editor's smaller forms, each one zod schema: the node list (add a node, move one), deleting a
 * node, the scenario's details (title, module, the prisoner, the start, variables) and saving the
 * whole YAML file.
 */
import { z } from "zod";
import { TALK_TYPES } from "~/domain/mi-codes";
import type { Edit } from "~/domain/scenario/editor/edits";
import { fieldName, leadsTo, type ScenarioForm } from "~/domain/scenario/editor/form-model";
import { VARIABLE_PATTERN } from "~/domain/scenario/schema";
import { parseForm, wholeNumber, pageVersion } from "~/utils/forms";
import { OUT_OF_DATE } from "./concurrency";
import type { FormEdits } from "./editor.server";
import type { PartValues } from "./meanwhile";
import { amount, nodeFieldValues, oneOf, paragraph, slugField, TEXT_LIMIT } from "./node-form.server";

const stale = { ok: false as const, errors: { form: OUT_OF_DATE }, values: {} };

const NewNode = z.object({
  "new.id": slugField("the new node's id", null),
  "new.prisoner": paragraph("what he says", { max: TEXT_LIMIT, required: true }),
  "new.talk": z.enum(TALK_TYPES, { error: "Choose what kind of talk it is" }),
});

/** The node list: add a node (with his line and its talk type), or move one up or down. */
export function nodeListEdits(form: ScenarioForm, formData: FormData): FormEdits {
  const intent = formData.get("intent");
  if (intent === "add-node") {
    const taken = new Set(form.nodes.map((n) => n.id));
    const schema = NewNode.refine((d) => !taken.has(d["new.id"]), {
      path: ["new.id"],
      message: "There is already a node with this id: choose another, or leave it blank",
    });
    const parsed = parseForm(schema, formData);
    if (!parsed.ok) return parsed;
    const d = parsed.data;
    const newNode = { ...(d["new.id"] ? { id: d["new.id"] } : {}), prisoner: d["new.prisoner"], talk: d["new.talk"] };
    return { ok: true, edits: [{ kind: "add-node", newNode }] };
  }
  const move = typeof intent === "string" ? /^move-node:(\d{1,4})$/.exec(intent) : null;
  const node = formData.get("node");
  if (move && typeof node === "string" && form.nodes.some((n) => n.id === node))
    return { ok: true, edits: [{ kind: "move-node", node, to: Number(move[1]) }] };
  return stale;
}

export function deleteNodeEdits(form: ScenarioForm, nodeId: string): FormEdits {
  return form.nodes.some((n) => n.id === nodeId) ? { ok: true, edits: [{ kind: "delete-node", node: nodeId }] } : stale;
}

/**
 * What a node list's form rests on, for a save from an out-of-date page: a new node on nothing (it
 * takes a free id, so it goes on top of any other save), a move on the order of the nodes.
 */
export function nodeListFieldValues(form: ScenarioForm, formData: FormData): PartValues {
  return formData.get("intent") === "add-node" ? {} : { order: form.nodes.map((n) => n.id).join(",") };
}

/** What deleting a node rests on: its own fields and what leads to it (another save that changed either refuses it). */
export function deleteNodeFieldValues(form: ScenarioForm, nodeId: string): PartValues | null {
  const fields = nodeFieldValues(form, nodeId);
  const leadsHere = leadsTo(form, nodeId).map((link) => `${link.nodeId}:${link.owner}`);
  return fields && { ...fields, "leads-here": leadsHere.join(",") };
}

/** The details form's fields with their values in `form`: what a save from an out-of-date page is compared with. */
export function detailsFieldValues(form: ScenarioForm): Record<string, string> {
  const values: Record<string, string> = {
    [fieldName(["title"])]: form.title ?? "",
    [fieldName(["summary"])]: form.summary ?? "",
    [fieldName(["module"])]: form.module ?? "",
    [fieldName(["start"])]: form.start ?? "",
    [fieldName(["persona", "name"])]: form.persona.name ?? "",
    [fieldName(["persona", "background"])]: form.persona.background ?? "",
    [fieldName(["persona", "voice"])]: form.persona.voice ?? "",
  };
  for (const v of form.variables) values[fieldName(["variables", v.name])] = v.value ?? "";
  return values;
}

/** The scenario's details; a variable is added or removed by its own button. */
export function detailsEdits(form: ScenarioForm, formData: FormData, moduleIds: readonly string[]): FormEdits {
  const texts = [
    { path: ["title"], label: "a title", max: 120, current: form.title },
    { path: ["summary"], label: "what the conversation is about", max: TEXT_LIMIT, current: form.summary },
    { path: ["persona", "name"], label: "the prisoner's first name", max: 60, current: form.persona.name },
    { path: ["persona", "background"], label: "his background", max: TEXT_LIMIT, current: form.persona.background },
  ];
  const voice = { path: ["persona", "voice"], label: "how he talks", max: TEXT_LIMIT, current: form.persona.voice };
  const choices = [
    { path: ["module"], label: "the module", allowed: moduleIds, current: form.module },
    { path: ["start"], label: "the first node", allowed: form.nodes.map((n) => n.id), current: form.start },
  ];
  const shape: Record<string, z.ZodType<string>> = {};
  for (const t of texts) shape[fieldName(t.path)] = paragraph(t.label, { max: t.max, required: t.current !== null });
  shape[fieldName(voice.path)] = paragraph(voice.label, { max: voice.max, required: false });
  for (const c of choices) shape[fieldName(c.path)] = oneOf(c.label, c.allowed, c.current);
  for (const v of form.variables) shape[fieldName(["variables", v.name])] = amount(`the start value of ${v.name}`);
  const intent = formData.get("intent");
  const adding = intent === "add-variable";
  if (adding) {
    shape["variable.name"] = z
      .string()
      .default("")
      .transform((v) => v.trim())
      .refine((v) => v !== "", "Enter the new variable's name")
      .refine(
        (v) => VARIABLE_PATTERN.test(v) && v.length <= 40,
        "A variable name is lower-case letters, digits and _, starting with a letter, like rapport",
      )
      .refine((v) => !form.variables.some((x) => x.name === v), "There is already a variable with that name");
    shape["variable.value"] = amount("the new variable's start value");
  }
  const parsed = parseForm(z.object(shape), formData);
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  const edits: Edit[] = [];
  for (const t of [...texts, ...choices]) {
    const value = data[fieldName(t.path)] ?? "";
    if (value !== (t.current ?? "") && value !== "") edits.push({ kind: "set-text", path: t.path, value });
  }
  // How he talks is optional: emptied, it goes.
  const spoken = data[fieldName(voice.path)] ?? "";
  if (spoken !== (voice.current ?? "")) edits.push({ kind: "set-text", path: voice.path, value: spoken || null });
  for (const v of form.variables) {
    const value = data[fieldName(["variables", v.name])] ?? "";
    if (value !== "" && Number(value) !== Number(v.value))
      edits.push({ kind: "set-number", path: ["variables", v.name], value: Number(value) });
  }
  if (adding)
    edits.push({ kind: "add-variable", name: data["variable.name"], value: Number(data["variable.value"] || 0) });
  const removing = typeof intent === "string" ? /^delete-variable:([a-z][a-z0-9_]*)$/.exec(intent) : null;
  if (removing) edits.push({ kind: "delete-variable", name: removing[1] });
  else if (intent !== null && intent !== "save" && !adding) return stale;
  return { ok: true, edits };
}

const Restore = z.object({ restore: wholeNumber("the revision"), revision: pageVersion() });

/** The history page's restore button: which revision to bring back, and the revision the page showed. */
export function parseRestore(formData: FormData) {
  return parseForm(Restore, formData);
}

/** The YAML editor's form: the whole scenario file and the revision it was edited from. */
const SaveForm = z.object({
  yaml: z.string({ error: "Enter the scenario" }).refine((v) => v.trim().length > 0, "Enter the scenario"),
  revision: pageVersion(),
});

export const readSaveForm = (formData: FormData) => parseForm(SaveForm, formData);
