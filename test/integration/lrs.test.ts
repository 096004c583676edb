// An LRS stand-in on loopback: statements reach it in batches, a failed batch is retried, and
// every statement is stored exactly once, also when sending is run again.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../support/database";
import { insertAttempts, LISTENING_SCENARIOS } from "../support/attempts";

const { statementPages } = await import("~/reports/exports.server");
const { deliverStatements } = await import("~/reports/lrs.server");

const db = await testDatabase();

const prison = (await db.selectFrom("establishments").select("id").executeTakeFirstOrThrow()).id;
await insertAttempts(db, [
  ...LISTENING_SCENARIOS.map((scenarioId) => ({ username: "officer", scenarioId })),
  { username: "officer2", scenarioId: "wing-safety", mode: "practice" as const },
  { username: "officer3", scenarioId: "appeal-denial" },
  { username: "officer4", scenarioId: "appeal-denial", status: "in_progress" as const },
]);

/** Every statement, the pages read to the end. */
async function statementsFor(...args: Parameters<typeof statementPages>) {
  const all = [];
  for await (const page of statementPages(...args)) all.push(...page);
  return all;
}

// The stand-in: fails the first POST with 503 (storing nothing), then stores statements by id
// as an LRS does (a statement id already stored is not stored again).
const stored = new Map<string, number>();
const requests: { ids: string[]; status: number; version: string | undefined; auth: string | undefined }[] = [];
let failNext = 1;
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const statements = JSON.parse(body) as { id: string }[];
    const status = failNext > 0 ? 503 : 200;
    requests.push({
      ids: statements.map((s) => s.id),
      status,
      version: req.headers["x-experience-api-version"] as string,
      auth: req.headers.authorization,
    });
    if (failNext > 0) {
      failNext--;
      res.writeHead(503).end("busy");
      return;
    }
    for (const s of statements) stored.set(s.id, (stored.get(s.id) ?? 0) + 1);
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(statements.map((s) => s.id)));
  });
});
let endpoint = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("sending statements to an LRS", () => {
  it("retries a failed batch and stores each statement once; a second run sends nothing", async () => {
    const items = await statementsFor(db, prison, {}, "https://engage.example");
    expect(items).toHaveLength(5); // the in-progress attempt is not a statement
    const config = { endpoint, username: "engage", password: "s3cret", batchSize: 2, backoffMs: 5 };

    const first = await deliverStatements(db, statementPages(db, prison, {}, "https://engage.example"), config);
    expect(first).toEqual({ sent: 5, alreadySent: 0, failed: 0, error: null });
    expect(requests.map((r) => r.status)).toEqual([503, 200, 200, 200]);
    expect(requests[0].ids).toEqual(requests[1].ids); // the same batch, retried
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
    expect([...stored.keys()].sort()).toEqual(items.map((i) => i.id).sort());
    expect(requests.every((r) => r.version === "1.0.3")).toBe(true);
    expect(requests[0].auth).toBe(`Basic ${Buffer.from("engage:s3cret").toString("base64")}`);

    const again = await deliverStatements(db, statementPages(db, prison, {}, "https://engage.example"), config);
    expect(again).toEqual({ sent: 0, alreadySent: 5, failed: 0, error: null });
    expect(requests).toHaveLength(4);
    const delivered = await db.selectFrom("xapi_deliveries").select(["statement_id"]).execute();
    expect(delivered).toHaveLength(5);
  });

  it("stops and reports when the LRS keeps failing, and sends only the rest next time", async () => {
    await insertAttempts(db, [{ username: "officer5", scenarioId: "wing-safety" }]);
    failNext = 10;
    const pages = () => statementPages(db, prison, {}, "https://engage.example");
    const result = await deliverStatements(db, pages(), { endpoint, batchSize: 2, retries: 2, backoffMs: 1 });
    expect(result.sent).toBe(0);
    expect(result.failed).toBe(1);
    // Plain words first, the technical term second, and only what Engage did: it tried again twice, then stopped.
    expect(result.error).toEqual({
      message:
        "The learning record store did not accept the statements (it answered 503, service unavailable). Engage tried 2 more times, then stopped.",
      plain: "The learning record store did not accept the statements",
      status: 503,
    });
    failNext = 0;
    const retried = await deliverStatements(db, pages(), { endpoint, batchSize: 2, backoffMs: 1 });
    expect(retried).toEqual({ sent: 1, alreadySent: 5, failed: 0, error: null });
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
    expect(stored.size).toBe(6);
  });

  it("does not retry a refusal such as bad credentials", async () => {
    await insertAttempts(db, [{ username: "officer6", scenarioId: "wing-safety" }]);
    const refuse = http.createServer((_req, res) => res.writeHead(401).end());
    await new Promise<void>((r) => refuse.listen(0, "127.0.0.1", r));
    let calls = 0;
    refuse.on("request", () => calls++);
    const result = await deliverStatements(db, statementPages(db, prison, {}, "https://engage.example"), {
      endpoint: `http://127.0.0.1:${(refuse.address() as AddressInfo).port}`,
      backoffMs: 1,
    });
    await new Promise<void>((r) => refuse.close(() => r()));
    expect(result.error).toEqual({
      message:
        "The learning record store did not accept the statements (it answered 401, unauthorized). Engage did not try again: the same statements would get the same answer.",
      plain: "The learning record store did not accept the statements",
      status: 401,
    });
    expect(calls).toBe(1);
  });

  it("says so in plain words when the learning record store cannot be reached", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const result = await deliverStatements(db, statementPages(db, prison, {}, "https://engage.example"), {
      endpoint: `http://127.0.0.1:${port}`,
      retries: 1,
      backoffMs: 1,
    });
    expect(result.error).toEqual({
      message:
        "Engage could not reach the learning record store (fetch failed). Engage tried 1 more time, then stopped.",
      plain: "Engage could not reach the learning record store",
      status: null,
    });
  });
});
