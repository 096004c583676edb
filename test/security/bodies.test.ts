// What an attacker or a broken client sends instead of a form: other content types, broken
// multipart, bodies too large, and forms from other sites. Each gets a 4xx with the usual page,
// one log line at most, and changes nothing.
import http from "node:http";
import { describe, expect, it } from "vitest";
import type { Role } from "~db/schema";
import { startTestServer } from "../support/app-server";
import { testConfig } from "../support/database";
import { databaseDigest, formBody, PEOPLE, Probe, securityFixtures, withCookie, type Who } from "./fixtures";
import { allowed, ROUTES, type RouteCase } from "./routes";

const f = await securityFixtures();
const probe = new Probe("bodies", f.server.url);

const formRoutes = Object.entries(ROUTES).filter(([, c]) => c.form && c.page);
const poster = (c: RouteCase): Who =>
  c.access === "public" ? "anonymous" : (PEOPLE.find((w) => w !== "anonymous" && allowed(c, w)) as Role);
const actionOf = (c: RouteCase) => c.page!(f).split("?")[0];

const NOT_FORMS: [string, RequestInit][] = [
  ["JSON", { headers: { "Content-Type": "application/json" }, body: '{"username":"admin"}' }],
  ["plain text", { headers: { "Content-Type": "text/plain" }, body: "username=admin" }],
  ["no content type", { body: new TextEncoder().encode("username=admin") }],
  ["broken multipart", { headers: { "Content-Type": "multipart/form-data; boundary=xyz" }, body: "no parts at all" }],
  [
    "multipart without a boundary",
    { headers: { "Content-Type": "multipart/form-data" }, body: "--x\r\nContent-Disposition: form-data\r\n\r\n" },
  ],
];

const isPage = (res: Response, body: string) =>
  (res.headers.get("Content-Type") ?? "").startsWith("text/html") && body.includes("govuk-heading-l");
// The studio's checker answers the editor's script, not a person: a plain message is its page.
const PLAIN_ANSWERS = ["routes/studio.validate"];
// An address that names no page answers anything sent to it with "Page not found", unread.
const NO_SUCH_PAGE = "routes/$";

describe("bodies that are not forms", () => {
  it("get 400 or 415 and the usual page on every form route, and change nothing", async () => {
    const from = probe.unexpected.length;
    for (const [id, c] of formRoutes) {
      const url = actionOf(c);
      for (const [kind, init] of NOT_FORMS) {
        const before = await databaseDigest(f.db);
        const cookie = await f.cookie(poster(c));
        await probe.expect(`${id} ${kind}`, url, withCookie(cookie, { method: "POST", ...init }), (res, body) =>
          (id === NO_SUCH_PAGE ? [404] : [400, 415]).includes(res.status) &&
          (PLAIN_ANSWERS.includes(id) || isPage(res, body))
            ? null
            : `status ${res.status}`,
        );
        // The same body sent as Remix's data request (JavaScript on): refused too, never a 500.
        const data = url === "/" ? "/_root.data" : `${url}.data`;
        await probe.expect(`${id} ${kind} (data)`, data, withCookie(cookie, { method: "POST", ...init }), (res) =>
          res.status >= 400 && res.status < 500 ? null : `status ${res.status}`,
        );
        if ((await databaseDigest(f.db)) !== before) probe.note(`${id} ${kind}: the database changed`);
      }
    }
    expect(probe.since(from)).toEqual([]);
  });
});

