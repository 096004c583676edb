/**
 * npm run bench:play
 * N simulated officers, each signed in, play scenarios to the end through HTTP against the built
 * server (choice POST, then the next page GET), on a free port with a fresh database. Then /healthz
 * is measured with autocannon in the same run, at the same concurrency. A step is one response:
 * its POST plus the GET of the page it redirects to. Two kinds of officer are timed in turn:
 * - "page": JavaScript off; a form POST and a full HTML page (the heavier case; the last line);
 * - "data": what the browser does with JavaScript on (Remix <Form>): the POST and the next page's
 *   loader data as Remix single-fetch requests (/attempts/<id>.data), rendered in the browser.
 * Targets (2-core machine, 20 officers): ratio of steps/s to healthz req/s at least 0.5, step p99
 * under 100 ms. Prints figures; asserts nothing.
 * Options: BENCH_OFFICERS (20), BENCH_SECONDS (15 per phase), BENCH_NODE_ARGS (server node flags).
 */
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { decode } from "turbo-stream";
import { migrateToLatest, openDatabase } from "~db/connection.server";
import { DEMO_PASSWORD, seedDemo } from "~/seed/demo.server";

// autocannon ships no types; this is the part of its API used here.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
}
const autocannonPackage = "autocannon";
const { default: autocannon } = (await import(autocannonPackage)) as {
  default: (o: { url: string; connections: number; duration: number }) => Promise<AutocannonResult>;
};

const root = fileURLToPath(new URL("../..", import.meta.url));
const BUILD_DIR = ".build/bench";
const OFFICERS = Number(process.env.BENCH_OFFICERS || 20);
const SECONDS = Number(process.env.BENCH_SECONDS || 15);

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

