/**
 * npm run bench:reports
 * Times the report loaders' server functions on the large data set (npm run seed:large; made
 * here when missing) beside the bare SQL query each rests on, measured in the same run, for the
 * biggest prison: the overview and training matrix pages (first page, one wing), then the exports
 * (matrix CSV, attempts CSV, xAPI statements). Targets for pages: under 300 ms and within 3x the
 * bare query. Figures are medians of RUNS runs after WARM_UP runs.
 * The downloads stream: for each it prints the time to its
 * first rows (the first part after the header), the total time to read the whole body, its ratio to the
 * bare query (target at most 2) and how much the process's resident memory grew while one was
 * read (target under 64 MB), each in a process of its own that reads only that download (resident
 * memory seldom shrinks, so one process measuring several would hide the later ones' growth).
 * npm run bench:reports:pg does the same on PostgreSQL, the data copied into a throwaway server.
 */
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import type { Download } from "~/reports/exports.server";
import { sql } from "kysely";
import { openDatabase } from "~db/connection.server";
import { ensureLargeDatabase } from "~/seed/large-file.server";
import { largeOnPostgres } from "./large-postgres";

const WARM_UP = 3;
const RUNS = 9;

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const memoryOf = option("memory-of");
const large = await ensureLargeDatabase({ log: memoryOf ? () => {} : console.log });
// With --postgres, the same data copied into a throwaway PostgreSQL server (the memory runs are
// handed its address).
let postgresUrl = option("postgres-url");
if (process.argv.includes("--postgres") && !postgresUrl) {
  const copied = await largeOnPostgres(large.db);
  postgresUrl = copied.url;
  // However the run ends: the server is a process of its own, with its data in a temporary folder.
  process.on("exit", copied.stop);
}
const db = postgresUrl ? openDatabase({ engine: "postgres", url: postgresUrl }) : large.db;
const engine = postgresUrl ? "PostgreSQL (a throwaway server started here)" : `SQLite, ${large.file}`;
const { overviewReport } = await import("~/reports/overview.server");
const { matrixReport } = await import("~/reports/matrix.server");
const { attemptsCsv, matrixCsv, statementsJson } = await import("~/reports/exports.server");

const prison = await db
  .selectFrom("users")
  .select(["establishment_id", (eb) => eb.fn.countAll<number>().as("n")])
  .where("role", "=", "officer")
  .groupBy("establishment_id")
  .orderBy("n", "desc")
  .executeTakeFirstOrThrow();
const prisonId = prison.establishment_id!;
const wing = await db
  .selectFrom("units")
  .select(["id", "name"])
  .where("establishment_id", "=", prisonId)
  .orderBy("name")
  .executeTakeFirstOrThrow();
const counts = await sql<{
  attempts: number;
  steps: number;
}>`select (select count(*) from attempts) as attempts, (select count(*) from attempt_steps) as steps`.execute(db);
if (!memoryOf)
  console.log(
    `Large data set on ${engine}${large.generated ? " (generated now)" : ""}: ${counts.rows[0].attempts} attempts, ${counts.rows[0].steps} steps; prison ${prisonId} with ${prison.n} officers; wing "${wing.name}"`,
  );

// The bare queries: the same rows the loaders read, aggregated (or listed) in SQL alone.
const officersOf = (unit: boolean) =>
  sql`u.establishment_id = ${prisonId} and u.role = 'officer' and u.active = ${true}${unit ? sql` and u.unit_id = ${wing.id}` : sql``}`;
const progressAggregate = (unit: boolean) =>
  sql`select a.officer_id, a.scenario_id, a.mode, a.status, count(*) as n, min(a.started_at) as first_start, min(a.finished_at) as first_finish, max(a.finished_at) as last_finish,
      sum(a.open_questions + a.closed_questions) as questions, sum(a.simple_reflections + a.complex_reflections) as reflections
      from attempts a join users u on u.id = a.officer_id where ${officersOf(unit)} group by a.officer_id, a.scenario_id, a.mode, a.status`.execute(
    db,
  );
const attemptList = (finishedOnly: boolean) =>
  sql`select a.id, u.display_name, w.name as unit_name, a.module_id, a.officer_id, a.scenario_id, a.mode, a.status, a.started_at, a.finished_at, a.outcome,
      a.open_questions, a.closed_questions, a.simple_reflections, a.complex_reflections, a.mi_adherent, a.mi_non_adherent from attempts a join users u on u.id = a.officer_id left join units w on w.id = u.unit_id
      where u.establishment_id = ${prisonId} and u.role = 'officer'${finishedOnly ? sql` and a.status = 'finished'` : sql``} order by a.started_at desc, a.id`.execute(
    db,
  );

