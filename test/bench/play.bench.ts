/**
 * npm run bench:play
 * N simulated officers, each signed in, play scenarios to the end through HTTP against the built
 * server (choice POST, then the next page GET), on a free port with a fresh database. Then /healthz
 * is measured with autocannon in the same run, at the same concurrency. A step is one response:
 * its POST plus the GET of the page it redirects to. Two kinds of officer are timed in turn:
 * - "page": JavaScript off; a form POST and a full HTML page (the heavier case; the last line);
 * - "data": what the browser does with JavaScript on (Remix <Form>): the POST and the next page's
 *   loader data as Remix single-fetch requests (/attempts/<id>.data), rendered in the browser.
 * Prints figures; asserts nothing.
 * Options: BENCH_OFFICERS (20), BENCH_SECONDS (15 per phase), BENCH_NODE_ARGS (server node flags).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  buildIfNeeded,
  freePort,
  OFFICERS,
  Officer,
  phase,
  play,
  prepareBenchDatabase,
  SECONDS,
  startServer,
  waitUntilUp,
} from "./play-harness";

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

async function main() {
  buildIfNeeded();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engage-bench-"));
  const dbFile = path.join(dir, "bench.sqlite");
  const usernames = await prepareBenchDatabase({ engine: "sqlite", path: dbFile });
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = startServer(port, { DATABASE_PATH: dbFile });
  try {
    await waitUntilUp(base);
    const officers = usernames.map((u) => new Officer([base], u));
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
