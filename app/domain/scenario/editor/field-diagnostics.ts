/**
 * Which form field each validator finding belongs beside. Diagnostics carry the data path they
 * are about (["nodes", "opening", "choices", 0, "goto"]); the forms name their fields by the same
 * paths, so a finding goes to the deepest field the form shows on its path: a bad goto to the
 * goto's select, an unknown field in an option to that option, an unreachable node to the node.
 * Browser-safe: no `yaml`, no `zod`.
 */
import type { DataPath, Diagnostic } from "../diagnostics";
import { fieldName, type GotoForm, type NodeForm, type ScenarioForm } from "./form-model";

/** Every field and group the node editor shows for one node, by form name. */
function nodeFieldNames(node: NodeForm, variables: readonly string[]): string[] {
  const base: DataPath = ["nodes", node.id];
  const names: DataPath[] = [base, [...base, "id"], [...base, "prisoner"], [...base, "talk"], [...base, "kind"]];
  const gotoNames = (owner: DataPath, goto: GotoForm | null) => {
    names.push([...owner, "goto"]);
    (goto?.branches ?? [{ if: null, node: null }]).forEach((b, j) => {
      names.push([...owner, "goto", j, "node"]);
      if (goto?.branching) names.push([...owner, "goto", j], [...owner, "goto", j, "if"]);
    });
  };
  if (node.kinds.includes("choices")) {
    names.push([...base, "choices"]);
    node.choices.forEach((choice, i) => {
      const at = [...base, "choices", i];
      names.push(at, [...at, "id"], [...at, "say"], [...at, "mi"], [...at, "feedback"]);
      const effects = effectVariables(choice.effects, variables);
      if (effects.length) names.push([...at, "effects"], ...effects.map((v) => [...at, "effects", v]));
      gotoNames(at, choice.goto);
    });
  }
  if (node.kinds.includes("write")) {
    const at = [...base, "write"];
    names.push(at, [...at, "prompt"], [...at, "feedback"]);
    gotoNames(at, node.write?.goto ?? null);
  }
  if (node.kinds.includes("ending")) {
    const at = [...base, "ending"];
    names.push(at, [...at, "outcome"], [...at, "label"]);
  }
  return names.map(fieldName);
}

/** The fields of the scenario's own details (title, module, prisoner, start, variables). */
export function scenarioFieldNames(form: ScenarioForm): string[] {
  const names: DataPath[] = [
    ["id"],
    ["title"],
    ["module"],
    ["summary"],
    ["persona"],
    ["persona", "name"],
    ["persona", "background"],
    ["persona", "voice"],
    ["start"],
    ["variables"],
    ["nodes"],
    ...form.variables.map((v) => ["variables", v.name]),
  ];
  return [SCENARIO_FIELD, ...names.map(fieldName)];
}

/** Where findings about the scenario as a whole go (the top of its details form). */
export const SCENARIO_FIELD = "scenario";

/** The declared variables, then any others an option already changes (shown so their error has a place). */
export function effectVariables(effects: { variable: string }[], declared: readonly string[]): string[] {
  return [...declared, ...effects.map((e) => e.variable).filter((v) => !declared.includes(v))];
}

export interface FieldFinding {
  /** The form field's name (its element id is `field-` + name). */
  field: string;
  /** The node whose form shows it; null for the scenario's details. */
  nodeId: string | null;
  diagnostic: Diagnostic;
}

/**
 * Places each finding at a field. Findings with no path (a YAML syntax error) or on a node that is
 * not in the form go to the scenario's details, so none is ever dropped.
 */
export function placeDiagnostics(form: ScenarioForm, diagnostics: readonly Diagnostic[]): FieldFinding[] {
  const variables = form.variables.map((v) => v.name);
  const nodeFields = new Map(form.nodes.map((n) => [n.id, new Set(nodeFieldNames(n, variables))]));
  const scenarioFields = new Set(scenarioFieldNames(form));
  return diagnostics.map((diagnostic) => {
    const path = diagnostic.path ?? [];
    const nodeId = path[0] === "nodes" && typeof path[1] === "string" && nodeFields.has(path[1]) ? path[1] : null;
    const fields = nodeId ? nodeFields.get(nodeId)! : scenarioFields;
    const node = nodeId ? form.nodes.find((n) => n.id === nodeId) : undefined;
    // A dead end is mended by choosing what happens after his line.
    const at = diagnostic.code === "dead-end" && nodeId ? [...path, "kind"] : path;
    return { field: deepestField(at, fields, node), nodeId, diagnostic };
  });
}

function deepestField(path: DataPath, fields: ReadonlySet<string>, node: NodeForm | undefined): string {
  // A plain `goto: node` shows as the first branch's select.
  const last = path.length - 1;
  if (node && path[last] === "goto") {
    const select = fieldName([...path, 0, "node"]);
    if (fields.has(select)) return select;
  }
  for (let n = path.length; n > 0; n--) {
    const name = fieldName(path.slice(0, n));
    if (fields.has(name)) return name;
  }
  return SCENARIO_FIELD;
}

/** The findings shown on one node's form (or, for null, the scenario's details), by field name, in the validator's order. */
export function findingsFor(placed: readonly FieldFinding[], nodeId: string | null): Record<string, Diagnostic[]> {
  const out: Record<string, Diagnostic[]> = {};
  for (const f of placed) if (f.nodeId === nodeId) (out[f.field] ??= []).push(f.diagnostic);
  return out;
}
