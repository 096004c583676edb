// The server's route matcher (@remix-run/router's CommonJS build, which the server runtime loads)
// carries a backported cache (app/patches): ranked branches per routes array and compiled
// patterns per path and flags. These check that it is installed and answers as before.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const routerFile = require.resolve("@remix-run/router");
const { matchPath, matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");

const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "studio", path: "studio", index: true },
      { id: "studio-new", path: "studio/new" },
      { id: "studio-scenario", path: "studio/:scenarioId" },
      { id: "studio-node", path: "studio/:scenarioId/nodes/:nodeId" },
      { id: "attempt", path: "attempts/:attemptId" },
      { id: "anything", path: "*" },
    ],
  },
];

const idsOf = (path: string) => matchRoutes(routes, path)?.map((m) => m.route.id);

describe("route matching on the server", () => {
  it("runs the patched matcher", () => {
    expect(routerFile).toMatch(/router\.cjs\.js$/);
    expect(readFileSync(routerFile, "utf8")).toContain("rankedBranchesCache");
  });

  it("gives the same matches on every call, best ranked first", () => {
    for (let round = 0; round < 3; round++) {
      expect(idsOf("/studio/new")).toEqual(["root", "studio-new"]);
      expect(idsOf("/studio/wing-safety")).toEqual(["root", "studio-scenario"]);
      expect(matchRoutes(routes, "/studio/wing-safety/nodes/start")?.at(-1)?.params).toEqual({
        scenarioId: "wing-safety",
        nodeId: "start",
        "*": undefined,
      });
      expect(idsOf("/attempts/a1b2")).toEqual(["root", "attempt"]);
      expect(idsOf("/no/such/page")).toEqual(["root", "anything"]);
    }
  });

  it("keeps a pattern's flags apart: case and end give their own answers in any order", () => {
    for (let round = 0; round < 2; round++) {
      expect(matchPath({ path: "/record", caseSensitive: true }, "/Record")).toBeNull();
      expect(matchPath({ path: "/record" }, "/Record")?.pathname).toBe("/Record");
      expect(matchPath({ path: "/record", end: false }, "/record/observations")?.pathnameBase).toBe("/record");
      expect(matchPath({ path: "/record", end: true }, "/record/observations")).toBeNull();
    }
  });

  it("sees a new routes array as new routes", () => {
    expect(idsOf("/staff")).toEqual(["root", "anything"]);
    const more = [{ ...routes[0], children: [...routes[0].children, { id: "staff", path: "staff" }] }];
    expect(matchRoutes(more, "/staff")?.map((m) => m.route.id)).toEqual(["root", "staff"]);
  });
});
