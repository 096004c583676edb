/**
 * A scenario as the studio's forms show it: nodes in file order, each with its fields as the text
 * a trainer typed. It is read from the YAML (read-form.ts) and never written back as a whole:
 * edits change the YAML document in place (edits.ts), so the YAML stays the source.
 *
 * Plain types and helpers only (no `yaml`, no `zod`): the browser bundle imports this module.
 */
import type { DataPath } from "../diagnostics";

export type NodeKind = "choices" | "write" | "ending";

/** The fields of each part of a scenario, in the order the format's documentation writes them. */
export const FIELD_ORDER = {
  scenario: ["id", "title", "module", "summary", "persona", "start", "variables", "nodes"],
  persona: ["name", "background", "voice"],
  node: ["prisoner", "talk", "choices", "write", "ending"],
  choice: ["id", "say", "mi", "feedback", "effects", "goto"],
  write: ["prompt", "feedback", "goto"],
  ending: ["outcome", "label"],
  branch: ["if", "node"],
} as const;
export type Part = keyof typeof FIELD_ORDER;

export interface ScenarioForm {
  id: string | null;
  title: string | null;
  module: string | null;
  summary: string | null;
  persona: { name: string | null; background: string | null; voice: string | null };
  start: string | null;
  /** Declared variables in file order; values as written ("0", "-2"). */
  variables: { name: string; value: string | null }[];
  nodes: NodeForm[];
  /** Parts of the file the forms cannot show (an unknown field, a list where text belongs): edit them as YAML. */
  yamlOnly: YamlOnlyPart[];
}

export interface YamlOnlyPart {
  path: DataPath;
  /** In plain words, e.g. "'feedbak' is not a field the form knows". */
  reason: string;
}

export interface NodeForm {
  id: string;
  prisoner: string | null;
  talk: string | null;
  /** Every kind the node has: normally exactly one; none or two are validator errors the form shows. */
  kinds: NodeKind[];
  choices: ChoiceForm[];
  write: WriteForm | null;
  ending: EndingForm | null;
}

export interface ChoiceForm {
  id: string | null;
  say: string | null;
  mi: string | null;
  feedback: string | null;
  /** Effects in file order: amounts as written ("1", "-2"). */
  effects: { variable: string; amount: string | null }[];
  goto: GotoForm | null;
}

export interface WriteForm {
  prompt: string | null;
  feedback: string | null;
  goto: GotoForm | null;
}

export interface EndingForm {
  outcome: string | null;
  label: string | null;
}

/** A goto as a list of branches; a plain `goto: node` is one branch with no condition. */
export interface GotoForm {
  /** True when the YAML writes a list of { if, node } entries (even of one). */
  branching: boolean;
  branches: { if: string | null; node: string | null }[];
}

/** A choice, by its index in the node's list, or the node's write: the two things that have a goto. */
export type Owner = number | "write";

/** The select value meaning "make a new node and go there". Not a slug, so no node can have it as its id. */
export const NEW_NODE = "+new";

/** Form field names are data paths joined with dots; odd characters in keys are escaped so names stay unique. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.map((seg) => encodeURIComponent(String(seg)).replace(/\./g, "%2E")).join(".");
}

export function findNode(form: ScenarioForm, nodeId: string): NodeForm | undefined {
  return form.nodes.find((n) => n.id === nodeId);
}

/** The single kind the form edits the node as (the first it has), or null for a node with none yet. */
export function nodeKind(node: NodeForm): NodeKind | null {
  return node.kinds[0] ?? null;
}

/** An id from the first words of a text ("You can't see the point" -> you-cant-see); "" when it has none. */
export function idFromWords(text: string, words = 3): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, words)
    .join("-");
}

/** A node id not yet taken: `base`, else `base-2`, `base-3`... */
export function freeId(base: string, taken: ReadonlySet<string> | readonly string[]): string {
  const has = (id: string) => (Array.isArray(taken) ? taken.includes(id) : (taken as ReadonlySet<string>).has(id));
  if (!has(base)) return base;
  for (let n = 2; ; n++) if (!has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * The form model a node's page needs: that node in full, the others only as far as the goto lists
 * show them (id and the start of his line), so a page of a 500-node scenario stays small.
 */
export function formForNode(form: ScenarioForm, nodeId: string): ScenarioForm {
  return {
    ...form,
    nodes: form.nodes.map((n) =>
      n.id === nodeId
        ? n
        : {
            id: n.id,
            prisoner: n.prisoner && n.prisoner.slice(0, 60),
            talk: null,
            kinds: [],
            choices: [],
            write: null,
            ending: null,
          },
    ),
  };
}

/** The options (and written replies) whose goto names a node: what deleting it would leave pointing nowhere. */
export function leadsTo(form: ScenarioForm, nodeId: string): { nodeId: string; owner: Owner; say: string | null }[] {
  const names = (goto: GotoForm | null) => goto?.branches.some((b) => b.node === nodeId) ?? false;
  return form.nodes.flatMap((n) => [
    ...n.choices.flatMap((c, i) => (names(c.goto) ? [{ nodeId: n.id, owner: i, say: c.say }] : [])),
    ...(n.write && names(n.write.goto) ? [{ nodeId: n.id, owner: "write" as Owner, say: null }] : []),
  ]);
}
