/**
 * The studio's list of scenarios as a screen reader hears it: each tag in the Status and Checks
 * cells is a word of its own ("No errors 2 warnings", never "No errors2 warnings").
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

const row = {
  id: "wing-safety",
  title: "Wing safety",
  module: "Listening on the landing",
  publishedVersion: 2,
  retired: false,
  hasDraft: true,
  changedAt: "1 March 2025",
  changedBy: "Morgan Ellery",
  errors: 0,
  warnings: 2,
  examples: 3,
  stats: { nodes: 9, endings: 3, words: 800 },
};
vi.mock("@remix-run/react", async (original) => ({
  ...(await original<typeof import("@remix-run/react")>()),
  useLoaderData: () => ({ scenarios: [row] }),
}));
const { default: StudioLibrary } = await import("~/routes/studio._index");

const cellsText = (html: string) =>
  [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) =>
    m[1]
      .replace(/<[^>]+>/g, "")
      .replace(/\s+/g, " ")
      .trim(),
  );

describe("the studio's list of scenarios", () => {
  it("separates the tags in a cell, so they are read as separate words", () => {
    const cells = cellsText(renderToStaticMarkup(createElement(StudioLibrary)));
    expect(cells).toContain("Published v2 Draft");
    expect(cells).toContain("No errors 2 warnings Example words in 3 places");
  });
});
