// A module that requires an observation on the wing, end to end: an officer who has passed every
// assessment of it reads "Passed – observation on the wing next" (words, not colour alone) and the
// next step "Ask a coach to observe you on the wing"; a coach records an observation at the fair
// levels; the officer is then Competent. Axe at 1,280 px and 375 px.
//
// `requires_observation` is set in the scenario library's modules.yaml (there is no page for it):
// this spec starts its own server on a copy of the library with it set on the first module, so the
// other specs' server and officers are untouched. The officer's passes are written into the
// database, as where-you-stand.spec.ts arranges its officers.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { openDatabase } from "../../db/connection.server";
import { insertAttempts } from "../support/attempts";
import { freePort } from "../support/ports";
import { expectAccessibleAtBothWidths, signIn } from "./support";

const root = fileURLToPath(new URL("../..", import.meta.url));
const buildDir = process.env.ENGAGE_BUILD_DIR || "build";
const LISTENING = "listening-on-the-landing";
const LISTENING_SCENARIOS = ["wing-safety", "appeal-denial", "bad-news-letter"];
const WAITING = "Passed – observation on the wing next";

let port = 0;
let server: ChildProcess;
const results = () => `${root}test/results/observation-next-${port}`;
const url = (path: string) => `http://localhost:${port}${path}`;

/** The built-in library, with the first module requiring an observation, as an administrator would set it. */
function libraryRequiringObservation(): string {
  const dir = `${results()}-scenarios`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(`${root}scenarios`, dir, { recursive: true });
  const modules = fs.readFileSync(`${dir}/modules.yaml`, "utf8");
  const changed = modules.replace(
    "    refresher_months: 6\n",
    "    refresher_months: 6\n    requires_observation: true\n",
  );
  expect(changed).not.toBe(modules);
  fs.writeFileSync(`${dir}/modules.yaml`, changed);
  return dir;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  port = await freePort();
  const dbFile = `${results()}.sqlite`;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
  server = spawn(process.execPath, [`${buildDir}/server.js`], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: dbFile,
      ENGAGE_SCENARIOS_DIR: libraryRequiringObservation(),
      NODE_ENV: "production",
      ENGAGE_DEMO: "true",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  await expect(async () => {
    expect((await fetch(url("/readyz"))).status).toBe(200);
  }).toPass({ timeout: 60_000 });
  // Tom Haverly passes the assessment of every scenario in the module.
  const db = openDatabase({ engine: "sqlite", path: dbFile });
  try {
    await insertAttempts(
      db,
      LISTENING_SCENARIOS.map((scenarioId) => ({ username: "officer3", scenarioId })),
    );
  } finally {
    await db.destroy();
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(`${results()}-scenarios`, { recursive: true, force: true });
});

async function signedInHere(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url("/sign-in"));
  await signIn(page, username);
  return page;
}

test("passed every assessment of a module that requires an observation: observation on the wing next, then Competent once a coach observes", async ({
  browser,
}) => {
  // Three people's journeys, each page checked by axe at two widths: 50 s of the usual 60 on a quiet CI machine.
  test.setTimeout(150_000);
  const officer = await signedInHere(browser, "officer3");
  await officer.goto(url("/"));
  const status = officer.getByTestId(`module-status-${LISTENING}`);
  // The status is in words, announced as the module's status, not carried by the tag's colour.
  await expect(status).toHaveText(WAITING);
  await expect(officer.locator(`#module-${LISTENING}`).locator("xpath=..")).toContainText(`Module status: ${WAITING}`);
  await expect(officer.getByTestId(`module-left-${LISTENING}`)).toContainText(
    "a coach observes one of your real conversations on the wing",
  );
  await expect(officer.getByText("you also need a coach to observe one of your real conversations")).toBeVisible();
  const next = officer.getByTestId("next-step");
  await expect(next).toContainText("Ask a coach to observe you on the wing: Listening on the landing");
  await expectAccessibleAtBothWidths(officer);
  // The next step leads to where observations of them will appear.
  await next.getByRole("link", { name: /^Ask a coach to observe you on the wing/ }).click();
  await expect(officer).toHaveURL(/\/record#observed$/);
  await expect(officer.getByRole("heading", { name: "Observed on the wing" })).toBeVisible();
  await expectAccessibleAtBothWidths(officer);

  // A coach observes Tom on the wing at the fair levels: R:Q 1.5, 50% complex, globals 3.5 and 4.
  const coach = await signedInHere(browser, "trainer");
  await coach.goto(url("/coaching"));
  await coach.getByLabel("Officer").selectOption({ label: "Tom Haverly, B wing" });
  await coach.getByRole("button", { name: "Start observing" }).click();
  await expect(coach.getByRole("heading", { level: 1, name: "Observing Tom Haverly" })).toBeVisible();
  for (const [label, times] of [
    ["Question", 4],
    ["Simple reflection", 3],
    ["Complex reflection", 3],
  ] as const) {
    const button = coach.getByRole("button", { name: new RegExp(`^${label} \\d+$`) });
    for (let i = 0; i < times; i++) await button.click();
  }
  await expect(coach.getByRole("button", { name: "Complex reflection 3" })).toBeVisible();
  await coach.getByLabel("Minutes").fill("6");
  for (const [name, value] of Object.entries({
    "Cultivating change talk": 4,
    "Softening sustain talk": 3,
    Partnership: 4,
    Empathy: 4,
  }))
    await coach
      .getByRole("group", { name: new RegExp(`^${name}`) })
      .getByLabel(String(value), { exact: true })
      .check();
  await coach.getByLabel("Strengths").fill("You reflected his worry before asking anything else.");
  await coach.getByRole("button", { name: "Record observation" }).click();
  await expect(coach.getByText("Observation recorded.")).toBeVisible();
  await expect(coach.getByText("1.5 : 1 (6 reflections, 4 questions)")).toBeVisible();
  await coach.context().close();

  // Tom is now Competent in the module, and the observation is on his record.
  await officer.goto(url("/"));
  await expect(status).toHaveText("Competent");
  await expect(officer.locator(`#module-${LISTENING}`).locator("xpath=..")).toContainText("Module status: Competent");
  await expect(officer.getByTestId("next-step")).not.toContainText("Ask a coach to observe you");
  await expectAccessibleAtBothWidths(officer);
  await officer.goto(url("/record#observed"));
  await expect(officer.getByText(/observed by Morgan Ellery, 6 minutes/)).toBeVisible();
  await officer.context().close();
});
