/**
 * What bench:play and bench:scale share: building into .build/bench, a fresh database with N bench
 * officers (SQLite file or PostgreSQL database), starting the built server, and officers who sign
 * in and play scenarios through HTTP exactly as a browser does, with or without JavaScript.
 */
import { execSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import pino from "pino";
import { decode } from "turbo-stream";
import { openDatabase, type DatabaseTarget } from "~db/connection.server";
import { readConfig } from "~/config.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { prepareDatabase as prepareForEngage } from "~/server/start-up.server";

export { freePort } from "../support/ports";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const BUILD_DIR = ".build/bench";
export const OFFICERS = Number(process.env.BENCH_OFFICERS || 20);
export const SECONDS = Number(process.env.BENCH_SECONDS || 15);

function newest(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    0,
    ...fs
      .readdirSync(p)
      .filter((e) => !(p.endsWith("db") && e === "data"))
      .map((e) => newest(path.join(p, e))),
  );
}

export function buildIfNeeded() {
  const out = path.join(root, BUILD_DIR, "server.js");
  const css = path.join(root, "public/assets/engage.css");
  if (!fs.existsSync(css)) execSync("npm run build:css", { cwd: root, stdio: "inherit" });
  const builtAt = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
  const changedAt = Math.max(...["app", "db", "remix.config.js"].map((s) => newest(path.join(root, s))));
  if (builtAt > changedAt) return;
  console.log(`bench: building into ${BUILD_DIR}`);
  execSync("npx remix build && node app/cli/build-server.mjs", {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ENGAGE_BUILD_DIR: BUILD_DIR, NODE_ENV: "production" },
  });
}