describe("bodies that are too large", () => {
  it("are refused before they are read: 413, or 411 without a length", async () => {
    const from = probe.unexpected.length;
    const before = await databaseDigest(f.db);
    const big = `username=admin&password=${"x".repeat(2 * 1024 * 1024)}`;
    await probe.expect("2 MB form", "/sign-in", formBody({}) && { ...formBody({}), body: big }, (res, body) =>
      res.status === 413 && isPage(res, body) ? null : `status ${res.status}`,
    );
    const chunks = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("username=admin&password=x"));
        controller.close();
      },
    });
    await probe.expect(
      "a form without a length",
      "/sign-in",
      { ...formBody({}), body: chunks, duplex: "half" },
      (res) => (res.status === 411 ? null : `status ${res.status}`),
    );
    const upload = new FormData();
    upload.set("file", new Blob(["id: x\n".repeat(250_000)]), "huge.yaml");
    await probe.expect(
      "a 1.5 MB upload",
      "/studio/import",
      withCookie(await f.cookie("trainer"), { method: "POST", body: upload }),
      (res) => (res.status === 413 ? null : `status ${res.status}`),
    );
    // Under the byte limit but over the form limit (300,000 characters): the form's own message.
    await probe.expect(
      "a 600,000-character form",
      "/admin/prisons",
      withCookie(await f.cookie("admin"), formBody({ code: "BIG", name: "x".repeat(600_000) })),
      (res, body) => (res.status === 400 && body.includes("too large") ? null : `status ${res.status}`),
    );
    // Under both limits but with hundreds of thousands of empty fields, which take seconds to parse.
    await probe.expect(
      "a form of 500,000 empty fields",
      "/sign-in",
      { ...formBody({}), body: "&".repeat(500_000) },
      (res, body) => (res.status === 413 && isPage(res, body) ? null : `status ${res.status}`),
    );
    const parts = new FormData();
    for (let i = 0; i < 6_000; i++) parts.append("x", "");
    await probe.expect(
      "a multipart form of 6,000 fields",
      "/studio/import",
      withCookie(await f.cookie("trainer"), { method: "POST", body: parts }),
      (res, body) => (res.status === 413 && isPage(res, body) ? null : `status ${res.status}`),
    );
    expect(await databaseDigest(f.db)).toBe(before);
    expect(probe.since(from)).toEqual([]);
  });

  it("take the largest real form: an assignment to 2,000 named officers is read, not refused", async () => {
    const officers = Array.from({ length: 2_000 }, (_, i) => `officerIds=${i + 1}`).join("&");
    const res = await fetch(
      `${f.server.url}/reports/assignments`,
      withCookie(await f.cookie("manager"), { ...formBody({}), body: `audience=officers&${officers}` }),
    );
    expect(res.status).not.toBe(413);
  });
});

describe("forms from other sites", () => {
  const FOREIGN: [string, Record<string, string>][] = [
    ["Origin of another site", { Origin: "https://evil.example" }],
    ["Origin: null", { Origin: "null" }],
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { "Sec-Fetch-Site": "same-site" }],
    ["only a foreign Referer", { Referer: "https://evil.example/page" }],
    ["a forged X-Forwarded-Host", { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" }],
  ];

  it("are refused with 403, the usual page and one log line, on every form route, sign-out included", async () => {
    const from = probe.unexpected.length;
    const before = await databaseDigest(f.db, ["audit_events"]);
    for (const [, c] of formRoutes) {
      // As a page's form, and as Remix's data request (JavaScript on: single fetch posts to .data).
      for (const url of [actionOf(c), `${actionOf(c)}.data`]) {
        for (const [kind, headers] of FOREIGN) {
          const logsBefore = f.server.logs.length;
          await probe.expect(
            `${url} ${kind}`,
            url,
            withCookie(await f.cookie(poster(c)), {
              ...formBody({ username: "admin", password: "x" }),
              headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
            }),
            (res, body) => (res.status === 403 && isPage(res, body) ? null : `status ${res.status}`),
          );
          const lines = f.server.logs.slice(logsBefore).filter((l) => l.msg === "cross-site request refused");
          const traces = f.server.logs.slice(logsBefore).filter((l) => l.err || (l.level as number) >= 50);
          if (lines.length !== 1 || traces.length)
            probe.note(`${url} ${kind}: ${lines.length} lines, ${traces.length} errors`);
        }
      }
    }
    expect(await databaseDigest(f.db, ["audit_events"])).toBe(before);
    expect(probe.since(from)).toEqual([]);
  });

  it("leave a signed-in person signed in (sign-out checks the origin too)", async () => {
    const cookie = await f.cookie("officer");
    const res = await probe.send(
      "/sign-out",
      withCookie(cookie, {
        ...formBody({}),
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: "https://evil.example",
        },
      }),
    );
    expect(res.status).toBe(403);
    expect((await probe.send("/record", withCookie(cookie))).status).toBe(200);
    // From this site it signs out.
    const own = await probe.send(
      "/sign-out",
      withCookie(cookie, {
        ...formBody({}),
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: f.server.url,
          "Sec-Fetch-Site": "same-origin",
        },
      }),
    );
    expect(own.status).toBe(302);
    expect((await probe.send("/record", withCookie(cookie))).status).toBe(302);
  });
});

