/**
 * Generated scenarios for property tests of the form editor: data in the scenario format (with
 * awkward texts: YAML keywords, colons, "#", quotes, line breaks, non-ASCII), written out in many
 * layouts (indentation, list indentation, quoting, flow or block groups, folded lines, comments).
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, visit, type ToStringOptions } from "yaml";
import { MI_CODES, OUTCOMES, TALK_TYPES } from "~/domain/mi-codes";
import type { Edit } from "~/domain/scenario/editor/edits";
import type { GotoForm, ScenarioForm } from "~/domain/scenario/editor/form-model";
import { readScenarioForm } from "~/domain/scenario/editor/read-form";

export const slugArb = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}$/);

export const textArb = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => /\S/.test(s)) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).filter((s) => /\S/.test(s)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "yes",
      "no",
      "null",
      "~",
      "123",
      "-1.5",
      "true",
      "a: b",
      "x #y",
      "#hash",
      "- dash",
      "'single'",
      '"double"',
      "[x]",
      "{y: 1}",
      "line\nbreak",
      " leading space",
      "trailing space ",
      "Ünïcödé ✓ — “quotes”",
      "@at",
      "`tick`",
      "%pct",
      "*star",
      "&amp",
      "!bang",
      "|pipe",
      ">gt",
      "...",
      "---",
      "It's a waste of time, guv. They'll just use what I say against me at parole.",
    ),
  },
);

export interface GenNode {
  prisoner: string;
  talk: string;
  choices?: GenChoice[];
  write?: { prompt: string; feedback?: string; goto: GenGoto };
  ending?: { outcome: string; label: string };
}
export interface GenChoice {
  id: string;
  say: string;
  mi: string;
  feedback?: string;
  effects?: Record<string, number>;
  goto: GenGoto;
}
export type GenGoto = string | { if?: string; node: string }[];
export interface GenScenario {
  id: string;
  title: string;
  module: string;
  summary: string;
  persona: { name: string; background: string; voice?: string };
  start: string;
  variables?: Record<string, number>;
  nodes: Record<string, GenNode>;
}

const ops = fc.constantFrom("==", "!=", "<=", ">=", "<", ">");

function gotoArb(targets: string[], variables: string[]): fc.Arbitrary<GenGoto> {
  // Mostly existing nodes; sometimes a missing one (a broken link the editor must keep).
  const target = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...targets) }, { weight: 1, arbitrary: slugArb });
  const condition = variables.length
    ? fc.tuple(fc.constantFrom(...variables), ops, fc.integer({ min: -5, max: 5 })).map(([v, o, n]) => `${v} ${o} ${n}`)
    : fc.constant("rapport >= 1");
  return fc.oneof(
    { weight: 3, arbitrary: target },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.array(fc.record({ if: condition, node: target }), { minLength: 1, maxLength: 2 }), target)
        .map(([conditional, last]) => [...conditional, { node: last }]),
    },
  );
}

function nodeArb(targets: string[], variables: string[]): fc.Arbitrary<GenNode> {
  const base = { prisoner: textArb, talk: fc.constantFrom(...TALK_TYPES) };
  const choice = (id: string) =>
    fc.record(
      {
        id: fc.constant(id),
        say: textArb,
        mi: fc.constantFrom(...MI_CODES),
        feedback: textArb,
        effects: variables.length
          ? fc.dictionary(fc.constantFrom(...variables), fc.integer({ min: -3, max: 3 }), { minKeys: 1, maxKeys: 2 })
          : fc.constant(undefined as unknown as Record<string, number>),
        goto: gotoArb(targets, variables),
      },
      { requiredKeys: ["id", "say", "mi", "goto"] },
    );
  const choices = fc
    .uniqueArray(slugArb, { minLength: 1, maxLength: 4 })
    .chain((ids) => fc.tuple(...ids.map(choice)))
    .map((list) => list.map((c) => (c.effects === undefined ? { ...c, effects: undefined } : c)));
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ ...base, choices }) },
    {
      weight: 1,
      arbitrary: fc.record({
        ...base,
        write: fc.record(
          { prompt: textArb, feedback: textArb, goto: gotoArb(targets, variables) },
          { requiredKeys: ["prompt", "goto"] },
        ),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        ...base,
        ending: fc.record({ outcome: fc.constantFrom(...OUTCOMES), label: textArb }),
      }),
    },
  );
}

export const scenarioArb: fc.Arbitrary<GenScenario> = fc
  .tuple(
    fc.uniqueArray(slugArb, { minLength: 1, maxLength: 6 }),
    fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/), { maxLength: 2 }),
  )
  .chain(([ids, variables]) =>
    fc.record({
      id: slugArb,
      title: textArb,
      module: slugArb,
      summary: textArb,
      persona: fc.record(
        { name: textArb, background: textArb, voice: textArb },
        { requiredKeys: ["name", "background"] },
      ),
      start: fc.constantFrom(...ids),
      variables: variables.length
        ? fc
            .tuple(...variables.map(() => fc.integer({ min: -2, max: 2 })))
            .map((values) => Object.fromEntries(variables.map((v, i) => [v, values[i]])))
        : fc.constant(undefined),
      nodes: fc
        .tuple(...ids.map(() => nodeArb(ids, variables)))
        .map((nodes) => Object.fromEntries(ids.map((id, i) => [id, nodes[i]]))),
    }),
  )
  .map((s) => JSON.parse(JSON.stringify(s)) as GenScenario); // drops the undefined optional fields

export interface Layout {
  options: ToStringOptions;
  stringType: Scalar.Type;
  /** Write `effects`, `ending` and goto branches as `{ flow }` groups. */
  flowGroups: boolean;
  /** Indices of nodes and options that get a comment above them. */
  comments: number[];
}