function buildIfNeeded() {
  const out = path.join(root, BUILD_DIR, "index.js");
  const css = path.join(root, "public/assets/engage.css");
  if (!fs.existsSync(css)) execSync("npm run build:css", { cwd: root, stdio: "inherit" });
  const builtAt = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
  const changedAt = Math.max(...["app", "db", "remix.config.js"].map((s) => newest(path.join(root, s))));
  if (builtAt > changedAt) return;
  console.log(`bench: building into ${BUILD_DIR}`);
  execSync("npx remix build", {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ENGAGE_BUILD_DIR: BUILD_DIR, NODE_ENV: "production" },
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** A fresh database with the demo prison plus N bench officers (sharing the demo password hash). */
async function prepareDatabase(file: string): Promise<string[]> {
  const db = openDatabase({ engine: "sqlite", path: file });
  await migrateToLatest(db);
  await seedDemo(db);
  const template = await db
    .selectFrom("users")
    .selectAll()
    .where("username_key", "=", "officer")
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const names = Array.from({ length: OFFICERS }, (_, i) => `bench${String(i + 1).padStart(2, "0")}`);
  for (const name of names) {
    await db
      .insertInto("users")
      .values({
        username: name,
        username_key: name,
        display_name: `Bench ${name}`,
        role: "officer",
        establishment_id: template.establishment_id,
        unit_id: template.unit_id,
        password_hash: template.password_hash,
        active: true,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await db.destroy();
  return names;
}

async function waitUntilUp(base: string) {
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

/** The play route's loader data from a single-fetch response (turbo-stream encoded). */
async function parsePlayData(res: Response): Promise<Page | null> {
  const decoded = await decode(res.body!);
  await decoded.done;
  const routes = decoded.value as Record<
    string,
    {
      data?: {
        view?: {
          attempt: { rowVersion: number };
          current: { nodeId: string; options: { id: string }[]; write: unknown } | null;
        };
      };
    }
  >;
  const view = routes["routes/attempts.$attemptId._index"]?.data?.view;
  if (!view?.current) return null;
  return {
    nodeId: view.current.nodeId,
    rowVersion: String(view.attempt.rowVersion),
    choices: view.current.options.map((o) => o.id),
    write: Boolean(view.current.write),
  };
}

type Client = "page" | "data";

class Officer {
  cookie = "";
  constructor(
    readonly base: string,
    readonly username: string,
  ) {}

  async request(pathname: string, init: RequestInit = {}) {
    const res = await fetch(this.base + pathname, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers ?? {}), Cookie: this.cookie },
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0];
    return res;
  }
  post(pathname: string, form: Record<string, string>) {
    return this.request(pathname, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
  }
  async signIn() {
    const res = await this.post("/sign-in", { username: this.username, password: DEMO_PASSWORD, returnTo: "/" });
    if (res.status !== 302 && res.status !== 204) throw new Error(`${this.username}: sign-in answered ${res.status}`);
    await res.arrayBuffer();
  }
}

const SCENARIOS = fs
  .readdirSync(path.join(root, "scenarios"))
  .filter((f) => f.endsWith(".yaml") && f !== "modules.yaml")
  .map((f) => f.replace(/\.yaml$/, ""));

/** One officer playing scenario after scenario until the deadline; records each step's latency. */
async function play(officer: Officer, client: Client, deadline: number, latencies: number[], errors: string[]) {
  let n = 0;
  while (performance.now() < deadline) {
    const scenario = SCENARIOS[(n++ + officer.username.length) % SCENARIOS.length];
    const start = await officer.post(`/scenarios/${scenario}`, { mode: n % 2 ? "practice" : "assessment" });
    const location = start.headers.get("location");
    await start.arrayBuffer();
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
      const next = res.headers.get("location") ?? "";
      await res.arrayBuffer();
      if ((client === "page" ? res.status !== 302 : res.status !== 202) || !next) {
        errors.push(`step: ${res.status}`);
        break;
      }
      if (next.includes("?notice=")) errors.push(`refused step: ${next}`);
      if (next.endsWith("/review")) {
        const review = await officer.request(
          client === "data" ? `${next}.data?_routes=${encodeURIComponent("routes/attempts.$attemptId.review")}` : next,
        );
        await review.arrayBuffer();
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
    await res.arrayBuffer();
    return null;
  }
  const page = client === "data" ? await parsePlayData(res) : parsePlayPage(await res.text());
  if (!page) errors.push(`no play form at ${attempt}`);
  return page;
}

async function phase(officers: Officer[], client: Client) {
  const latencies: number[] = [];
  const errors: string[] = [];
  const t0 = performance.now();
  await Promise.all(officers.map((o) => play(o, client, t0 + SECONDS * 1000, latencies, errors)));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const result = {
    stepsPerSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
  console.log(
    `${client} client: ${officers.length} officers for ${elapsed.toFixed(1)} s: ${latencies.length} steps, ${errors.length} errors${errors.length ? ` (first: ${errors[0]})` : ""}; ` +
      `${result.stepsPerSecond.toFixed(0)} steps/s p50 ${result.p50.toFixed(1)} ms p99 ${result.p99.toFixed(1)} ms`,
  );
  return result;
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  buildIfNeeded();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engage-bench-"));
  const dbFile = path.join(dir, "bench.sqlite");
  const usernames = await prepareDatabase(dbFile);
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : []; // e.g. --prof
  const server = spawn(process.execPath, [...nodeArgs, path.join(BUILD_DIR, "server.js")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: dbFile,
      NODE_ENV: "production",
      SESSION_SECRET: "bench-secret-long-enough-for-the-session-cookie",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitUntilUp(base);
    const officers = usernames.map((u) => new Officer(base, u));
    for (const o of officers) await o.signIn(); // scrypt per sign-in: done before timing
    // Warm up: compile every scenario version once, like a server that has been running a while.
    await play(officers[0], "page", performance.now() + 2000, [], []);

    const data = await phase(officers, "data");
    const page = await phase(officers, "page");
    const healthz = await autocannon({
      url: `${base}/healthz`,
      connections: OFFICERS,
      duration: Math.max(5, Math.round(SECONDS / 2)),
    });
    const healthzPerSecond = healthz.requests.average;
    console.log(
      `healthz: ${healthz.requests.total} requests, ${healthz.non2xx} non-2xx, ${healthzPerSecond.toFixed(0)} req/s p50 ${healthz.latency.p50} ms p99 ${healthz.latency.p99} ms`,
    );
    for (const [name, r] of [
      ["data (JavaScript on)", data],
      ["page (JavaScript off)", page],
    ] as const) {
      const ratio = r.stepsPerSecond / healthzPerSecond;
      console.log(
        `targets, ${name}: ratio ${ratio.toFixed(2)} >= 0.5 ${ratio >= 0.5 ? "met" : "NOT met"}; p99 ${r.p99.toFixed(1)} ms < 100 ms ${r.p99 < 100 ? "met" : "NOT met"}`,
      );
    }
    console.log(
      `play: ${page.stepsPerSecond.toFixed(0)} steps/s p50 ${page.p50.toFixed(1)} ms p99 ${page.p99.toFixed(1)} ms; healthz ${healthzPerSecond.toFixed(0)} req/s; ratio ${(page.stepsPerSecond / healthzPerSecond).toFixed(2)}`,
    );
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
