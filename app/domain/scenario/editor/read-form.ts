/**
 * YAML -> the form model. Reads the YAML document itself rather than the validated data, so a
 * draft with errors (a missing field, an unknown MI code, a broken goto) still opens in the forms
 * and each error can be shown beside its field. Whatever the forms cannot show is listed as
 * "YAML only" and left untouched by every edit.
 */
import { isMap, isSeq, type Document, type YAMLMap } from "yaml";
import type { DataPath, Diagnostic } from "../diagnostics";
import { parseYamlSource, type ParsedYaml } from "../parse";
import {
  FIELD_ORDER,
  type ChoiceForm,
  type EndingForm,
  type GotoForm,
  type NodeForm,
  type ScenarioForm,
  type WriteForm,
  type YamlOnlyPart,
} from "./form-model";
import { keyText, textOf, valueOf } from "./yaml-nodes";

export type ReadFormResult =
  | { ok: true; form: ScenarioForm; doc: Document.Parsed }
  /** The file cannot be shown as forms (not YAML, over a limit, two nodes with one id): the diagnostics say why. */
  | { ok: false; diagnostics: Diagnostic[] };

/** Parses with the validator's own limits (size, anchors, node count), then reads the form. */
export function readScenarioForm(text: string): ReadFormResult {
  const parsed = parseForEditing(text);
  return parsed.ok ? { ok: true, form: formOfDocument(parsed.doc), doc: parsed.doc } : parsed;
}

/** The YAML document, when the file can be shown and edited as forms. */
export function parseForEditing(text: string): EditableResult {
  return editableDocument(parseYamlSource(text, { nodesKey: "nodes" }));
}

export type EditableResult = { ok: true; doc: Document.Parsed } | { ok: false; diagnostics: Diagnostic[] };

/** The document of a parse, unless it is not YAML, breaks a limit, or has two nodes with one id. */
export function editableDocument(parsed: ParsedYaml): EditableResult {
  const blocking = parsed.diagnostics.filter((d) => d.code !== "schema");
  if (parsed.value === null || !parsed.locator || blocking.length > 0) return { ok: false, diagnostics: blocking };
  const doc = parsed.locator.doc;
  if (!isMap(doc.contents)) {
    return {
      ok: false,
      diagnostics: [
        {
          code: "schema",
          severity: "error",
          message: "The file is not a list of fields (id, title, nodes...), so it cannot be shown as forms.",
          line: 1,
          column: 1,
        },
      ],
    };
  }
  return { ok: true, doc };
}

/**
 * The form model of a parsed file. With `focus`, only that node is read in full and the others
 * only as far as lists of nodes show them (id and his line), as a node's page needs: quicker on
 * a 500-node file.
 */
