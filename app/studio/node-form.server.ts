/**
 * A submitted node form -> the edits to make. One zod schema per submission, built from the node
 * as it is now (its options, variables and the nodes it may lead to), so a value the form did not
 * offer is refused with a message at its field and nothing is saved. Only fields whose value
 * changed become edits: saving an untouched form changes no byte of the YAML.
 */
import { z } from "zod";
import { MI_CODES, OUTCOMES, TALK_TYPES } from "~/domain/mi-codes";
import { OPERATORS, parseCondition } from "~/domain/scenario/conditions";
import type { DataPath } from "~/domain/scenario/diagnostics";
import type { Branch, Edit } from "~/domain/scenario/editor/edits";
import { effectVariables } from "~/domain/scenario/editor/field-diagnostics";
import {
  fieldName,
  findNode,
  NEW_NODE,
  nodeKind,
  type GotoForm,
  type NodeForm,
  type Owner,
  type ScenarioForm,
} from "~/domain/scenario/editor/form-model";
import { INTENT, parseIntent, type Intent } from "~/domain/scenario/editor/intents";
import { SLUG_PATTERN } from "~/domain/scenario/schema";
import { longText, parseForm, type FieldErrors } from "~/utils/forms";

export const TEXT_LIMIT = 1000;
export const FEEDBACK_LIMIT = 2000;
const NUMBER_LIMIT = 1000;

export type NodeFormResult =
  { ok: true; edits: Edit[]; intent: Intent } | { ok: false; errors: FieldErrors; values: Record<string, string> };

// One paragraph of text (every text in a scenario is one): the checks of any long text (no hidden
// or control characters, a length limit), then line breaks and runs of spaces made single spaces.
export function paragraph(label: string, { max, required }: { max: number; required: boolean }) {
  return longText(label, { max })
    .transform((v) => v.replace(/[ \t\n]+/g, " "))
    .refine((v) => !required || v.length > 0, `Enter ${label}`);
}

/** One of the listed values; the value already in the YAML is allowed too (so an untouched form saves). */
export function oneOf(label: string, allowed: readonly string[], current: string | null, { required = true } = {}) {
  const ok = new Set([...allowed, ...(current ? [current] : [])]);
  return z
    .string()
    .default("")
    .refine((v) => (v === "" ? !required || !current : ok.has(v)), `Choose ${label} from the list`);
}

export function slugField(label: string, current: string | null) {
  return z
    .string()
    .default("")
    .transform((v) => v.trim())
    .refine((v) => v !== "" || !current, `Enter ${label}`)
    .refine(
      (v) => v === "" || v === current || (SLUG_PATTERN.test(v) && v.length <= 80),
      `${capital(label)} must be lower-case letters, digits and single hyphens (at most 80), like opens-up`,
    );
}

export const amount = (label: string) =>
  z
    .string()
    .default("")
    .transform((v) => v.trim().replace(/^\+/, "").replace(/^−/, "-"))
    .refine((v) => v === "" || /^-?\d{1,4}$/.test(v), `${capital(label)} must be a whole number, such as 1 or -2`)
    .refine((v) => v === "" || Math.abs(Number(v)) <= NUMBER_LIMIT, `${capital(label)} must be between -1000 and 1000`);

export function nodeFormEdits(form: ScenarioForm, formData: FormData): NodeFormResult {
  const nodeId = formData.get("node");
  const node = typeof nodeId === "string" ? findNode(form, nodeId) : undefined;
  const intent = parseIntent(formData.get(INTENT));
  if (!node || !intent) {
    return {
      ok: false,
      errors: { form: "This form is out of date: the node may have been renamed or deleted. Reload the page." },
      values: {},
    };
  }
  const plan = new FormPlan(form, node);
  const parsed = parseForm(z.object(plan.shape), formData);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values };
  return { ok: true, edits: plan.edits(parsed.data, intent), intent };
}

/** Each field of a node's form with its value in `form` (null when it has no such node): what a save sent from an out-of-date page is compared with. */
export function nodeFieldValues(form: ScenarioForm, nodeId: string): Record<string, string> | null {
  const node = findNode(form, nodeId);
  return node ? new FormPlan(form, node).values() : null;
}