const baseUrl = "https://engage.example";
async function matrixDownload(): Promise<Download> {
  const result = await matrixCsv(db, prisonId, new URLSearchParams());
  if (result.errors) throw new Error("the matrix export refused its filters");
  return result;
}
const cases: { page: string; loader: () => Promise<unknown>; bare: () => Promise<unknown> }[] = [
  { page: "overview", loader: () => overviewReport(db, prisonId), bare: () => progressAggregate(false) },
  {
    page: "matrix",
    loader: () => matrixReport(db, prisonId, new URLSearchParams({ wing: String(wing.id) })),
    bare: () => progressAggregate(true),
  },
];
const downloads: { page: string; download: () => Promise<Download>; bare: () => Promise<unknown> }[] = [
  { page: "export-matrix-csv", download: () => matrixDownload(), bare: () => progressAggregate(false) },
  { page: "export-attempts-csv", download: () => attemptsCsv(db, prisonId, {}), bare: () => attemptList(false) },
  { page: "export-xapi", download: () => statementsJson(db, prisonId, {}, baseUrl), bare: () => attemptList(true) },
];

async function median(f: () => Promise<unknown>) {
  for (let i = 0; i < WARM_UP; i++) await f();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * One download read to the end: when its first rows came, when it ended and its size; with
 * `memory`, also the most the process's resident memory grew (sampled after each part, which takes
 * time of its own: the timed runs do not sample).
 */
async function readDownload(f: () => Promise<Download>, { memory = false } = {}) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (memory) gc?.();
  const before = process.memoryUsage.rss();
  let peak = 0;
  const t0 = performance.now();
  const reader = (await f()).body.getReader();
  let parts = 0;
  let firstRows = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (++parts === 2) firstRows = performance.now() - t0;
    bytes += value.byteLength;
    if (memory) peak = Math.max(peak, process.memoryUsage.rss() - before);
  }
  return { firstRows, total: performance.now() - t0, bytes, peak };
}

if (memoryOf) {
  const { peak, bytes } = await readDownload(downloads.find((d) => d.page === memoryOf)!.download, { memory: true });
  console.log(JSON.stringify({ peak, bytes }));
  process.exit(0);
}
const peaks = new Map<string, { peak: number; bytes: number }>();
for (const d of downloads) {
  const args = [...process.execArgv, process.argv[1], `--memory-of=${d.page}`];
  if (postgresUrl) args.push(`--postgres-url=${postgresUrl}`);
  const out = execFileSync(process.execPath, args, { encoding: "utf8" }).trim().split("\n").at(-1)!;
  peaks.set(d.page, JSON.parse(out) as { peak: number; bytes: number });
}

const results: { page: string; loader: number; bare: number; ratio: number }[] = [];
for (const c of cases) {
  // Interleaved so both feel the same machine load.
  const loader = await median(c.loader);
  const bare = await median(c.bare);
  results.push({ page: c.page, loader, bare, ratio: loader / bare });
}
const streamed: { page: string; firstRows: number; total: number; bare: number; mb: number; peak: number }[] = [];
for (const d of downloads) {
  const firstRows: number[] = [];
  const total = await median(async () => {
    firstRows.push((await readDownload(d.download)).firstRows);
  });
  const bare = await median(d.bare);
  firstRows.sort((a, b) => a - b);
  const { peak, bytes } = peaks.get(d.page)!;
  streamed.push({
    page: d.page,
    firstRows: firstRows[Math.floor(firstRows.length / 2)],
    total,
    bare,
    mb: bytes / 2 ** 20,
    peak,
  });
}

console.log("");
console.log("page                   loader ms   bare query ms   ratio   (targets: < 300 ms, ratio <= 3)");
for (const r of results) {
  console.log(
    `${r.page.padEnd(22)} ${r.loader.toFixed(1).padStart(9)}   ${r.bare.toFixed(1).padStart(13)}   ${r.ratio.toFixed(2).padStart(5)}   ${r.loader < 300 && r.ratio <= 3 ? "ok" : "MISSED"}`,
  );
}
const MB = 2 ** 20;
console.log("");
console.log(
  "download               first rows ms   total ms   bare query ms   ratio   size MB   memory growth MB   (targets: ratio <= 2, < 64 MB)",
);
for (const d of streamed) {
  const ratio = d.total / d.bare;
  console.log(
    `${d.page.padEnd(22)} ${d.firstRows.toFixed(1).padStart(13)}   ${d.total.toFixed(1).padStart(8)}   ${d.bare.toFixed(1).padStart(13)}   ${ratio.toFixed(2).padStart(5)}   ${d.mb.toFixed(1).padStart(7)}   ${(d.peak / MB).toFixed(1).padStart(16)}   ${ratio <= 2 && d.peak < 64 * MB ? "ok" : "MISSED"}`,
  );
}
if (!(globalThis as { gc?: () => void }).gc)
  console.log("(run with node --expose-gc for memory figures from a collected heap)");
const slowest = results.reduce((a, b) => (b.loader > a.loader ? b : a));
const worst = results.reduce((a, b) => (b.ratio > a.ratio ? b : a));
const worstDownload = streamed.reduce((a, b) => (b.total / b.bare > a.total / a.bare ? b : a));
console.log(
  `reports: slowest page ${slowest.page} ${slowest.loader.toFixed(1)} ms; worst page ratio ${worst.ratio.toFixed(2)}; worst download ratio ${worstDownload.page} ${(worstDownload.total / worstDownload.bare).toFixed(2)}; most memory ${Math.max(...streamed.map((d) => d.peak / MB)).toFixed(1)} MB`,
);
await db.destroy();
if (db !== large.db) await large.db.destroy();
process.exit(0);