export function formOfDocument(doc: Document, focus?: string): ScenarioForm {
  const yamlOnly: YamlOnlyPart[] = [];
  const top = doc.contents as YAMLMap;

  // Text of one field; a list or map where text belongs is left to the YAML view.
  const text = (map: unknown, key: string, path: DataPath): string | null => {
    const value = textOf(valueOf(map, key));
    if (value === undefined) {
      yamlOnly.push({ path: [...path, key], reason: `'${key}' should be text, but it is a list or a group of fields` });
      return null;
    }
    return value;
  };
  const unknownFields = (map: unknown, known: readonly string[], path: DataPath) => {
    if (!isMap(map)) return;
    for (const pair of map.items) {
      const key = keyText(pair);
      if (!known.includes(key))
        yamlOnly.push({ path: [...path, key], reason: `'${key}' is not a field the form knows` });
    }
  };
  const notAGroup = (value: unknown, path: DataPath, what: string) => {
    if (value !== null && value !== undefined && !isMap(value) && textOf(value) !== null)
      yamlOnly.push({ path, reason: `${what} should be a group of fields` });
  };
  const numbers = (map: unknown, path: DataPath) => {
    if (!isMap(map)) {
      if (map !== null && map !== undefined && textOf(map) !== null)
        yamlOnly.push({ path, reason: `'${String(path[path.length - 1])}' should be a group of names and numbers` });
      return [];
    }
    return map.items.map((pair) => {
      const name = keyText(pair);
      const value = textOf(pair.value);
      if (value === undefined) yamlOnly.push({ path: [...path, name], reason: `'${name}' should be a whole number` });
      return { name, value: value ?? null };
    });
  };

  const goto = (owner: unknown, path: DataPath): GotoForm | null => {
    const value = valueOf(owner, "goto");
    const here = [...path, "goto"];
    if (isSeq(value)) {
      return {
        branching: true,
        branches: value.items.map((entry, j) => {
          if (!isMap(entry)) {
            yamlOnly.push({ path: [...here, j], reason: "a goto branch should be { if, node }" });
            return { if: null, node: null };
          }
          unknownFields(entry, FIELD_ORDER.branch, [...here, j]);
          return { if: text(entry, "if", [...here, j]), node: text(entry, "node", [...here, j]) };
        }),
      };
    }
    const node = textOf(value);
    if (node === undefined) {
      yamlOnly.push({ path: here, reason: "'goto' should be a node id or a list of branches" });
      return null;
    }
    return node === null ? null : { branching: false, branches: [{ if: null, node }] };
  };

  const choice = (value: unknown, path: DataPath): ChoiceForm => {
    notAGroup(value, path, "An option");
    unknownFields(value, FIELD_ORDER.choice, path);
    return {
      id: text(value, "id", path),
      say: text(value, "say", path),
      mi: text(value, "mi", path),
      feedback: text(value, "feedback", path),
      effects: numbers(valueOf(value, "effects"), [...path, "effects"]).map((e) => ({
        variable: e.name,
        amount: e.value,
      })),
      goto: goto(value, path),
    };
  };

  const node = (id: string, value: unknown): NodeForm => {
    const path = ["nodes", id];
    notAGroup(value, path, `Node '${id}'`);
    unknownFields(value, FIELD_ORDER.node, path);
    const choices = valueOf(value, "choices");
    const write = valueOf(value, "write");
    const ending = valueOf(value, "ending");
    if (choices !== undefined && choices !== null && !isSeq(choices))
      yamlOnly.push({ path: [...path, "choices"], reason: "'choices' should be a list of options" });
    notAGroup(write, [...path, "write"], "The write");
    notAGroup(ending, [...path, "ending"], "The ending");
    unknownFields(write, FIELD_ORDER.write, [...path, "write"]);
    unknownFields(ending, FIELD_ORDER.ending, [...path, "ending"]);
    const kinds = (
      [
        ["choices", choices],
        ["write", write],
        ["ending", ending],
      ] as const
    )
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    const writeForm: WriteForm | null = isMap(write)
      ? {
          prompt: text(write, "prompt", [...path, "write"]),
          feedback: text(write, "feedback", [...path, "write"]),
          goto: goto(write, [...path, "write"]),
        }
      : null;
    const endingForm: EndingForm | null = isMap(ending)
      ? { outcome: text(ending, "outcome", [...path, "ending"]), label: text(ending, "label", [...path, "ending"]) }
      : null;
    return {
      id,
      prisoner: text(value, "prisoner", path),
      talk: text(value, "talk", path),
      kinds,
      choices: isSeq(choices) ? choices.items.map((c, i) => choice(c, [...path, "choices", i])) : [],
      write: writeForm,
      ending: endingForm,
    };
  };

  unknownFields(top, FIELD_ORDER.scenario, []);
  const persona = valueOf(top, "persona");
  notAGroup(persona, ["persona"], "'persona'");
  unknownFields(persona, FIELD_ORDER.persona, ["persona"]);
  const nodes = valueOf(top, "nodes");
  notAGroup(nodes, ["nodes"], "'nodes'");
  return {
    id: text(top, "id", []),
    title: text(top, "title", []),
    module: text(top, "module", []),
    summary: text(top, "summary", []),
    persona: {
      name: text(persona, "name", ["persona"]),
      background: text(persona, "background", ["persona"]),
      voice: text(persona, "voice", ["persona"]),
    },
    start: text(top, "start", []),
    variables: numbers(valueOf(top, "variables"), ["variables"]),
    nodes: isMap(nodes)
      ? nodes.items.map((pair) => {
          const id = keyText(pair);
          if (focus === undefined || id === focus) return node(id, pair.value);
          const prisoner = textOf(valueOf(pair.value, "prisoner"));
          return { id, prisoner: prisoner ?? null, talk: null, kinds: [], choices: [], write: null, ending: null };
        })
      : [],
    yamlOnly,
  };
}