/** The fields of one node's form: their schemas, and how a submitted value becomes an edit. */
class FormPlan {
  readonly shape: Record<string, z.ZodType<string>> = {};
  private readonly texts: { path: DataPath; current: string | null; optional: boolean }[] = [];
  private readonly numbers: { path: DataPath; current: string | null }[] = [];
  private readonly gotos: { owner: Owner; goto: GotoForm | null }[] = [];
  private readonly variables: string[];
  private readonly ids: string[];

  constructor(
    form: ScenarioForm,
    private readonly node: NodeForm,
  ) {
    this.variables = form.variables.map((v) => v.name);
    this.ids = form.nodes.map((n) => n.id);
    const base = ["nodes", node.id];
    this.shape[fieldName([...base, "id"])] = slugField("the node id", node.id);
    this.text([...base, "prisoner"], node.prisoner, "what he says");
    this.choice([...base, "talk"], node.talk, "the talk type", TALK_TYPES);
    this.shape[fieldName([...base, "kind"])] = oneOf(
      "what happens next",
      ["choices", "write", "ending"],
      nodeKind(node),
    );
    node.choices.forEach((c, i) => {
      const at = [...base, "choices", i];
      this.text([...at, "say"], c.say, `what the officer says in option ${i + 1}`);
      this.choice([...at, "mi"], c.mi, `the MI code of option ${i + 1}`, MI_CODES);
      this.text([...at, "feedback"], c.feedback, `the feedback for option ${i + 1}`, { optional: true });
      this.texts.push({ path: [...at, "id"], current: c.id, optional: false });
      this.shape[fieldName([...at, "id"])] = slugField(`the id of option ${i + 1}`, c.id);
      for (const v of effectVariables(c.effects, this.variables)) {
        const path = [...at, "effects", v];
        this.numbers.push({ path, current: c.effects.find((e) => e.variable === v)?.amount ?? null });
        this.shape[fieldName(path)] = amount(`the change to ${v} in option ${i + 1}`);
      }
      this.goto(i, c.goto);
    });
    if (node.write) {
      this.text([...base, "write", "prompt"], node.write.prompt, "the instruction above the text box");
      this.text([...base, "write", "feedback"], node.write.feedback, "what a good reply does", { optional: true });
      this.goto("write", node.write.goto);
    }
    if (node.ending) {
      this.choice([...base, "ending", "outcome"], node.ending.outcome, "the outcome", OUTCOMES);
      this.text([...base, "ending", "label"], node.ending.label, "what happened");
    }
  }

  private text(path: DataPath, current: string | null, label: string, { optional = false } = {}) {
    this.texts.push({ path, current, optional });
    const max = path[path.length - 1] === "feedback" ? FEEDBACK_LIMIT : TEXT_LIMIT;
    this.shape[fieldName(path)] = paragraph(label, { max, required: !optional && current !== null });
  }

  private choice(path: DataPath, current: string | null, label: string, allowed: readonly string[]) {
    this.texts.push({ path, current, optional: false });
    this.shape[fieldName(path)] = oneOf(label, allowed, current);
  }

  private goto(owner: Owner, goto: GotoForm | null) {
    this.gotos.push({ owner, goto });
    const at = this.gotoPath(owner);
    (goto?.branches ?? [{ if: null, node: null }]).forEach((b, j) => {
      this.shape[fieldName([...at, j, "node"])] = oneOf("where it leads", [...this.ids, NEW_NODE], b.node);
      if (!goto?.branching || b.if === null) return;
      const name = fieldName([...at, j, "if"]);
      // Three fields (variable, comparison, number), or one text box for a condition the form could not split.
      this.shape[name] = paragraph("the condition", { max: 200, required: false });
      this.shape[`${name}.op`] = z
        .string()
        .optional()
        .refine((v) => v === undefined || (OPERATORS as readonly string[]).includes(v), "Choose a comparison")
        .transform((v) => v ?? "");
      this.shape[`${name}.value`] = amount("the number in the condition");
    });
  }

  private gotoPath(owner: Owner): DataPath {
    return owner === "write"
      ? ["nodes", this.node.id, "write", "goto"]
      : ["nodes", this.node.id, "choices", owner, "goto"];
  }

  values(): Record<string, string> {
    const id = this.node.id;
    const values: Record<string, string> = {
      [fieldName(["nodes", id, "id"])]: id,
      [fieldName(["nodes", id, "kind"])]: nodeKind(this.node) ?? "",
    };
    for (const f of [...this.texts, ...this.numbers]) values[fieldName(f.path)] = f.current ?? "";
    for (const { owner, goto } of this.gotos)
      (goto?.branches ?? [{ if: null, node: null }]).forEach((b, j) => {
        const at = [...this.gotoPath(owner), j];
        values[fieldName([...at, "node"])] = b.node ?? "";
        if (b.if !== null) values[fieldName([...at, "if"])] = b.if;
      });
    return values;
  }

