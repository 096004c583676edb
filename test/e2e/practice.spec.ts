import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Page, type Request } from "@playwright/test";
import { freePort } from "../support/ports";
import { expectAccessible, newOfficer, signIn, signedIn } from "./support";
import {
  currentNodeId,
  e2eDatabase,
  pick,
  playToEnd,
  respond,
  rowVersion,
  scenarioFile,
  startScenario,
} from "./practice-support";

const appeal = scenarioFile("appeal-denial");

test("practice mode shows feedback after each choice, then the review and the record", async ({ page }) => {
  await signIn(page, "officer3");
  await expect(page.getByRole("heading", { name: "Your training" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: appeal.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: appeal.title })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page.getByTestId("prisoner-line")).toHaveText(appeal.nodes[appeal.start].prisoner);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Say this" }).click();
  await expect(page.getByRole("link", { name: "Select what you say" })).toBeVisible();
  await expectAccessible(page);

  // With JavaScript on, a response is sent without a page load (this marker survives it), as one
  // request whose answer carries the next page, and the address stays the attempt's own.
  await page.evaluate(() => ((window as unknown as { noFullReload: boolean }).noFullReload = true));
  const attemptPath = new URL(page.url()).pathname;
  const requests: string[] = [];
  const record = (r: Request) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith("/build/") && !url.pathname.startsWith("/assets/"))
      requests.push(`${r.method()} ${url.pathname}`);
  };
  page.on("request", record);
  const first = await respond(page, appeal);
  page.off("request", record);
  expect(requests).toEqual([`POST ${attemptPath}.data`]);
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(attemptPath);
  expect(await page.evaluate(() => (window as unknown as { noFullReload?: boolean }).noFullReload)).toBe(true);
  const feedback = page.getByTestId("feedback");
  await expect(feedback).toContainText(first.said);
  await expect(feedback).toContainText("Complex reflection");
  await expect(feedback).toContainText("adds meaning, feeling");
  // The prisoner's reply follows the feedback. Focus moves to the feedback and his reply is announced.
  const next = appeal.nodes[await currentNodeId(page)];
  await expect(page.getByTestId("prisoner-line")).toHaveText(next.prisoner);
  await expect(page.getByRole("heading", { name: "Feedback on what you said" })).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: `says: ${next.prisoner}` })).toBeAttached();
  await expectAccessible(page);

  await playToEnd(page, appeal);
  await expect(page.getByRole("heading", { level: 1, name: appeal.title })).toBeVisible();
  // The review came without a page load: focus is on its heading, not lost.
  await expect(page.getByRole("heading", { level: 1, name: appeal.title })).toBeFocused();
  await expect(page.getByText("Practice review")).toBeVisible();
  await expect(
    page.getByText("practice indicators based on MITI 4.2.1 (the Motivational Interviewing Treatment Integrity code"),
  ).toBeVisible();
  await expect(page.getByTestId("indicators")).toContainText("Reflection-to-question ratio");
  await expect(page.getByTestId("indicators")).toContainText(/Open questions: .* From MITI 3\.1\.1/);
  await expect(page.locator("main")).not.toContainText(/Infinity|NaN/);
  await expectAccessible(page);

  await page.getByRole("link", { name: "My record", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "My record" })).toBeVisible();
  await expect(page.getByRole("cell", { name: appeal.title })).toBeVisible();
  await expectAccessible(page);
  const csv = await page.request.get("/record.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(appeal.title);
  const json = await (await page.request.get("/record.json")).json();
  expect(json.attempts[0]).toMatchObject({ scenarioId: "appeal-denial", mode: "practice", status: "Finished" });
});

