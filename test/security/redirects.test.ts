// Open redirects: after sign-in Engage goes back to the page asked for, and never anywhere else.
// A generated corpus of tricky return paths (dot segments, encoded dots and slashes, backslashes,
// schemes, control characters) goes through the rule, then through the real sign-in page.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "~/auth/guard.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { formBody, Probe, securityFixtures, withCookie } from "./fixtures";

const f = await securityFixtures();
const probe = new Probe("redirects", f.server.url);

const FROM_THE_ISSUE = ["/.//evil.example", "/%2e//evil.example", "/a/..//evil.example"];
const PIECES = [
  "/",
  "//",
  "\\",
  "/\\",
  ".",
  "..",
  "./",
  "../",
  "%2e",
  "%2E",
  "%2e%2e",
  "%252e",
  "%2f",
  "%2F",
  "%5c",
  "%5C",
  "%09",
  "%0a",
  "%00",
  "\t",
  "\n",
  "\r",
  " ",
  "@",
  ":",
  "?",
  "#",
  "evil.example",
  "https:",
  "http:",
  "javascript:",
  "data:",
  "\u3002",
  "\uff0f",
  "reports",
  "a",
  "%",
  "%%",
  "&",
  "=",
];
const trickyPath = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((p) => p.join(""));
const corpus = fc.oneof(
  trickyPath,
  trickyPath.map((p) => `/${p}`),
  fc.string(),
  fc.constantFrom(...FROM_THE_ISSUE),
);

/** Where a browser goes with this Location, from the sign-in page. */
const landing = (location: string, base: string) => new URL(location, `${base}/sign-in`);

function stays(location: string | null, base: string): string | null {
  if (location === null) return "no Location";
  const url = landing(location, base);
  if (url.origin !== new URL(base).origin) return `goes to ${url.origin}`;
  if (!location.startsWith("/") || location.startsWith("//") || location.startsWith("/\\"))
    return `Location ${JSON.stringify(location)} is not a path on this site`;
  return null;
}

describe("return paths", () => {
  it("always stay on this site, and are stable (the rule, 3,000 generated paths)", () => {
    fc.assert(
      fc.property(corpus, (value) => {
        const path = safeReturnPath(value);
        expect(stays(path, "https://engage.example")).toBeNull();
        expect(safeReturnPath(path)).toBe(path);
      }),
      { numRuns: 3000 },
    );
    for (const value of FROM_THE_ISSUE) expect(safeReturnPath(value)).toBe("/");
    expect(safeReturnPath("/reports/matrix?wing=2")).toBe("/reports/matrix?wing=2");
  });

  it("stay on this site through the sign-in page, signed in (GET) and signing in (POST)", async () => {
    const from = probe.unexpected.length;
    const cookie = await f.cookie("manager");
    const values = [...FROM_THE_ISSUE, ...fc.sample(corpus, { numRuns: 150, seed: 20261130 })];
    for (const value of values) {
      const url = `/sign-in?returnTo=${encodeURIComponent(value)}`;
      await probe.expect(`GET ${JSON.stringify(value)}`, url, withCookie(cookie), (res) =>
        res.status === 302 ? stays(res.headers.get("Location"), f.server.url) : `status ${res.status}`,
      );
    }
    // Signing in checks a password each time: the cases from the issue and a few generated ones.
    for (const value of [...FROM_THE_ISSUE, ...values.slice(3, 10)]) {
      await probe.expect(
        `POST ${JSON.stringify(value)}`,
        "/sign-in",
        formBody({ username: "officer3", password: DEMO_PASSWORD, returnTo: value }),
        (res) => (res.status === 302 ? stays(res.headers.get("Location"), f.server.url) : `status ${res.status}`),
      );
    }
    expect(probe.since(from)).toEqual([]);
  });
});
