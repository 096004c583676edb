// The server's route matcher (@remix-run/router's CommonJS build, which the server runtime loads)
// carries a backported cache (app/patches): ranked branches per routes array, indexed by their
// first word, and compiled patterns per path and flags. These check that it is installed and that
// it answers as the unpatched router (the package's ES module build) does, on Engage's own route
// table and on one with every kind of first segment.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import remixConfig from "../../remix.config.js";

const require = createRequire(import.meta.url);
const routerFile = require.resolve("@remix-run/router");
const { matchPath, matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");
// The ES module build, which the patch leaves alone: the reference to match against.
const unpatched = (await import("@remix-run/router/dist/router.js")) as unknown as { matchRoutes: typeof matchRoutes };

type RouteObject = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteObject[] };

/** Engage's own route table, nested as Remix nests it for matching. */
function appRouteTable() {
  const manifest = flatRoutes(
    fileURLToPath(new URL("../../app", import.meta.url)),
    remixConfig.ignoredRouteFiles ?? [],
  );
  const childrenOf = (parentId: string): RouteObject[] =>
    Object.values(manifest)
      .filter((r) => (r.parentId ?? "root") === parentId)
      .map((r) => ({
        id: r.id,
        path: r.path,
        index: r.index,
        caseSensitive: r.caseSensitive,
        children: childrenOf(r.id),
      }));
  const table: RouteObject[] = [{ id: "root", path: "", children: childrenOf("root") }];
  return table as Parameters<typeof matchRoutes>[0];
}

const summary = (m: ReturnType<typeof matchRoutes>) =>
  m?.map((x) => ({ id: x.route.id, params: x.params, pathname: x.pathname, base: x.pathnameBase })) ?? null;

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

  it("tries a pathname against branches of other first words, parameters, splats and case rules as before", () => {
    const kinds = [
      {
        id: "root",
        path: "",
        children: [
          { id: "home", index: true },
          { id: "about", path: "about" },
          { id: "about-team", path: "About/team" },
          { id: "exact", path: "Exact/:id", caseSensitive: true },
          { id: "optional", path: "maybe?/opt" },
          { id: "by-lang", path: ":lang/about" },
          { id: "layout", path: "", children: [{ id: "in-layout", path: "inside/:x" }] },
          { id: "nested", path: "nested", children: [{ id: "nested-any", path: "*" }] },
          { id: "dotted", path: "file.csv" },
          { id: "anything", path: "*" },
        ],
      },
    ] as Parameters<typeof matchRoutes>[0];
    const word = fc.constantFrom(
      "about",
      "ABOUT",
      "Exact",
      "exact",
      "maybe",
      "opt",
      "inside",
      "nested",
      "file.csv",
      "team",
      "",
      "en",
      "%2F",
      "\u212Aelvin",
    );
    const address = fc
      .tuple(fc.array(word, { maxLength: 4 }), fc.boolean(), fc.boolean())
      .map(([parts, leading, trailing]) => `${leading ? "//" : "/"}${parts.join("/")}${trailing ? "/" : ""}`);
    fc.assert(
      fc.property(address, (pathname) => {
        expect(summary(matchRoutes(kinds, pathname))).toEqual(summary(unpatched.matchRoutes(kinds, pathname)));
      }),
      { numRuns: 2000 },
    );
  });

  it("matches Engage's own routes exactly as the unpatched router does, address after address", () => {
    const table = appRouteTable();
    const patterns = (table[0].children ?? []).map((r) => r.path ?? "");
    expect(patterns.length).toBeGreaterThan(60);
    const segment = fc.oneof(
      fc.constantFrom(
        "studio",
        "modules",
        "reports",
        "attempts",
        "new",
        "nodes",
        "record",
        "x.data",
        "%2F",
        "%20",
        "..",
      ),
      fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/),
    );
    const address = fc.oneof(
      // a route's own pattern with its parameters filled in, sometimes with a trailing slash or other case
      fc
        .tuple(
          fc.constantFrom(...patterns),
          fc.array(segment, { minLength: 3, maxLength: 3 }),
          fc.boolean(),
          fc.boolean(),
        )
        .map(([p, values, slash, upper]) => {
          let i = 0;
          const filled = `/${p.replace(/:[\w-]+/g, () => values[i++ % values.length])}${slash ? "/" : ""}`;
          return upper ? filled.toUpperCase() : filled;
        }),
      fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join("/")}`),
    );
    fc.assert(
      fc.property(address, (pathname) => {
        const expected = summary(unpatched.matchRoutes(table, pathname));
        expect(summary(matchRoutes(table, pathname))).toEqual(expected);
        expect(summary(matchRoutes(table, pathname))).toEqual(expected); // and again, from the cache
      }),
      { numRuns: 2000 },
    );
  });
});