test("assessment mode gives no feedback until the review, which labels every turn", async ({ page }) => {
  await signIn(page, "officer4");
  await startScenario(page, appeal.title, "assessment");
  await expect(page.getByText("Assessment: feedback at the end")).toBeVisible();
  let turns = 0;
  await playToEnd(page, appeal, {
    onStep: async () => {
      turns++;
      if (/\/review/.test(page.url())) return;
      await expect(page.getByTestId("feedback")).toHaveCount(0);
      // His new line takes focus, so a screen reader reads it out.
      await expect(page.getByTestId("prisoner-line")).toBeFocused();
    },
  });
  await expect(page.getByText("Assessment review")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: appeal.title })).toBeFocused();
  await expect(page.getByTestId("verdict")).toContainText(/^(Passed|Not passed)/);
  // The transcript is folded away below the indicators; it opens with or without JavaScript.
  await page.getByText("Read the whole conversation, turn by turn").click();
  const transcript = page.getByRole("list", { name: "Conversation" });
  await expect(transcript.getByRole("listitem")).toHaveCount(turns * 2 + 1);
  await expect(transcript.getByText("Complex reflection").first()).toBeVisible();
  await expect(
    transcript.locator(".govuk-tag").filter({ hasText: /^(Change talk|Sustain talk|Discord|Neutral)$/ }),
  ).toHaveCount(turns + 1);
  await expect(page.getByText("How it ended")).toBeVisible();
  await expectAccessible(page);

  // Only the indicators with fair and good levels carry a level tag; the counts with none (more is
  // better, aim for none) say what they count instead of "Not judged".
  const indicators = page.getByTestId("indicators").getByRole("listitem");
  for (const name of ["MI-adherent responses", "MI-non-adherent responses"]) {
    const item = indicators.filter({ hasText: `${name}: ` });
    await expect(item.locator(".govuk-tag")).toHaveCount(0);
    await expect(item).toContainText("No fair or good level");
  }
  await expect(page.getByTestId("indicators").locator(".govuk-tag")).toHaveCount(3);

  // Each indicator reads well on a phone and a desktop: its level tag on a line of its own, below the
  // sentence, in one line, and the indicators set apart from one another.
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const layout = await page.getByTestId("indicators").evaluate((list) =>
      [...list.children].map((item) => {
        const [sentence] = [...item.querySelectorAll("p")].map((p) => p.getBoundingClientRect());
        const tag = item.querySelector(".govuk-tag");
        const box = tag?.getBoundingClientRect();
        return {
          below: !box || box.top >= sentence.bottom,
          oneLine: !tag || box!.height < 2 * parseFloat(getComputedStyle(tag).lineHeight),
          gap: item.nextElementSibling
            ? item.nextElementSibling.getBoundingClientRect().top - item.getBoundingClientRect().bottom
            : 15,
        };
      }),
    );
    expect(layout.length).toBeGreaterThan(3);
    for (const line of layout) expect(line).toMatchObject({ below: true, oneLine: true });
    expect(Math.min(...layout.map((l) => l.gap))).toBeGreaterThanOrEqual(15);
    await expectAccessible(page);
  }
});