/** The layout the studio writes and the shipped files use. */
export const STUDIO_LAYOUT: Layout = {
  options: { lineWidth: 0 },
  stringType: Scalar.QUOTE_DOUBLE,
  flowGroups: true,
  comments: [0, 2],
};

export const layoutArb: fc.Arbitrary<Layout> = fc.record({
  options: fc.record({
    indent: fc.constantFrom(2, 4),
    indentSeq: fc.boolean(),
    flowCollectionPadding: fc.boolean(),
    lineWidth: fc.constantFrom(0, 0, 40),
  }),
  stringType: fc.constantFrom(Scalar.PLAIN, Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE),
  flowGroups: fc.boolean(),
  comments: fc.uniqueArray(fc.nat({ max: 12 }), { maxLength: 4 }),
});

export function toYaml(data: GenScenario, layout: Layout): string {
  const doc = new Document(data, { aliasDuplicateObjects: false });
  let counter = 0;
  visit(doc, {
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if ((key === "effects" || key === "ending") && isMap(pair.value)) pair.value.flow = layout.flowGroups;
      if (key === "goto" && isSeq(pair.value))
        for (const entry of pair.value.items) if (isMap(entry)) entry.flow = layout.flowGroups;
    },
    Scalar(key, node) {
      if (key !== "key" && typeof node.value === "string") node.type = layout.stringType;
    },
  });
  // Comments above some nodes and some options.
  const nodes = doc.get("nodes");
  if (isMap(nodes))
    nodes.items.forEach((pair, i) => {
      if (layout.comments.includes(counter++) && isScalar(pair.key)) pair.key.commentBefore = ` about node ${i}`;
      const choices = isMap(pair.value) ? pair.value.get("choices") : undefined;
      if (isSeq(choices))
        choices.items.forEach((c, j) => {
          if (layout.comments.includes(counter++) && isMap(c)) c.commentBefore = ` option ${j}`;
        });
    });
  doc.commentBefore = " yaml-language-server: $schema=./scenario.schema.json";
  return doc.toString(layout.options);
}

/** The data a YAML text holds, with node order made visible (key order is part of the meaning here). */
export function meaning(text: string): unknown {
  const data = parseDocument(text).toJS() as Record<string, unknown>;
  const nodes = data?.nodes as Record<string, unknown> | undefined;
  return { ...data, nodeOrder: nodes ? Object.keys(nodes) : [] };
}

/** Edits that set every field the form shows to the value it already has: a save of an untouched form. */
export function unchangedEdits(form: ScenarioForm): Edit[] {
  const edits: Edit[] = [];
  const text = (path: (string | number)[], value: string | null) => {
    if (value !== null) edits.push({ kind: "set-text", path, value });
  };
  for (const key of ["id", "title", "module", "summary", "start"] as const) text([key], form[key]);
  text(["persona", "name"], form.persona.name);
  text(["persona", "background"], form.persona.background);
  text(["persona", "voice"], form.persona.voice);
  for (const v of form.variables)
    if (v.value !== null) edits.push({ kind: "set-number", path: ["variables", v.name], value: Number(v.value) });
  for (const node of form.nodes) {
    const at = ["nodes", node.id];
    text([...at, "prisoner"], node.prisoner);
    text([...at, "talk"], node.talk);
    node.choices.forEach((c, i) => {
      const ch = [...at, "choices", i];
      text([...ch, "id"], c.id);
      text([...ch, "say"], c.say);
      text([...ch, "mi"], c.mi);
      text([...ch, "feedback"], c.feedback);
      for (const e of c.effects)
        if (e.amount !== null)
          edits.push({ kind: "set-number", path: [...ch, "effects", e.variable], value: Number(e.amount) });
      edits.push(...gotoEdits(node.id, i, c.goto));
    });
    if (node.write) {
      text([...at, "write", "prompt"], node.write.prompt);
      text([...at, "write", "feedback"], node.write.feedback);
      edits.push(...gotoEdits(node.id, "write", node.write.goto));
    }
    if (node.ending) {
      text([...at, "ending", "outcome"], node.ending.outcome);
      text([...at, "ending", "label"], node.ending.label);
    }
  }
  return edits;
}