  edits(data: Record<string, string>, intent: Intent): Edit[] {
    const edits: Edit[] = [];
    const id = this.node.id;
    const kindNow = nodeKind(this.node);
    const kind = data[fieldName(["nodes", id, "kind"])] || null;
    const kindChanged = kind !== null && kind !== kindNow;
    const keep = (path: DataPath) => !kindChanged || path.length <= 3 || path[2] === kind;
    if (kindChanged) edits.push({ kind: "set-node-kind", node: id, to: kind as "choices" | "write" | "ending" });

    for (const t of this.texts.filter((t) => keep(t.path))) {
      const value = data[fieldName(t.path)] ?? "";
      if (value === (t.current ?? "")) continue;
      if (value === "" && !t.optional) continue; // a missing required field stays missing (its error shows)
      edits.push({ kind: "set-text", path: t.path, value: value === "" ? null : value });
    }
    for (const n of this.numbers.filter((n) => keep(n.path))) {
      const value = data[fieldName(n.path)] ?? "";
      if (value === (n.current ?? "") || (value !== "" && n.current !== null && Number(value) === Number(n.current)))
        continue;
      edits.push({ kind: "set-number", path: n.path, value: value === "" ? null : Number(value) });
    }
    for (const g of this.gotos.filter((g) => keep(this.gotoPath(g.owner)))) edits.push(...this.gotoEdits(g, data));

    const structural = this.intentEdit(intent);
    if (structural) edits.push(structural);
    const renamed = data[fieldName(["nodes", id, "id"])];
    if (renamed && renamed !== id) edits.push({ kind: "rename-node", node: id, to: renamed });
    return edits;
  }

  private gotoEdits({ owner, goto }: { owner: Owner; goto: GotoForm | null }, data: Record<string, string>): Edit[] {
    const at = this.gotoPath(owner);
    const current = goto?.branches ?? [{ if: null, node: null }];
    const fresh: number[] = [];
    const branches: Branch[] = current.map((b, j) => {
      const chosen = data[fieldName([...at, j, "node"])] ?? "";
      if (chosen === NEW_NODE) fresh.push(j);
      const node = chosen === NEW_NODE || chosen === "" ? (b.node ?? "") : chosen;
      return { if: b.if === null ? null : this.condition(fieldName([...at, j, "if"]), b.if, data), node };
    });
    const edits: Edit[] = [];
    const changed = branches.some((b, j) => b.node !== (current[j].node ?? "") || b.if !== current[j].if);
    if (changed && branches.every((b) => b.node !== ""))
      edits.push({ kind: "set-goto", node: this.node.id, owner, branches });
    for (const j of fresh) edits.push({ kind: "goto-new-node", node: this.node.id, owner, branch: j });
    return edits;
  }

  private condition(name: string, current: string, data: Record<string, string>): string {
    const op = data[`${name}.op`];
    const variable = data[name] ?? "";
    if (!op) return variable || current; // the one-text-box form of a condition
    const value = data[`${name}.value`] ?? "";
    // Unchanged parts keep the condition exactly as written ("rapport>=2" stays as it is).
    const was = parseCondition(current);
    if (was && was.variable === variable && was.op === op && value !== "" && was.value === Number(value))
      return current;
    return `${variable} ${op} ${value}`;
  }

  private intentEdit(intent: Intent): Edit | null {
    const node = this.node.id;
    switch (intent.kind) {
      case "save":
        return null;
      case "add-choice":
        return { kind: "add-choice", node };
      case "duplicate-choice":
      case "delete-choice":
        return { kind: intent.kind, node, index: intent.index };
      case "move-choice":
        return { kind: "move-choice", node, index: intent.index, to: intent.to };
      case "add-branch":
        return { kind: "add-branch", node, owner: intent.owner };
      case "delete-branch":
        return { kind: "delete-branch", node, owner: intent.owner, index: intent.index };
      case "duplicate-node":
        return { kind: "duplicate-node", node };
    }
  }
}

function capital(s: string) {
  const t = s.replace(/^(a|an|the) /, "");
  return t.charAt(0).toUpperCase() + t.slice(1);
}
