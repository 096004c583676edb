import { readFileSync } from "node:fs";
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
      expect.objectContaining({ from: "middle", to: "end-disengage", label: "warn", choiceId: "warn" }),
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
    expect(list).toContain("affirm → middle: chosen 12 times");
    expect(list).toContain("leaflet → middle: chosen fewer than 5 times");
    expect(list).toContain("reflect if rapport &gt;= 1 → end-engaged: chosen fewer than 5 times");
  });
});