function gotoEdits(node: string, owner: number | "write", goto: GotoForm | null): Edit[] {
  if (!goto || goto.branches.some((b) => b.node === null)) return [];
  return [{ kind: "set-goto", node, owner, branches: goto.branches.map((b) => ({ if: b.if, node: b.node! })) }];
}

/** Edits that build the whole scenario from an empty file, field by field, as a trainer using only forms would. */
export function rebuildEdits(form: ScenarioForm): Edit[] {
  const edits: Edit[] = [];
  let previous: string | undefined;
  for (const node of form.nodes) {
    edits.push({ kind: "add-node", newNode: { id: node.id }, after: previous });
    previous = node.id;
    const kind = node.kinds[0];
    if (kind) edits.push({ kind: "set-node-kind", node: node.id, to: kind });
    node.choices.forEach(() => edits.push({ kind: "add-choice", node: node.id }));
  }
  for (const v of form.variables) edits.push({ kind: "add-variable", name: v.name, value: Number(v.value ?? 0) });
  // Values last: the options and nodes they name now exist.
  return [...edits, ...unchangedEdits(form)];
}

/** A few edits of any kind a trainer can make, with targets picked from the scenario as it is. */
export function editsArb(form: ScenarioForm): fc.Arbitrary<Edit[]> {
  const ids = form.nodes.map((n) => n.id);
  const node = fc.constantFrom(...ids);
  const withChoices = form.nodes.filter((n) => n.choices.length > 0);
  const choice = withChoices.length
    ? fc.constantFrom(...withChoices).chain((n) => fc.tuple(fc.constant(n.id), fc.nat({ max: n.choices.length - 1 })))
    : null;
  const kinds: fc.Arbitrary<Edit>[] = [
    fc.record({
      kind: fc.constant("set-text" as const),
      path: node.map((id) => ["nodes", id, "prisoner"]),
      value: textArb,
    }),
    fc.record({ kind: fc.constant("set-text" as const), path: fc.constant(["title"]), value: textArb }),
    fc.record({ kind: fc.constant("add-node" as const), newNode: fc.record({ prisoner: textArb }), after: node }),
    fc.record({ kind: fc.constant("duplicate-node" as const), node }),
    fc.record({ kind: fc.constant("move-node" as const), node, to: fc.nat({ max: ids.length }) }),
    fc.record({ kind: fc.constant("delete-node" as const), node }),
    fc.record({ kind: fc.constant("rename-node" as const), node, to: slugArb.map((s) => `${s}-x`) }),
    fc.record({ kind: fc.constant("set-node-kind" as const), node, to: fc.constantFrom("choices", "write", "ending") }),
    fc.record({ kind: fc.constant("add-choice" as const), node }),
    fc.record({
      kind: fc.constant("add-variable" as const),
      name: fc.constantFrom("zeal", "mood"),
      value: fc.integer({ min: -2, max: 2 }),
    }),
  ];
  if (choice)
    kinds.push(
      choice.map(([n, i]) => ({ kind: "duplicate-choice" as const, node: n, index: i })),
      choice.map(([n, i]) => ({ kind: "delete-choice" as const, node: n, index: i })),
      fc
        .tuple(choice, fc.nat({ max: 4 }))
        .map(([[n, i], to]) => ({ kind: "move-choice" as const, node: n, index: i, to })),
      fc
        .tuple(choice, textArb)
        .map(([[n, i], say]) => ({ kind: "set-text" as const, path: ["nodes", n, "choices", i, "say"], value: say })),
      fc
        .tuple(choice, node)
        .map(([[n, i], to]) => ({ kind: "set-goto" as const, node: n, owner: i, branches: [{ if: null, node: to }] })),
      choice.map(([n, i]) => ({ kind: "add-branch" as const, node: n, owner: i })),
      choice.map(([n, i]) => ({ kind: "goto-new-node" as const, node: n, owner: i })),
    );
  return fc.array(fc.oneof(...kinds), { minLength: 1, maxLength: 4 });
}

const scenariosDir = fileURLToPath(new URL("../../scenarios/", import.meta.url));
/** Every shipped scenario file: [file name, text]. */
export const shipped = readdirSync(scenariosDir)
  .filter((f) => f.endsWith(".yaml") && f !== "modules.yaml")
  .map((f) => [f, readFileSync(scenariosDir + f, "utf8")] as const);

/** The form model of a file the forms can show (throws otherwise: a test's input, not a case under test). */
export function formOf(text: string): ScenarioForm {
  const read = readScenarioForm(text);
  if (!read.ok) throw new Error(`not editable: ${read.diagnostics.map((d) => d.message).join("; ")}`);
  return read.form;
}