describe("addresses with a broken %-escape", () => {
  it("are pages not found (or the usual refusal), never a 500 or a logged error", async () => {
    const from = probe.unexpected.length;
    const cookie = await f.cookie("manager");
    for (const path of [
      "/%FF",
      "/sign-in/%FF",
      "/studio/%E0%A4%A/nodes",
      "/attempts/%FF",
      "/reports/officers/%FF",
      "/build/%FF",
      "/assets/%FF",
    ]) {
      for (const init of [{}, withCookie(cookie)]) {
        const logsBefore = f.server.logs.length;
        await probe.expect(path, path, init, (res) =>
          [302, 403, 404].includes(res.status) ? null : `status ${res.status}`,
        );
        const traces = f.server.logs.slice(logsBefore).filter((l) => l.err || (l.level as number) >= 50);
        if (traces.length) probe.note(`${path}: ${traces.length} errors logged`);
      }
    }
    expect(probe.since(from)).toEqual([]);
  });
});

/** One request by node:http, which sends any method (fetch refuses TRACE). */
function rawRequest(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
    const req = http.request(`${f.server.url}${path}`, { method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("other methods, ranges and Remix 1 addresses", () => {
  it("get a 4xx and the usual page before any loader runs, never a 500 or a logged error", async () => {
    const manager = (await f.cookie("manager")) ?? "";
    const before = await databaseDigest(f.db);
    const logsBefore = f.server.logs.length;
    const cases: [string, string, Record<string, string>, number][] = [
      ["TRACE", "/", {}, 405],
      ["PUT", "/sign-in", {}, 405],
      ["DELETE", "/reports/assignments", { Cookie: manager }, 405],
      ["PATCH", "/reports/exports/attempts.csv", { Cookie: manager }, 405],
      // No cross-site access is offered, and the download's loader (and its audit row) must not run.
      ["OPTIONS", "/reports/exports/attempts.csv", { Cookie: manager }, 204],
      ["GET", "/favicon.ico", { Range: "bytes=99999999-" }, 416],
      ["GET", "/?_data=root", {}, 404],
      ["GET", "/record?_data=routes%2Frecord", { Cookie: manager }, 404],
    ];
    for (const [method, path, headers, status] of cases) {
      const res = await rawRequest(method, path, headers);
      expect(res.status, `${method} ${path}`).toBe(status);
      if (status === 204) expect(res.body).toBe("");
      else expect(res.body, `${method} ${path}`).toContain("govuk-heading-l");
      if (status === 405 || status === 204) expect(res.allow).toBe("GET, HEAD, POST");
    }
    expect(f.server.logs.slice(logsBefore).filter((l) => l.err || (l.level as number) >= 50)).toEqual([]);
    expect(await databaseDigest(f.db)).toBe(before);
  });
});

describe("HTTPS behind a trusted proxy", () => {
  it("sends Strict-Transport-Security only when the proxy says the browser used HTTPS", async () => {
    const behindProxy = await startTestServer(f.db, testConfig({ TRUST_PROXY: "true" }));
    const viaProxy = new Probe("hsts", behindProxy.url);
    const https = await viaProxy.send("/sign-in", { headers: { "X-Forwarded-Proto": "https" } });
    expect(https.headers.get("Strict-Transport-Security")).toMatch(/max-age=31536000/);
    const http = await viaProxy.send("/sign-in", { headers: { "X-Forwarded-Proto": "http" } });
    expect(http.headers.get("Strict-Transport-Security")).toBeNull();
    // Without TRUST_PROXY the header is not believed.
    const direct = await probe.send("/sign-in", { headers: { "X-Forwarded-Proto": "https" } });
    expect(direct.headers.get("Strict-Transport-Security")).toBeNull();
    // Behind the proxy, a form from the public address the proxy names is accepted.
    const ok = await viaProxy.send("/sign-in", {
      ...formBody({ username: "nobody.here", password: "x" }),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://engage.example",
        "X-Forwarded-Host": "engage.example",
        "X-Forwarded-Proto": "https",
      },
    });
    expect(ok.status).toBe(400);
  });
});
