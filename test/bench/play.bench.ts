/**
 * npm run bench:play
 * N simulated officers, each signed in, play scenarios to the end through HTTP against the built
 * server, on a free port with a fresh database. Then /healthz is measured with autocannon in the
 * same run, at the same concurrency. A step is everything between a click and the next page. Two
 * kinds of officer are timed in turn:
 * - "page": JavaScript off; a form POST, and the full HTML page it redirects to (two requests);
 * - "data": what the browser does with JavaScript on: the POST as a Remix single-fetch request
 *   (/attempts/<id>.data), whose answer carries the next page's data (one request), or, at the end
 *   of a conversation, the redirect and the review page's data.
 * Efficiency = steps/s x requests per step / healthz requests/s: 1.0 would mean each request of a
 * step costs the server no more than /healthz. Server CPU per request (from /proc, user + system)
 * is printed beside it: it depends far less on what else the machine is running.
 * Prints figures; asserts nothing.
 * Options: BENCH_OFFICERS (20), BENCH_SECONDS (15 per phase), BENCH_NODE_ARGS (server node flags,
 * e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  buildIfNeeded,
  cpuMs,
  freePort,
  OFFICERS,
  Officer,
  phase,
  type PhaseResult,
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
    await play(officers[0], "page", performance.now() + 2000);

    const load = () =>
      os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ");
    console.log(`machine: ${os.cpus().length} cores, load average ${load()}`);
    const data = await phase(officers, "data", "data", [server]);
    const page = await phase(officers, "page", "page", [server]);
    const cpuBefore = cpuMs([server]);
    const clientBefore = process.cpuUsage();
    const healthz = await autocannon({
      url: `${base}/healthz`,
      connections: OFFICERS,
      duration: Math.max(5, Math.round(SECONDS / 2)),
    });
    const healthzCpuMs = (cpuMs([server]) - cpuBefore) / healthz.requests.total;
    const clientUsage = process.cpuUsage(clientBefore);
    const healthzClientCpuMs = (clientUsage.user + clientUsage.system) / 1000 / healthz.requests.total;
    const healthzPerSecond = healthz.requests.average;
    console.log(
      `healthz: ${healthz.requests.total} requests, ${healthz.non2xx} non-2xx, ${healthzPerSecond.toFixed(0)} req/s p50 ${healthz.latency.p50} ms p99 ${healthz.latency.p99} ms; server CPU ${healthzCpuMs.toFixed(2)} ms/request, bench client (autocannon) CPU ${healthzClientCpuMs.toFixed(2)} ms/request`,
    );
    console.log(`load average now ${load()}`);
    const efficiency = (r: PhaseResult) => (r.stepsPerSecond * r.requestsPerStep) / healthzPerSecond;
    const cpuEfficiency = (r: PhaseResult) => (healthzCpuMs * r.requestsPerStep) / r.cpuMsPerStep;
    for (const [name, r] of [
      ["data (JavaScript on)", data],
      ["page (JavaScript off)", page],
    ] as const) {
      const p99Ratio = r.p99 / healthz.latency.p99;
      console.log(
        `targets, ${name}: efficiency ${efficiency(r).toFixed(2)} >= 0.5 ${efficiency(r) >= 0.5 ? "met" : "NOT met"}; ` +
          `p99 ${p99Ratio.toFixed(1)} x healthz's <= 4 ${p99Ratio <= 4 ? "met" : "NOT met"}; ` +
          `by server CPU ${cpuEfficiency(r).toFixed(2)} (${r.cpuMsPerStep.toFixed(2)} ms/step, ${r.requestsPerStep.toFixed(2)} requests)`,
      );
    }
    console.log(
      `play: ${page.stepsPerSecond.toFixed(0)} steps/s p50 ${page.p50.toFixed(1)} ms p99 ${page.p99.toFixed(1)} ms; healthz ${healthzPerSecond.toFixed(0)} req/s; ratio ${(page.stepsPerSecond / healthzPerSecond).toFixed(2)}; efficiency ${efficiency(page).toFixed(2)} / ${efficiency(data).toFixed(2)}`,
    );
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
