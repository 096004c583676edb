// Engage as the estate runs it: two instances of the built server on one PostgreSQL database
// (a throwaway server started here), an officer moving between them, a version published on one
// served by the other, a database outage answered with 503 and recovered from, and the start-up
// and shut-down an operator relies on.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { freePort } from "../support/ports";
import { startPostgres, type PostgresServer } from "../support/postgres-server";
import { expectAccessible, signIn } from "./support";
import { createWithWizard, rewriteWizardExample } from "./studio-steps";

const root = fileURLToPath(new URL("../..", import.meta.url));
const buildDir = process.env.ENGAGE_BUILD_DIR || "build";

interface Instance {
  url: string;
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startInstance(port: number, env: Record<string, string>): Instance {
  const child = spawn(process.execPath, [`${buildDir}/server.js`], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      NODE_ENV: "production",
      SESSION_SECRET: "estate-test-secret-long-enough-for-signing",
      ENGAGE_DEMO: "true",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { url: `http://localhost:${port}`, process: child, output: () => output, exited };
}

async function ready(instance: Instance, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${instance.url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready: ${instance.output()}`);
}

let postgres: PostgresServer;
let a: Instance;
let b: Instance;
let databaseUrl: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  postgres = await startPostgres();
  const admin = new pg.Client({ connectionString: postgres.url() });
  await admin.connect();
  await admin.query("create database engage");
  await admin.end();
  databaseUrl = postgres.url("engage");
  // Both at the same moment, on an empty database.
  a = startInstance(await freePort(), { DATABASE_URL: databaseUrl });
  b = startInstance(await freePort(), { DATABASE_URL: databaseUrl });
  await Promise.all([ready(a), ready(b)]);
});

test.afterAll(() => {
  for (const instance of [a, b]) instance?.process.kill("SIGKILL");
  postgres?.stop();
});

async function query<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function on(browser: Browser, instance: Instance, username: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: instance.url })).newPage();
  await signIn(page, username);
  return page;
}

test("two instances start at once on one empty database: both ready, the library imported once", async () => {
  for (const instance of [a, b]) {
    const info = await (await fetch(`${instance.url}/info`)).json();
    expect(info).toMatchObject({ name: "engage", database: "postgres", lastMigration: expect.any(String) });
  }
  const versions = await query<{ scenario_id: string; n: string }>(
    "select scenario_id, count(*) as n from scenario_versions group by scenario_id",
  );
  expect(versions.length).toBeGreaterThanOrEqual(15);
  expect(versions.filter((v) => Number(v.n) !== 1)).toEqual([]);
  expect(await query("select id from users where username_key = 'admin'")).toHaveLength(1);
  // Every log line is a JSON object with a level.
  for (const line of a.output().trim().split("\n")) expect(JSON.parse(line)).toHaveProperty("level");
});

test("an officer steps on one instance and carries on from the same place on the other", async ({ browser }) => {
  const onA = await on(browser, a, "officer2");
  await onA.goto("/");
  await onA
    .getByRole("link", { name: /Everyone on the wing will know/ })
    .first()
    .click();
  await onA.getByRole("button", { name: /Start practice/ }).click();
  await expect(onA.getByTestId("prisoner-line")).toBeVisible();
  await onA.getByRole("radio").first().check();
  await onA.getByRole("button", { name: "Say this" }).click();
  await expect(onA.getByTestId("feedback")).toBeVisible();
  const line = await onA.getByTestId("prisoner-line").innerText();
  const attemptPath = new URL(onA.url()).pathname;

  // The same browser (its session cookie) on the other instance.
  const onB = await onA.context().newPage();
  await onB.goto(`${b.url}${attemptPath}`);
  await expect(onB.getByTestId("prisoner-line")).toHaveText(line);
  await onB.getByRole("radio").first().check();
  await onB.getByRole("button", { name: "Say this" }).click();
  await expect(onB.getByTestId("feedback")).toBeVisible();
  await expectAccessible(onB);
  const steps = await query<{ seq: number }>(
    "select seq from attempt_steps s join attempts t on t.id = s.attempt_id where t.id = $1 order by seq",
    [attemptPath.split("/")[2]],
  );
  expect(steps.map((s) => s.seq)).toEqual([1, 2]);
});

test("a version published on one instance is what officers get on the other at once", async ({ browser }) => {
  const officerOnB = await on(browser, b, "officer3");
  await officerOnB.goto("/");
  await expect(officerOnB.getByText("Estate roll-out test")).toHaveCount(0);

  const trainerOnA = await on(browser, a, "trainer");
  // The wizard asks for the trainer's own words (the template's placeholders cannot be published).
  await createWithWizard(trainerOnA, { title: "Estate roll-out test", module: { index: 1 }, personaName: "Lee" });
  await expect(trainerOnA).toHaveURL(/\/studio\/estate-roll-out-test\/nodes$/);
  await rewriteWizardExample(trainerOnA, "estate-roll-out-test");
  await trainerOnA.goto("/studio/estate-roll-out-test/publish");
  await trainerOnA.getByLabel(/change note/i).fill("First version, for the estate test");
  await trainerOnA.getByRole("button", { name: "Publish this version" }).click();
  await expect(trainerOnA).toHaveURL(/\/studio$/);

  await officerOnB.reload();
  await expect(officerOnB.getByText("Estate roll-out test")).toBeVisible();
});

test("the database going away gives a 503 page, and the instance recovers when it returns", async () => {
  const signedIn = await fetch(`${a.url}/sign-in`, {
    method: "POST",
    body: new URLSearchParams({ username: "officer", password: "practise-reflections" }),
    redirect: "manual",
  });
  const cookie = signedIn.headers.get("set-cookie")!.split(";")[0];
  postgres.pause();
  try {
    const page = await fetch(`${a.url}/`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(503);
    expect(await page.text()).toContain("Sorry, the service is unavailable");
    expect((await fetch(`${a.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200); // alive: no restart needed
  } finally {
    postgres.resume();
  }
  await ready(a, 30_000);
  expect((await fetch(`${a.url}/`, { headers: { Cookie: cookie } })).status).toBe(200);
});

test("an unreachable DATABASE_URL stops the start with a clear message well inside 30 seconds", async () => {
  const started = Date.now();
  const broken = startInstance(await freePort(), {
    DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/engage`,
  });
  const code = await broken.exited;
  expect(code).not.toBe(0);
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(broken.output()).toContain("Engage could not prepare its database");
});

test("a bad setting stops the start naming the variable; SIGTERM stops an instance cleanly", async () => {
  const bad = startInstance(await freePort(), { DATABASE_URL: databaseUrl, PORT: "eighty" });
  expect(await bad.exited).toBe(1);
  expect(bad.output()).toContain("PORT must be a whole number");
  const noSecret = startInstance(await freePort(), {
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: "",
    ENGAGE_DEMO: "false",
  });
  expect(await noSecret.exited).toBe(1);
  expect(noSecret.output()).toContain("SESSION_SECRET is required in production");

  b.process.kill("SIGTERM");
  expect(await b.exited).toBe(0);
  expect(b.output()).toContain('"msg":"stopped"');
});