test("an attempt resumes after a reload, a double submit from two tabs records one step, and it can be abandoned", async ({
  page,
  context,
}) => {
  await signIn(page, "officer5");
  await startScenario(page, appeal.title, "practice");
  await respond(page, appeal);
  const nodeId = await currentNodeId(page);
  const url = page.url();
  await page.reload();
  expect(await currentNodeId(page)).toBe(nodeId);
  // The option order is the same after a reload.
  const order = await page
    .locator('input[name="choice"]')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  await page.reload();
  expect(
    await page.locator('input[name="choice"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
  ).toEqual(order);
  // The home page links back to it.
  await page.goto("/");
  await page
    .getByTestId("next-step")
    .getByRole("link", { name: `Continue your practice – ${appeal.title}` })
    .click();
  expect(page.url()).toBe(url);

  // Two tabs on the same node both submit.
  const second = await context.newPage();
  await second.goto(url);
  const node = appeal.nodes[nodeId];
  const [a, b] = [pick(node), node.choices!.find((c) => c.id !== pick(node).id)!];
  await page.getByLabel(a.say, { exact: true }).check();
  await second.getByLabel(b.say, { exact: true }).check();
  await page.getByRole("button", { name: "Say this" }).click();
  await expect(page.getByTestId("feedback")).toContainText(a.say);
  await second.getByRole("button", { name: "Say this" }).click();
  await expect(second.getByText("That page was out of date")).toBeVisible();
  await expect(second.getByTestId("feedback")).toContainText(a.say);
  await expectAccessible(second);
  const attemptId = url.split("/").at(-1)!;
  const db = e2eDatabase();
  const steps = db
    .prepare("select node_id, choice_id from attempt_steps where attempt_id = ? order by seq")
    .all(attemptId) as { node_id: string; choice_id: string }[];
  db.close();
  expect(steps).toHaveLength(2);
  expect(steps[1]).toEqual({ node_id: nodeId, choice_id: a.id });

  await page.getByRole("link", { name: "Abandon this attempt" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Abandon attempt" }).click();
  await expect(page.getByText("Attempt abandoned")).toBeVisible();
  await expect(page.getByRole("link", { name: `Continue your practice – ${appeal.title}` })).toHaveCount(0);
  // The abandoned attempt's page now shows its (partial) review, not the play form.
  await page.goto(url);
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByText("This attempt was abandoned: it does not count towards your training.")).toBeVisible();
});

test("another officer's attempt gives 404", async ({ browser }) => {
  const owner = await signedIn(browser, "officer2");
  await startScenario(owner, appeal.title, "practice");
  const url = new URL(owner.url()).pathname;
  const intruder = await signedIn(browser, "officer3");
  for (const path of [url, `${url}/review`, `${url}/abandon`]) {
    const response = await intruder.goto(path);
    expect(response?.status()).toBe(404);
    await expect(intruder.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await expectAccessible(intruder);
  // A post to it is refused the same way and changes nothing.
  const post = await intruder.request.post(url, {
    form: { nodeId: appeal.start, rowVersion: "1", choice: appeal.nodes[appeal.start].choices![0].id },
  });
  expect(post.status()).toBe(404);
  await owner.reload();
  expect(await rowVersion(owner)).toBe("1");
  await owner.getByRole("link", { name: "Abandon this attempt" }).click();
  await owner.getByRole("button", { name: "Abandon attempt" }).click();
});

test("task list statuses say what is left as a module is practised", async ({ page }) => {
  const module = "listening-on-the-landing";
  const status = () => page.getByTestId(`module-status-${module}`);
  await signIn(page, "officer6");
  await expect(status()).toHaveText("Not yet started");
  const ids = ["wing-safety", "appeal-denial", "bad-news-letter"];
  for (const [i, id] of ids.entries()) {
    const scenario = scenarioFile(id);
    await startScenario(page, scenario.title, "practice");
    if (id === "bad-news-letter") await checkWrittenReplyBox(page, scenario);
    await playToEnd(page, scenario);
    await page.goto("/");
    const item = page
      .locator(".govuk-task-list__item")
      .filter({ has: page.getByRole("link", { name: scenario.title, exact: true }) });
    await expect(item.locator(".govuk-task-list__status")).toHaveText("Practised – assessment next");
    await expect(item).toContainText(/Practised on \d+ \w+ \d{4}\. Next: take the assessment\./);
    await expect(status()).toHaveText(i < ids.length - 1 ? "In progress" : "Practised – assessment next");
  }
  await expectAccessible(page);
});

/** At the first write node: the live character count, the server's limit, and axe. */
async function checkWrittenReplyBox(page: Page, scenario: ReturnType<typeof scenarioFile>) {
  for (let i = 0; i < 30; i++) {
    const node = scenario.nodes[await currentNodeId(page)];
    if (!node.write) {
      await respond(page, scenario);
      continue;
    }
    const box = page.getByLabel(node.write.prompt);
    await expect(page.getByText("You have 2,000 characters remaining")).toBeVisible();
    await box.fill("b".repeat(2001));
    await expect(page.getByText("You have 1 character too many")).toBeVisible();
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByRole("link", { name: "Your reply must be 2000 characters or fewer" })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: /);
    await expectAccessible(page);
    // Sent again without errors, the error summary and the title's prefix go.
    await box.fill("It sounds like the letter has knocked you sideways.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.locator(".govuk-error-summary")).toHaveCount(0);
    await expect(page).not.toHaveTitle(/^Error: /);
    return;
  }
  throw new Error("no write node reached");
}

// ---- resume after a server restart: a separate server process with its own database ----
const root = fileURLToPath(new URL("../..", import.meta.url));
const buildDir = process.env.ENGAGE_BUILD_DIR || "build";
// A free port of its own, chosen when the test runs, so parallel runs never meet on it.
let restartPort = 0;
const restartDb = () => `${root}test/results/e2e-restart-${restartPort}.sqlite`;

function startServer(): ChildProcess {
  return spawn(process.execPath, [`${buildDir}/server.js`], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(restartPort),
      DATABASE_PATH: restartDb(),
      NODE_ENV: "production",
      ENGAGE_DEMO: "true",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
    detached: true,
  });
}
async function waitUntilUp() {
  await expect(async () => {
    const res = await fetch(`http://localhost:${restartPort}/healthz`);
    expect(res.status).toBe(200);
  }).toPass({ timeout: 30_000 });
}
async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  process.kill(-server.pid!, "SIGTERM"); // the whole group: npx and the node server under it
  await exited;
}

test("an attempt resumes exactly where it was after the server restarts", async ({ page }) => {
  restartPort = await freePort();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(restartDb() + suffix, { force: true });
  let server = startServer();
  try {
    await waitUntilUp();
    await page.goto(`http://localhost:${restartPort}/sign-in`);
    await signIn(page, "officer");
    await page.goto(`http://localhost:${restartPort}/scenarios/appeal-denial`);
    await page.getByRole("button", { name: "Start practice" }).click();
    await expect(page).toHaveURL(/\/attempts\//);
    await respond(page, appeal);
    await respond(page, appeal);
    const url = page.url();
    const nodeId = await currentNodeId(page);
    const version = await rowVersion(page);
    const order = await page
      .locator('input[name="choice"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

    await stopServer(server);
    server = startServer();
    await waitUntilUp();

    await page.goto(url);
    expect(page.url()).toBe(url); // still signed in: sessions live in the database
    expect(await currentNodeId(page)).toBe(nodeId);
    expect(await rowVersion(page)).toBe(version);
    expect(
      await page.locator('input[name="choice"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ).toEqual(order);
    await expect(page.getByTestId("feedback")).toBeVisible();
    await playToEnd(page, appeal);
    await expect(page.getByText("Practice review")).toBeVisible();
  } finally {
    await stopServer(server);
    restartPort = await freePort();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(restartDb() + suffix, { force: true });
  }
});

test("a written reply typed when the session ended is there again after signing in, and is forgotten on signing out", async ({
  browser,
}) => {
  const page = await newOfficer(browser, {
    username: "kept.reply",
    fullName: "Robin Keeping",
    password: "kettle on the landing",
  });

  const roy = scenarioFile("courses-for-nonces");
  await startScenario(page, roy.title, "practice");
  while (!roy.nodes[await currentNodeId(page)].write) await respond(page, roy);
  const reply = "Who you are matters to you: Jan's husband, Alfie's grandad.";
  await page.getByLabel(roy.nodes[await currentNodeId(page)].write!.prompt).fill(reply);

  // The session ends before the reply is sent (here: signed out of it from another computer).
  const elsewhere = await signedIn(browser, "kept.reply", { password: "kettle on the landing" });
  await elsewhere.goto("/account/sessions");
  await elsewhere.getByRole("button", { name: "Sign out of all other sessions" }).click();
  await expect(elsewhere.getByText("Signed out of 1 other session.")).toBeVisible();

  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, "kept.reply", "kettle on the landing");
  const box = page.getByLabel(roy.nodes[await currentNodeId(page)].write!.prompt);
  await expect(box).toHaveValue(reply);
  await expect(page.getByText("What you had written here before has been put back.")).toBeVisible();
  await expectAccessible(page);
  const before = await rowVersion(page);
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(async () => expect(await rowVersion(page)).not.toBe(before)).toPass();
  await expect(page.getByTestId("feedback")).toContainText(reply);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("engage:")))).toEqual([]);
});