/** A fresh database prepared as the server would (migrations, library, demo prison) plus N bench officers. */
export async function prepareBenchDatabase(target: DatabaseTarget): Promise<string[]> {
  const read = readConfig({ NODE_ENV: "production", ENGAGE_DEMO: "true" });
  if (!read.ok) throw new Error(read.problems.join("; "));
  const db = openDatabase(target);
  await prepareForEngage(db, read.config, pino({ level: "silent" }));
  const template = await db
    .selectFrom("users")
    .selectAll()
    .where("username_key", "=", "officer")
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const names = Array.from({ length: OFFICERS }, (_, i) => `bench${String(i + 1).padStart(2, "0")}`);
  await db
    .insertInto("users")
    .values(
      names.map((name) => ({
        username: name,
        username_key: name,
        display_name: `Bench ${name}`,
        role: "officer" as const,
        establishment_id: template.establishment_id,
        unit_id: template.unit_id,
        password_hash: template.password_hash,
        active: true,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db.destroy();
  return names;
}

/** The built server on `port` against `database` (DATABASE_PATH or DATABASE_URL), quiet. */
export function startServer(port: number, database: Record<string, string>): ChildProcess {
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : []; // e.g. --prof
  return spawn(process.execPath, [...nodeArgs, path.join(BUILD_DIR, "server.js")], {
    cwd: root,
    env: {
      ...process.env,
      ...database,
      PORT: String(port),
      NODE_ENV: "production",
      SESSION_SECRET: "bench-secret-long-enough-for-the-session-cookie",
      ENGAGE_DEMO: "false",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export async function waitUntilUp(base: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

const attr = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];

interface Page {
  nodeId: string;
  rowVersion: string;
  choices: string[];
  write: boolean;
}
function parsePlayPage(html: string): Page | null {
  const nodeId = attr(html, "nodeId");
  const rowVersion = attr(html, "rowVersion");
  if (!nodeId || !rowVersion) return null;
  const choices = [...html.matchAll(/name="choice" type="radio" value="([^"]*)"/g)].map((m) => m[1]);
  return { nodeId, rowVersion, choices, write: html.includes('name="reply"') };
}

interface PlayView {
  attempt: { rowVersion: number };
  current: { nodeId: string; options: { id: string }[]; write: unknown } | null;
}

/** A turbo-stream encoded body (Remix single fetch), decoded. */
async function turboStream(res: Answer): Promise<unknown> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(res.body);
      controller.close();
    },
  });
  const decoded = await decode(body);
  await decoded.done;
  return decoded.value;
}

/** The play route's loader data from a single-fetch response (turbo-stream encoded). */
async function parsePlayData(res: Answer): Promise<Page | null> {
  const routes = (await turboStream(res)) as Record<string, { data?: { view?: PlayView } }>;
  return pageOfView(routes["routes/attempts.$attemptId._index"]?.data?.view);
}

/** The next page from a single-fetch action answer that carries it (`{ data: { view } }`). */
async function parseActionData(res: Answer): Promise<Page | null> {
  return pageOfView(((await turboStream(res)) as { data?: { view?: PlayView } }).data?.view);
}

function pageOfView(view: PlayView | undefined): Page | null {
  if (!view?.current) return null;
  return {
    nodeId: view.current.nodeId,
    rowVersion: String(view.attempt.rowVersion),
    choices: view.current.options.map((o) => o.id),
    write: Boolean(view.current.write),
  };
}

export type Client = "page" | "data";

/** An HTTP answer, its body read whole (and decompressed). */
export interface Answer {
  status: number;
  header(name: string): string | undefined;
  body: Buffer;
}

/**
 * A signed-in officer. With several instances, each request goes to the next one in turn. Requests
 * go through node:http with a kept-alive connection, asking for compressed answers as a browser
 * does: a lighter client than fetch, so less of the machine goes to the load generator.
 */
export class Officer {
  cookie = "";
  /** Requests sent so far. */
  requests = 0;
  private turn = 0;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(
    readonly bases: string[],
    readonly username: string,
  ) {
    this.turn = username.length;
  }

  request(pathname: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
    const url = new URL(pathname, this.bases[this.turn++ % this.bases.length]);
    this.requests++;
    return this.send(url, init);
  }
  private send(url: URL, init: { method?: string; body?: string; headers?: Record<string, string> }, retry = true) {
    return new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: init.method ?? "GET",
          agent: this.agent,
          headers: { ...init.headers, Cookie: this.cookie, "Accept-Encoding": "gzip, deflate, br" },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const setCookie = res.headers["set-cookie"]?.[0];
            if (setCookie) this.cookie = setCookie.split(";")[0];
            const header = (name: string) => {
              const value = res.headers[name.toLowerCase()];
              return Array.isArray(value) ? value[0] : value;
            };
            resolve({ status: res.statusCode!, header, body: decompressed(Buffer.concat(chunks), header) });
          });
        },
      );
      req.on("error", (error: NodeJS.ErrnoException) => {
        // The server closed a kept-alive connection as it was reused: the request never reached
        // it, so it is sent again on a fresh one (as Node's documentation advises).
        if (retry && req.reusedSocket && error.code === "ECONNRESET") this.send(url, init, false).then(resolve, reject);
        else reject(error);
      });
      req.end(init.body);
    });
  }
  post(pathname: string, form: Record<string, string>) {
    return this.request(pathname, {
      method: "POST",
      body: new URLSearchParams(form).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
  }
  async signIn() {
    const res = await this.post("/sign-in", { username: this.username, password: DEMO_PASSWORD, returnTo: "/" });
    if (res.status !== 302 && res.status !== 204) throw new Error(`${this.username}: sign-in answered ${res.status}`);
  }
}

function decompressed(body: Buffer, header: Answer["header"]): Buffer {
  switch (header("content-encoding")) {
    case "gzip":
      return zlib.gunzipSync(body);
    case "br":
      return zlib.brotliDecompressSync(body);
    case "deflate":
      return zlib.inflateSync(body);
    default:
      return body;
  }
}

const SCENARIOS = fs
  .readdirSync(path.join(root, "scenarios"))
  .filter((f) => f.endsWith(".yaml") && f !== "modules.yaml")
  .map((f) => f.replace(/\.yaml$/, ""));

/** What a phase records: each step's latency, and what went wrong. */
export interface Tally {
  latencies: number[];
  errors: string[];
}

export const newTally = (): Tally => ({ latencies: [], errors: [] });

/**
 * One officer playing scenario after scenario until the deadline. A step is everything the
 * browser asks for between a click and the next page: the POST, and a GET when the POST answers
 * with a redirect (always without JavaScript; with it only at the end of a conversation or when
 * the server answers with the next page's address rather than its data).
 */
export async function play(officer: Officer, client: Client, deadline: number, tally: Tally = newTally()) {
  const { latencies, errors } = tally;
  let n = 0;
  while (performance.now() < deadline) {
    const scenario = SCENARIOS[(n++ + officer.username.length) % SCENARIOS.length];
    const start = await officer.post(`/scenarios/${scenario}`, { mode: n % 2 ? "practice" : "assessment" });
    const location = start.header("location");
    if (start.status !== 302 || !location) {
      errors.push(`start ${scenario}: ${start.status}`);
      continue;
    }
    const attempt = location.split("?")[0];
    let page = await fetchPlay(officer, client, attempt, errors);
    while (page && performance.now() < deadline) {
      const form: Record<string, string> = { nodeId: page.nodeId, rowVersion: page.rowVersion };
      if (page.write) form.reply = "It sounds like you want to know what you'd be walking into.";
      else form.choice = page.choices[Math.floor(Math.random() * page.choices.length)];
      const t0 = performance.now();
      // With JavaScript, Remix posts to the route's .data URL (?index: the play page is an index route).
      const res = await officer.post(client === "data" ? `${attempt}.data?index` : attempt, form);
      if (client === "data" && res.status === 200) {
        // The answer carries the next page: nothing more to ask for.
        page = await parseActionData(res);
        latencies.push(performance.now() - t0);
        if (!page) errors.push(`no play form in the answer to a step at ${attempt}`);
        continue;
      }
      // Without JavaScript a 302; with it, single fetch's redirect (202 and X-Remix-Redirect).
      const next = res.header("location") ?? res.header("x-remix-redirect") ?? "";
      if ((client === "page" ? res.status !== 302 : res.status !== 202) || !next) {
        errors.push(`step: ${res.status}`);
        break;
      }
      if (next.includes("?notice=")) errors.push(`refused step: ${next}`);
      if (next.endsWith("/review")) {
        const review = await officer.request(
          client === "data" ? `${next}.data?_routes=${encodeURIComponent("routes/attempts.$attemptId.review")}` : next,
        );
        latencies.push(performance.now() - t0);
        if (review.status !== 200) errors.push(`review: ${review.status}`);
        break;
      }
      page = await fetchPlay(officer, client, attempt, errors, true);
      latencies.push(performance.now() - t0);
    }
  }
}

// After a step the browser asks only for the play page's loader: the root opts out of
// revalidating on conversation steps (shouldRevalidate in app/root.tsx).
const PLAY_ROUTE_ONLY = `?_routes=${encodeURIComponent("routes/attempts.$attemptId._index")}`;

async function fetchPlay(
  officer: Officer,
  client: Client,
  attempt: string,
  errors: string[],
  afterStep = false,
): Promise<Page | null> {
  const res = await officer.request(client === "data" ? `${attempt}.data${afterStep ? PLAY_ROUTE_ONLY : ""}` : attempt);
  if (res.status !== 200) {
    errors.push(`play page: ${res.status}`);
    return null;
  }
  const page = client === "data" ? await parsePlayData(res) : parsePlayPage(res.body.toString("utf8"));
  if (!page) errors.push(`no play form at ${attempt}`);
  return page;
}

export interface PhaseResult {
  stepsPerSecond: number;
  requestsPerStep: number;
  p50: number;
  p99: number;
  /** Server CPU time (user + system, all instances) per step, in ms; NaN where /proc is missing. */
  cpuMsPerStep: number;
  /** This process's CPU time per step, in ms: the officers' side (HTTP, decompressing, decoding), on the same cores. */
  clientCpuMsPerStep: number;
}

/** All officers play at once for SECONDS; `servers` are the instances whose CPU time is counted. */
export async function phase(
  officers: Officer[],
  client: Client,
  label: string = client,
  servers: ChildProcess[] = [],
): Promise<PhaseResult> {
  const tally = newTally();
  const sent = () => officers.reduce((n, o) => n + o.requests, 0);
  const requestsBefore = sent();
  const cpuBefore = cpuMs(servers);
  const clientBefore = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(officers.map((o) => play(o, client, t0 + SECONDS * 1000, tally)));
  const elapsed = (performance.now() - t0) / 1000;
  const { latencies, errors } = tally;
  const steps = latencies.length;
  latencies.sort((a, b) => a - b);
  const result = {
    stepsPerSecond: steps / elapsed,
    // Every request the officers sent, starting scenarios and opening them included.
    requestsPerStep: (sent() - requestsBefore) / steps,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMsPerStep: (cpuMs(servers) - cpuBefore) / steps,
    clientCpuMsPerStep: clientCpuMs(process.cpuUsage(clientBefore)) / steps,
  };
  console.log(
    `${label} client: ${officers.length} officers for ${elapsed.toFixed(1)} s: ${steps} steps, ${errors.length} errors${errors.length ? ` (first: ${errors[0]})` : ""}; ` +
      `${result.stepsPerSecond.toFixed(0)} steps/s p50 ${result.p50.toFixed(1)} ms p99 ${result.p99.toFixed(1)} ms; ` +
      `${result.requestsPerStep.toFixed(2)} requests/step; server CPU ${result.cpuMsPerStep.toFixed(2)} ms/step, bench client CPU ${result.clientCpuMsPerStep.toFixed(2)} ms/step`,
  );
  return result;
}

const clientCpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/**
 * CPU time (user + system) the processes have used so far, in ms, from /proc (Linux). Unlike
 * throughput it hardly depends on what else the machine is running: NaN where /proc is missing.
 */
export function cpuMs(processes: ChildProcess[]): number {
  let ticks = 0;
  for (const p of processes) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = fs.readFileSync(`/proc/${p.pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return NaN;
    }
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execSync("getconf CLK_TCK", { stdio: ["ignore", "pipe", "ignore"] }).toString()) || 100;
  } catch {
    return 100;
  }
})();

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
