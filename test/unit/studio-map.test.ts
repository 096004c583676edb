import { readdirSync, readFileSync } from "node:fs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { checkScenario, nodePositions } from "~/domain/scenario";
import { ScenarioMapList, ScenarioMapSvg } from "~/studio/map";
import { buildScenarioMap } from "~/studio/map.server";

// The validator's fixture with a goto to a node that does not exist, plus a node nothing leads to.
const yaml = `${readFileSync("test/fixtures/scenarios/goto-unknown-node.yaml", "utf8")}  orphan:
    prisoner: "Nobody ever gets here. <script>alert(1)</script>"
    talk: discord
    ending: { outcome: disengaged, label: "Never reached" }
`;

describe("scenario map", () => {
  const check = checkScenario(yaml);
  const map = buildScenarioMap(check.scenario!, { lines: nodePositions(yaml) });
  const node = (id: string) => map.nodes.find((n) => n.id === id)!;

  it("the fixture really has both mistakes", () => {
    expect(check.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(["goto-unknown-node", "unreachable-node"]),
    );
  });

  it("marks the broken goto on its edge, its node and a missing target", () => {
    const broken = map.edges.filter((e) => e.broken);
    expect(broken).toEqual([
      // Labelled as trainers know the option (its number and words), not by its id.
      expect.objectContaining({
        from: "middle",
        to: "end-disengage",
        label: "Option 2: 'Refuse and you'll…'",
        choiceId: "warn",
      }),
    ]);
    expect(node("middle").problems).toContain("broken-goto");
    expect(map.missing.map((m) => m.id)).toEqual(["end-disengage"]);
    expect(broken[0].points.length).toBeGreaterThan(1);
  });

  it("marks the unreachable node and only it", () => {
    expect(node("orphan").problems).toEqual(["unreachable"]);
    expect(map.nodes.filter((n) => n.problems.includes("unreachable")).map((n) => n.id)).toEqual(["orphan"]);
  });

  it("marks the start, endings by outcome, talk types and the YAML line of each node", () => {
    expect(node("opening")).toMatchObject({ isStart: true, talk: "sustain", kind: "choices", line: 12 });
    expect(node("end-engaged")).toMatchObject({ isStart: false, kind: "ending", outcome: "engaged" });
    expect(map.nodes.filter((n) => n.isStart)).toHaveLength(1);
  });

  it("gives every node a place inside the drawing, without overlaps", () => {
    for (const n of map.nodes) {
      expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + n.height / 2).toBeLessThanOrEqual(map.height);
    }
    const boxes = map.nodes.map((n) => [n.x - n.width / 2, n.y - n.height / 2, n.x + n.width / 2, n.y + n.height / 2]);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        expect(a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]).toBe(true);
      }
  });

  it("marks a trap: a loop no ending can be reached from", () => {
    const trapYaml = yaml.replace("goto: end-disengage  # expect: goto-unknown-node", "goto: middle");
    const trapped = checkScenario(
      trapYaml.replace(
        /goto:\n\s+- \{ if: "rapport >= 1", node: end-engaged \}\n\s+- \{ node: end-undecided \}/,
        "goto: middle",
      ),
    );
    const m = buildScenarioMap(trapped.scenario!);
    expect(m.nodes.find((n) => n.id === "middle")!.problems).toContain("trap");
    expect(m.nodes.find((n) => n.id === "opening")!.problems).toContain("trap");
    expect(m.nodes.find((n) => n.id === "end-engaged")!.problems).toEqual(["unreachable"]);
  });

  it("draws the marks in the SVG and the list, with the text escaped", () => {
    const svg = renderToStaticMarkup(
      createElement(ScenarioMapSvg, { scenarioId: "goto-unknown-node", map, titleId: "t" }),
    );
    expect(svg).toContain("missing: end-disengage");
    expect(svg).toContain("app-map__edge--broken");
    expect(svg).toContain("⚠ unreachable");
    expect(svg).toContain('href="/studio/goto-unknown-node/nodes/opening"');
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
    const list = renderToStaticMarkup(createElement(ScenarioMapList, { scenarioId: "goto-unknown-node", map }));
    expect(list).toContain("end-disengage (does not exist)");
    expect(list).toContain("Unreachable");
  });

  it("shows choice figures, with small counts hidden", () => {
    const taken = new Map([
      ["opening/affirm", 12],
      ["opening/leaflet", 3],
    ]);
    const m = buildScenarioMap(check.scenario!, { taken });
    expect(m.edges.find((e) => e.choiceId === "affirm")!.taken).toBe(12);
    const list = renderToStaticMarkup(createElement(ScenarioMapList, { scenarioId: "x", map: m }));
    expect(list).toContain("Option 1: &#x27;You still came over…&#x27; → middle: chosen 12 times");
    expect(list).toContain("Option 2: &#x27;Have you read the…&#x27; → middle: chosen fewer than 5 times");
    expect(list).toContain(
      "Option 1: &#x27;You don&#x27;t see the…&#x27; if rapport is at least 1 → end-engaged: chosen fewer than 5 times",
    );
    expect(list).not.toContain("leaflet");
  });
});

describe("maps too large to draw in good time", () => {
  /** A chain of n nodes, each also linking to one shared ending: every such link crosses many layers. */
  const chain = (n: number) =>
    `id: big\ntitle: "Big"\nmodule: m\nsummary: "S"\npersona: { name: "A", background: "B" }\nstart: n0\nnodes:\n${Array.from(
      { length: n },
      (_, i) =>
        `  n${i}:\n    prisoner: "Line ${i}."\n    talk: neutral\n    choices:\n      - { id: a, say: "Say more ${i}.", mi: open_question, feedback: "Fine.", goto: ${i + 1 < n ? `n${i + 1}` : "end"} }\n      - { id: b, say: "You feel stuck ${i}.", mi: complex_reflection, feedback: "Fine.", goto: end }\n`,
    ).join("")}  end:\n    prisoner: "Bye."\n    talk: neutral\n    ending: { outcome: engaged, label: "End" }\n`;

  it("lists a 491-node chain with long links instead of laying it out (it took 5 minutes, blocking every request)", () => {
    const scenario = checkScenario(chain(491)).scenario!;
    const map = buildScenarioMap(scenario);
    expect(map.drawn).toBe(false);
    expect(map.nodes).toHaveLength(492);
    const list = renderToStaticMarkup(createElement(ScenarioMapList, { scenarioId: "big", map }));
    expect(list).toContain("n490");
  });

  it("draws every scenario in the library, and a small chain", () => {
    const dir = "scenarios";
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "modules.yaml")) {
      const scenario = checkScenario(readFileSync(`${dir}/${file}`, "utf8")).scenario!;
      expect(buildScenarioMap(scenario).drawn, file).toBe(true);
    }
    expect(buildScenarioMap(checkScenario(chain(20)).scenario!).drawn).toBe(true);
  });
});
