/**
 * YAML -> form model -> YAML, for every shipped scenario and for generated ones in many layouts:
 * nothing edited gives the same bytes; saving an untouched form gives the same bytes; building the
 * scenario again from its form model alone gives the same meaning; one edited field changes that
 * field and no other node's lines.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { applyEdits, type Edit } from "~/domain/scenario/editor/edits";
import {
  editsArb,
  layoutArb,
  meaning,
  rebuildEdits,
  scenarioArb,
  STUDIO_LAYOUT,
  textArb,
  toYaml,
  unchangedEdits,
  formOf,
  shipped,
} from "../support/scenario-arbitrary";

function edited(text: string, edits: Edit[]) {
  const result = applyEdits(text, edits);
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result;
}

function assertRoundTrip(text: string) {
  const form = formOf(text);
  expect(edited(text, []).yaml).toBe(text);
  const untouched = edited(text, unchangedEdits(form));
  expect(untouched.changed).toBe(false);
  expect(untouched.yaml).toBe(text);
  const rebuilt = edited("{}\n", rebuildEdits(form));
  expect(meaning(rebuilt.yaml)).toEqual(meaning(text));
  // The rebuilt file reads back as the same form.
  expect(formOf(rebuilt.yaml)).toEqual(form);
}

describe("form round trip: shipped scenarios", () => {
  it.each(shipped)("%s", (_name, text) => {
    expect(formOf(text).yamlOnly).toEqual([]);
    assertRoundTrip(text);
  });
});

describe("form round trip: generated scenarios", () => {
  it("in any layout: identical when nothing is edited, same meaning when rebuilt from the form", () => {
    fc.assert(
      fc.property(scenarioArb, layoutArb, (data, layout) => assertRoundTrip(toYaml(data, layout))),
      { numRuns: 150 },
    );
  });

  it("one changed text changes that field and leaves every other node's lines as they were", () => {
    fc.assert(
      fc.property(scenarioArb, layoutArb, fc.nat(), textArb, (data, layout, pick, value) => {
        const text = toYaml(data, layout);
        const form = formOf(text);
        const fields = form.nodes.flatMap((n) => [
          ["nodes", n.id, "prisoner"],
          ...n.choices.flatMap((_, i) => [
            ["nodes", n.id, "choices", i, "say"],
            ["nodes", n.id, "choices", i, "feedback"],
          ]),
          ...(n.ending ? [["nodes", n.id, "ending", "label"]] : []),
        ]);
        const path = fields[pick % fields.length];
        const result = edited(text, [{ kind: "set-text", path, value }]);
        const expected = parseDocument(text);
        expected.setIn(path, value);
        expect(meaning(result.yaml)).toEqual(meaning(expected.toString()));
        // Outside the edited node the text is byte for byte the same.
        const [before, after] = linesAround(text, path[1] as string);
        const out = result.yaml.split("\n");
        expect(out.slice(0, before.length)).toEqual(before);
        expect(out.slice(out.length - after.length)).toEqual(after);
      }),
      { numRuns: 150 },
    );
  });

  it("any edits: only the changed blocks are rewritten, and the result means what the whole document says", () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((data) =>
          fc.tuple(fc.constant(data), layoutArb, editsArb(formOf(toYaml(data, STUDIO_LAYOUT)))),
        ),
        ([data, layout, edits]) => {
          const text = toYaml(data, layout);
          const blocks = applyEdits(text, edits);
          const whole = applyEdits(text, edits, { rewriteWhole: true });
          expect(blocks.ok).toBe(whole.ok);
          if (!blocks.ok || !whole.ok) return;
          expect(meaning(blocks.yaml)).toEqual(meaning(whole.yaml));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("in the studio's layout, the block rewrite is byte for byte what writing the whole document gives", () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((data) => fc.tuple(fc.constant(data), editsArb(formOf(toYaml(data, STUDIO_LAYOUT))))),
        ([data, edits]) => {
          const text = toYaml(data, STUDIO_LAYOUT);
          const blocks = applyEdits(text, edits);
          const whole = applyEdits(text, edits, { rewriteWhole: true });
          if (blocks.ok && whole.ok) expect(blocks.yaml).toBe(whole.yaml);
          else expect(blocks).toEqual(whole);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("renaming a node renames every goto to it and the start, and nothing else", () => {
    fc.assert(
      fc.property(scenarioArb, layoutArb, fc.nat(), (data, layout, pick) => {
        const text = toYaml(data, layout);
        const ids = Object.keys(data.nodes);
        const from = ids[pick % ids.length];
        const to = `${from}-renamed`;
        if (ids.includes(to)) return;
        const result = edited(text, [{ kind: "rename-node", node: from, to }]);
        const follow = (id: string) => (id === from ? to : id);
        const nodes = Object.fromEntries(
          Object.entries(data.nodes).map(([id, node]) => {
            const goto = (g: string | { if?: string; node: string }[]) =>
              typeof g === "string" ? follow(g) : g.map((e) => ({ ...e, node: follow(e.node) }));
            const renamed = {
              ...node,
              ...(node.choices ? { choices: node.choices.map((c) => ({ ...c, goto: goto(c.goto) })) } : {}),
              ...(node.write ? { write: { ...node.write, goto: goto(node.write.goto) } } : {}),
            };
            return [follow(id), renamed];
          }),
        );
        const expected = { ...data, start: follow(data.start), nodes };
        expect(meaning(result.yaml)).toEqual({ ...expected, nodeOrder: Object.keys(nodes) });
      }),
      { numRuns: 100 },
    );
  });
});

/** The lines before and after a node's own lines (its id line to its last line). */
function linesAround(text: string, nodeId: string): [string[], string[]] {
  const doc = parseDocument(text);
  const nodes = doc.get("nodes", true) as {
    items: { key: { value: unknown; range: number[] }; value: { range: number[] } }[];
  };
  const pair = nodes.items.find((p) => String(p.key.value) === nodeId)!;
  const startLine = text.slice(0, pair.key.range[0]).split("\n").length - 1;
  let end = pair.value.range[2];
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const endLine = text.slice(0, end).split("\n").length - 1;
  const lines = text.split("\n");
  return [lines.slice(0, startLine), lines.slice(endLine + 1)];
}
