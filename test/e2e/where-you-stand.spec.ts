// Issue 11, part A, end to end: officers know where they stand (next step, statuses that say what
// is left, pass or fail with the threshold missed, how long a scenario takes, progress in play);
// trainers see what publishing does to officers' statuses and can retire, return and roll back;
// one date format in Europe/London on every page and export; the review form starts empty; and
// built-in property names in addresses. Its own officers, and a module no other spec plays
// (Keeping MI while using authority), keep it apart from the other specs sharing the database.
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { openDatabase } from "../../db/connection.server";
import { insertAttempts } from "../support/attempts";
import { parseCsv } from "../support/csv";
import { rewriteExamples, withPlaceholders } from "../support/studio";
import { expectAccessibleAtBothWidths, expectAccessibleWithoutJavaScript, signedIn } from "./support";
import { createWithWizard, publish, saveYaml } from "./studio-steps";
import { GOOD, playToEnd, respond, scenarioFile } from "./practice-support";

const port = Number(process.env.E2E_PORT || 3211);
const dbFile = fileURLToPath(new URL(`../results/e2e-${port}.sqlite`, import.meta.url));
const AUTHORITY = ["cell-search-fallout", "incentives-review", "what-youll-write"];
const AUTHORITY_TITLE = "Keeping MI while using authority";
const OFFICERS = {
  "ux-competent": "Rae Competent",
  "ux-practised": "Ira Practised",
  "ux-journey": "Noor Journey",
  "ux-dates": "Dev Dates",
  "ux-writer-1": "Ash Writer",
  "ux-writer-2": "Bo Writer",
};
const ids: Record<string, number> = {};
const replySteps: number[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const db = openDatabase({ engine: "sqlite", path: dbFile });
  try {
    const manager = await db
      .selectFrom("users")
      .select(["password_hash", "establishment_id"])
      .where("username_key", "=", "manager")
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    for (const [username, display_name] of Object.entries(OFFICERS)) {
      const existing = await db
        .selectFrom("users")
        .select("id")
        .where("username_key", "=", username)
        .executeTakeFirst();
      ids[username] =
        existing?.id ??
        (
          await db
            .insertInto("users")
            .values({
              username,
              username_key: username,
              display_name,
              role: "officer",
              establishment_id: manager.establishment_id,
              unit_id: null, // on no wing, so the other specs' wing figures stay as they expect
              password_hash: manager.password_hash,
              active: true,
              created_at: now,
              updated_at: now,
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      if (existing) continue;
      if (username === "ux-competent")
        await insertAttempts(
          db,
          AUTHORITY.map((scenarioId) => ({ username, scenarioId })),
        );
      if (username === "ux-practised")
        await insertAttempts(
          db,
          AUTHORITY.map((scenarioId) => ({ username, scenarioId, mode: "practice" as const })),
        );
      if (username === "ux-dates")
        await insertAttempts(db, [
          { username, scenarioId: "wing-safety", mode: "practice", finishedAt: "2026-06-30T23:30:00.000Z" },
        ]);
      if (username.startsWith("ux-writer")) {
        // A written reply waiting for a rating, older than any other, so the queue takes them in turn.
        const [attemptId] = await insertAttempts(db, [{ username, scenarioId: "bad-news-letter", mode: "practice" }]);
        const step = await db
          .insertInto("attempt_steps")
          .values({
            attempt_id: attemptId,
            seq: 1,
            node_id: "all-over",
            choice_id: null,
            mi_code: null,
            reply_node_id: "all-over",
            reply_talk: "neutral",
            free_text: `${display_name}: it sounds like the letter has knocked you sideways.`,
            at: username === "ux-writer-1" ? "2020-01-01T10:00:00.000Z" : "2020-01-01T11:00:00.000Z",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        replySteps.push(step.id);
      }
    }
  } finally {
    await db.destroy();
  }
});

const officers = (n: number) => (n === 1 ? "1 officer" : `${n} officers`);

/** Officers in the manager's prison at a status in the authority module, from the training matrix. */
async function inAuthority(manager: Page, status: string): Promise<number> {
  await manager.goto(`/reports/matrix?module=authority-and-mi&status=${status}`);
  return Number(/^(\d+) officers? shown/.exec(await manager.locator("#matrix-results").innerText())?.[1] ?? NaN);
}

test("an officer knows where they stand: next step, how long, progress, what is left, and why an assessment did not pass", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await signedIn(browser, "ux-journey");
  const wing = scenarioFile("wing-safety");
  const next = page.getByTestId("next-step");
  await expect(next).toContainText(`Practise: ${wing.title}`);
  // The next step's button starts practice itself, after saying what practice means; the scenario's
  // page is a link beside it.
  await expect(next).toContainText(
    "Practice gives you feedback after each response, and it does not count towards being competent.",
  );
  await expectAccessibleAtBothWidths(page);
  await next.getByRole("link", { name: `Read about the scenario first – ${wing.title}` }).click();

  // Before starting: how long it usually takes, and practice first.
  await expect(page.getByRole("heading", { level: 1, name: wing.title })).toBeVisible();
  await expect(page.locator(".govuk-summary-list")).toContainText(
    /How long it takes\s*About \d+ minutes?: usually \d+( to \d+)? of your responses/,
  );
  await expect(page.locator(".govuk-button-group .govuk-button").first()).toHaveText("Start practice");
  await expectAccessibleAtBothWidths(page);
  await page.goto("/");
  await next.getByRole("button", { name: `Start practice – ${wing.title}` }).click();
  await expect(page).toHaveURL(/\/attempts\/[A-Za-z0-9_-]{22}$/);
  await expect(page.getByText("Practice: feedback after each response")).toBeVisible();

  // During play: which response this is, against the usual range, never the branch.
  await expect(page.getByTestId("progress")).toContainText(/^Your response number 1\. This conversation usually takes/);
  await expectAccessibleAtBothWidths(page);
  await respond(page, wing);
  await expect(page.getByTestId("progress")).toContainText("Your response number 2.");
  await playToEnd(page, wing);

  // Practice review: it does not count, and the next step is the assessment.
  await expect(page.getByTestId("verdict")).toContainText("Practice does not count towards being competent");
  await expect(page.getByTestId("next-step")).toContainText(`Take the assessment: ${wing.title}`);
  await expectAccessibleAtBothWidths(page);

  await page.goto("/");
  const item = page
    .locator(".govuk-task-list__item")
    .filter({ has: page.getByRole("link", { name: wing.title, exact: true }) });
  await expect(item.locator(".govuk-task-list__status")).toHaveText("Practised – assessment next");
  await expect(item).toContainText("Next: take the assessment.");
  // The next step's button starts the assessment itself, after saying what an assessment means; the
  // scenario's page is a link beside it.
  await expect(page.getByTestId("next-step")).toContainText(
    "An assessment gives you feedback only at the end, and it counts towards being competent.",
  );
  await expect(
    page.getByTestId("next-step").getByRole("link", { name: `Read about the scenario first – ${wing.title}` }),
  ).toHaveAttribute("href", `/scenarios/${wing.id}`);
  await expectAccessibleAtBothWidths(page);
  await page
    .getByTestId("next-step")
    .getByRole("button", { name: `Start the assessment – ${wing.title}` })
    .click();
  await expect(page).toHaveURL(/\/attempts\/[A-Za-z0-9_-]{22}$/);
  await expect(page.getByText("Assessment: feedback at the end")).toBeVisible();
  await playToEnd(page, wing, { preference: [...GOOD].reverse() }); // the righting reflex at every turn

  // Assessment review: not passed, which thresholds it missed and what to try; indicators first.
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toContainText("Not passed");
  await expect(verdict).toContainText(
    "This assessment does not count towards being Competent in Listening on the landing",
  );
  await expect(verdict).toContainText("Try this:");
  await expect(page.getByTestId("indicators")).toContainText(/You (reflected back|asked|did not)/);
  await expect(page.getByTestId("indicators")).toContainText("Reflection-to-question ratio");
  await expect(page.locator("main")).not.toContainText(/No level|Infinity|NaN/);
  const transcript = page.getByRole("list", { name: "Conversation" });
  await expect(transcript).toBeHidden();
  await page.getByText("Read the whole conversation, turn by turn").click();
  await expect(transcript).toBeVisible();
  const order = await page.evaluate(() => {
    const at = (el: Element | null) => (el ? [...document.querySelectorAll("*")].indexOf(el) : -1);
    return [at(document.querySelector("[data-testid=indicators]")), at(document.querySelector(".app-transcript"))];
  });
  expect(order[0]).toBeLessThan(order[1]);
  await expectAccessibleAtBothWidths(page);

  await page.goto("/");
  await expect(item.locator(".govuk-task-list__status")).toHaveText("Assessed – not yet passed");
  await expect(item).toContainText(/not passed: .*Try it again\./);
  await expect(page.getByTestId("next-step")).toContainText(`Try the assessment again: ${wing.title}`);

  // My record, its CSV and its JSON say the assessment did not pass, and what it missed.
  await page.goto("/record");
  await expect(page.getByRole("row", { name: /Assessment.*Not passed/ })).toBeVisible();
  await expectAccessibleAtBothWidths(page);
  const csv = parseCsv(await (await page.request.get("/record.csv")).text());
  const header = csv[0];
  const assessed = csv.find((r) => r[header.indexOf("Mode")] === "Assessment")!;
  expect(assessed[header.indexOf("Assessment result")]).toBe("Not passed");
  expect(assessed[header.indexOf("What the assessment missed")]).not.toBe("");
  const json = await (await page.request.get("/record.json")).json();
  expect(json.attempts.find((a: { mode: string }) => a.mode === "assessment").assessment).toMatchObject({
    passed: false,
    result: "Not passed",
  });

  // The manager's view of the officer's record says the same, and what it missed.
  const manager = await signedIn(browser, "manager");
  await manager.goto(`/reports/officers/${ids["ux-journey"]}`);
  const assessment = manager.locator(".govuk-summary-card").filter({ hasText: "Assessment result" });
  await expect(assessment).toHaveCount(1);
  await expect(assessment).toContainText("Not passed");
  await expect(assessment).toContainText("Missed:");
  // A count with no fair or good level has no "Not judged" tag beside it.
  const adherent = assessment.locator(".govuk-summary-list__row").filter({ hasText: "MI-adherent responses" });
  await expect(adherent.locator(".govuk-tag")).toHaveCount(0);
});

test("one date: an attempt finished at 23:30 UTC on 30 June is 1 July for the officer, the manager and the exports", async ({
  browser,
}) => {
  const officer = await signedIn(browser, "ux-dates");
  await officer.goto("/record");
  await expect(officer.getByRole("rowheader", { name: "1 July 2026" })).toBeVisible();
  const csv = parseCsv(await (await officer.request.get("/record.csv")).text());
  expect(csv[1].slice(0, 4)).toEqual([
    "1 July 2026 at 12:22am",
    "2026-07-01T00:22:00+01:00",
    "1 July 2026 at 12:30am",
    "2026-07-01T00:30:00+01:00",
  ]);

  const manager = await signedIn(browser, "manager");
  await manager.goto(`/reports/officers/${ids["ux-dates"]}`);
  await expect(manager.locator("main")).toContainText("1 July 2026");
  await expect(manager.locator("main")).not.toContainText("30 June 2026");
  // The exports' day filters are London days.
  const day = async (from: string, to: string) =>
    parseCsv(await (await manager.request.get(`/reports/exports/attempts.csv?from=${from}&to=${to}`)).text())
      .slice(1)
      .filter((r) => r[1] === OFFICERS["ux-dates"]);
  expect(await day("2026-07-01", "2026-07-01")).toHaveLength(1);
  expect(await day("2026-06-30", "2026-06-30")).toHaveLength(0);
});

test("a trainer sees what publishing does to officers' statuses, and retires, returns and rolls back a scenario", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ID = "back-from-segregation";
  const trainer = await signedIn(browser, "trainer");
  await createWithWizard(trainer, {
    title: "Back from segregation",
    module: { label: AUTHORITY_TITLE },
    personaName: "Lee",
  });
  await expect(trainer).toHaveURL(new RegExp(`/studio/${ID}/nodes$`));
  await trainer.goto(`/studio/${ID}/edit`);
  // The wizard's example conversation rewritten, as a trainer does before publishing.
  const ownText = rewriteExamples(await trainer.getByLabel("Scenario YAML").inputValue());

  // A draft still holding the earlier template's placeholder text (as drafts made from it do)
  // cannot be published, and the forms say so at each field that holds it.
  await saveYaml(trainer, withPlaceholders(ownText));
  await trainer.getByRole("link", { name: "Publish", exact: true }).click();
  await expect(
    trainer.getByText(/Replace the template's placeholder text in the summary, his background and his voice/),
  ).toBeVisible();
  await expect(trainer.getByRole("button", { name: "Publish this version" })).toHaveCount(0);
  await expectAccessibleAtBothWidths(trainer);

  await trainer.goto(`/studio/${ID}/details`);
  await expect(
    trainer.getByRole("link", {
      name: /His background is the template's placeholder text: write it in your own words/,
    }),
  ).toBeVisible();
  await expect(
    trainer.locator(".govuk-error-message", { hasText: "His background is the template's placeholder text" }),
  ).toBeVisible();
  await expectAccessibleAtBothWidths(trainer);

  await trainer.goto(`/studio/${ID}/edit`);
  await saveYaml(trainer, ownText);

  // Before publishing: who changes, and how. The demo prison's history plays this module too, so
  // the counts are this spec's officers and the demo's, as the manager's matrix shows them.
  const manager = await signedIn(browser, "manager");
  const [practisedNow, competentNow] = [
    await inAuthority(manager, "practised"),
    await inAuthority(manager, "competent"),
  ];
  expect(practisedNow).toBeGreaterThanOrEqual(1);
  expect(competentNow).toBeGreaterThanOrEqual(1);
  await trainer.getByRole("link", { name: "Publish", exact: true }).click();
  const impact = trainer.getByTestId("impact");
  await expect(impact).toContainText(`This adds the scenario to ${AUTHORITY_TITLE}.`);
  await expect(impact).toContainText(
    `${officers(practisedNow)} in ${AUTHORITY_TITLE}: from Practised – assessment next to In progress`,
  );
  await expect(impact).toContainText(
    `${officers(competentNow)} who ${competentNow === 1 ? "is Competent stays" : "are Competent stay"} Competent: they will need this scenario by their next refresher.`,
  );
  await expectAccessibleAtBothWidths(trainer);
  await publish(trainer, ID, "First version");

  const competent = await signedIn(browser, "ux-competent");
  await expect(competent.getByTestId(`module-status-authority-and-mi`)).toHaveText("Competent");
  await expect(competent.locator(".govuk-task-list__item").filter({ hasText: "Back from segregation" })).toContainText(
    "New in this module since you became competent: take it by your refresher on",
  );
  const practised = await signedIn(browser, "ux-practised");
  await expect(practised.getByTestId(`module-status-authority-and-mi`)).toHaveText("In progress");

  // Retire it: the page says who moves on first.
  await trainer.goto(`/studio/${ID}/publish`);
  await trainer.getByRole("link", { name: `Retire it from ${AUTHORITY_TITLE}` }).click();
  await expect(trainer.getByTestId("impact")).toContainText(
    `${officers(practisedNow)} in ${AUTHORITY_TITLE}: from In progress to Practised – assessment next`,
  );
  await expectAccessibleAtBothWidths(trainer);
  await trainer.getByRole("button", { name: `Retire it from ${AUTHORITY_TITLE}` }).click();
  await expect(trainer.getByText(`Retired ${ID}.`)).toBeVisible();
  await expect(trainer.getByText(`Retired from ${AUTHORITY_TITLE}`)).toBeVisible();
  await practised.reload();
  await expect(practised.getByTestId(`module-status-authority-and-mi`)).toHaveText("Practised – assessment next");
  expect((await practised.goto(`/scenarios/${ID}`))?.status()).toBe(404);
  await trainer.goto("/studio");
  await expect(trainer.getByRole("row", { name: /Back from segregation/ })).toContainText("Retired (v1)");

  // Return it: new again for the Competent officer, needed now by the others.
  await trainer.goto(`/studio/${ID}/module`);
  await expect(trainer.getByTestId("impact")).toContainText(`This adds the scenario to ${AUTHORITY_TITLE}.`);
  await trainer.getByRole("button", { name: `Return it to ${AUTHORITY_TITLE}` }).click();
  await expect(trainer.getByText(`Returned ${ID} to its module.`)).toBeVisible();

  // A second version, then roll back to the first.
  await trainer.goto(`/studio/${ID}/edit`);
  const v1 = await trainer.getByLabel("Scenario YAML").inputValue();
  await saveYaml(trainer, v1.replace('title: "Back from segregation"', 'title: "Back from the block"'));
  await trainer.getByRole("link", { name: "Publish", exact: true }).click();
  await expect(trainer.getByTestId("impact")).toContainText("no officer's status changes");
  await publish(trainer, ID, "Shorter title");
  await trainer.goto(`/studio/${ID}/publish`);
  await trainer.getByRole("link", { name: "Roll back to v1" }).click();
  await expect(trainer.getByRole("heading", { name: "Roll back to v1" })).toBeVisible();
  await expect(trainer.locator("main")).toContainText("Back from the block → Back from segregation");
  await expectAccessibleAtBothWidths(trainer);
  await trainer.getByRole("button", { name: "Roll back to v1" }).click();
  await expect(trainer.getByRole("link", { name: "Enter why you are rolling back" })).toBeVisible();
  await trainer.getByLabel("Why you are rolling back").fill("Officers knew it by the old name");
  await trainer.getByRole("button", { name: "Roll back to v1" }).click();
  await expect(trainer.getByText(`Rolled ${ID} back to v1.`)).toBeVisible();
  await expect(
    trainer.getByRole("row", { name: /v3 .* Rolled back to v1: Officers knew it by the old name/ }),
  ).toBeVisible();
  await competent.goto(`/scenarios/${ID}`);
  await expect(competent.getByRole("heading", { level: 1, name: "Back from segregation" })).toBeVisible();
});

test("review queue with JavaScript on: after Save rating, the next reply's form starts empty, and every id is unique", async ({
  browser,
}) => {
  const trainer = await signedIn(browser, "trainer");
  await trainer.goto(`/studio/reviews/${replySteps[0]}`);
  await expect(trainer.getByText("Ash Writer: it sounds like")).toBeVisible();
  // What the scenario says a good reply does, shown beside the reply as the scenario words it.
  await expect(trainer.getByRole("heading", { name: "What the scenario says a good reply does" })).toBeVisible();
  await expect(trainer.getByTestId("guidance")).toContainText(
    "A good summary gathers his own words into a few lines and ends on his change talk",
  );
  await expect(trainer.getByTestId("guidance")).toContainText("('so you should do the course')");
  const duplicates = async () =>
    trainer.evaluate(() => {
      const seen = [...document.querySelectorAll("[id]")].map((e) => e.id);
      return seen.filter((id, i) => seen.indexOf(id) !== i);
    });
  expect(await duplicates()).toEqual([]);
  await expectAccessibleAtBothWidths(trainer);
  await trainer.evaluate(() => ((window as unknown as { noFullReload: boolean }).noFullReload = true));
  await trainer.getByLabel("4 – Reflection adding meaning").check();
  await trainer.getByLabel("Comment for the officer (optional)").fill("Personal to Ash: you named the shock.");
  await trainer.getByRole("button", { name: "Save rating" }).click();
  await expect(trainer.getByText("Rating saved.")).toBeVisible();
  await expect(trainer).toHaveURL(new RegExp(`/studio/reviews/${replySteps[1]}$`));
  await expect(trainer.getByText("Bo Writer: it sounds like")).toBeVisible();
  // A client-side navigation (the page was not reloaded), and nothing of Ash's carried over.
  expect(await trainer.evaluate(() => (window as unknown as { noFullReload?: boolean }).noFullReload)).toBe(true);
  await expect(trainer.locator('input[name="rating"]:checked')).toHaveCount(0);
  await expect(trainer.getByLabel("Comment for the officer (optional)")).toHaveValue("");
  expect(await duplicates()).toEqual([]);
});

test("a trainer changes a rating from the list of rated replies; a change from an out-of-date page is refused", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const trainer = await signedIn(browser, "trainer");
  await trainer.goto("/studio/reviews");
  await trainer.getByRole("link", { name: "Rated", exact: true }).click();
  await expect(trainer.getByRole("heading", { name: "Rated written replies" })).toBeVisible();
  await expectAccessibleAtBothWidths(trainer);
  await trainer
    .getByRole("region", { name: /Ash Writer/ })
    .getByRole("link", { name: /Change the rating/ })
    .click();
  await expect(trainer).toHaveURL(new RegExp(`/studio/reviews/${replySteps[0]}$`));
  await expect(trainer.getByText("4 out of 5, reflection adding meaning")).toBeVisible();
  await expect(trainer.getByLabel("4 – Reflection adding meaning")).toBeChecked();
  await expectAccessibleAtBothWidths(trainer);

  // The same reply open without JavaScript, from before the change.
  const noJs = await signedIn(browser, "trainer", { javaScriptEnabled: false });
  await noJs.goto(`/studio/reviews/${replySteps[0]}`);
  await trainer.getByLabel("5 – Reflection with feeling").check();
  await trainer.getByRole("button", { name: "Change the rating" }).click();
  await expect(trainer.getByText("Rating changed.")).toBeVisible();
  await expect(trainer.getByText("5 out of 5, reflection with feeling", { exact: true })).toBeVisible();
  // The reply keeps the latest rating; the page lists every one, from the audit log.
  const every = trainer.getByRole("table", { name: "Every rating of this reply" });
  await expect(every.getByRole("row")).toHaveCount(3);
  await expect(every.getByRole("row").nth(1)).toContainText("Rated it 4 out of 5, reflection adding meaning");
  await expect(every.getByRole("row").nth(2)).toContainText("Changed it from 4 to 5 out of 5, reflection with feeling");
  await expectAccessibleAtBothWidths(trainer);

  await noJs.getByLabel("2 – Mixed, or neither").check();
  await noJs.getByRole("button", { name: "Change the rating" }).click();
  await expect(noJs.getByText(/You changed this rating .* after you opened it/)).toBeVisible();
  await expect(noJs.getByLabel("5 – Reflection with feeling")).toBeChecked();
  await expectAccessibleWithoutJavaScript(noJs);

  // Ash is told once, for the one change saved.
  const db = openDatabase({ engine: "sqlite", path: dbFile });
  try {
    const told = await db
      .selectFrom("messages")
      .select("subject")
      .where("user_id", "=", ids["ux-writer-1"])
      .where("subject", "=", "Engage: your rating was changed")
      .execute();
    expect(told).toHaveLength(1);
  } finally {
    await db.destroy();
  }
});

test("engagement figures with JavaScript on: a refused form keeps what was typed, skip link too; a saved one starts empty", async ({
  browser,
}) => {
  const manager = await signedIn(browser, "manager");
  await manager.goto("/reports/engagement");
  await manager.waitForLoadState("networkidle");
  await manager.evaluate(() => ((window as unknown as { noFullReload: boolean }).noFullReload = true));
  const figuresMonth = manager.getByRole("group", { name: "Month the figures are for" });
  const month = figuresMonth.getByLabel("Month");
  const year = figuresMonth.getByLabel("Year");
  const eligible = manager.getByLabel("Men eligible for programmes");
  const notEngaging = manager.getByLabel("Men refusing or not engaging");
  // A month long past, so no other spec's figures or charts see it.
  await month.fill("1");
  await year.fill("2020");
  await eligible.fill("40");
  await notEngaging.fill("41");
  await manager.getByRole("button", { name: "Save figures" }).click();
  await expect(manager.getByRole("link", { name: /must not be more than the number eligible/ })).toBeVisible();
  await expect(month).toHaveValue("1");
  await expect(year).toHaveValue("2020");
  await expect(eligible).toHaveValue("40");
  await notEngaging.fill("4");
  // A keyboard user skipping back to the main content keeps the errors and what they typed.
  await manager.getByRole("link", { name: "Skip to main content" }).focus();
  await manager.keyboard.press("Enter");
  await expect(manager.locator("#main-content")).toBeFocused();
  await expect(manager.getByRole("link", { name: /must not be more than the number eligible/ })).toBeVisible();
  await expect(notEngaging).toHaveValue("4");
  await manager.getByRole("button", { name: "Save figures" }).click();
  await expect(manager.getByText("Figures for January 2020 saved.")).toBeVisible();
  expect(await manager.evaluate(() => (window as unknown as { noFullReload?: boolean }).noFullReload)).toBe(true);
  await expect(month).toHaveValue("");
  await expect(year).toHaveValue("");
  await expect(eligible).toHaveValue("");
  await expect(notEngaging).toHaveValue("");
});

test("built-in property names in addresses show no banner and no error; charts use the page's font", async ({
  browser,
}) => {
  const officer = await signedIn(browser, "ux-practised");
  await officer.goto("/scenarios/cell-search-fallout");
  // Practised already: the assessment is the button for what is left, practice the other.
  await officer.getByRole("button", { name: "Practise again" }).click();
  await expect(officer).toHaveURL(/\/attempts\/[A-Za-z0-9_-]{22}$/);
  for (const code of ["constructor", "__proto__", "toString"]) {
    const response = await officer.goto(`${officer.url().split("?")[0]}?notice=${code}`);
    expect(response?.status()).toBe(200);
    await expect(officer.locator(".govuk-notification-banner")).toHaveCount(0);
  }
  const trainer = await signedIn(browser, "trainer");
  for (const node of ["__proto__", "constructor"]) {
    const response = await trainer.goto(`/studio/wing-safety/play?node=${node}`);
    expect(response?.status()).toBe(200);
    await expect(trainer.getByText(`There is no node called ${node} in this scenario`)).toBeVisible();
  }
  const manager = await signedIn(browser, "manager");
  await manager.goto("/reports/trend");
  const fonts = await manager
    .locator("svg.app-chart__svg text")
    .evaluateAll((texts) => [...new Set(texts.map((t) => getComputedStyle(t).fontFamily))]);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) expect(font).toMatch(/^system-ui/);
});

test("every other page this change touched passes axe at 1,280 px and 375 px, and has no id twice", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const visit = async (page: Page, path: string) => {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const twice = await page.evaluate(() => {
      const seen = [...document.querySelectorAll("[id]")].map((e) => e.id);
      return seen.filter((id, i) => seen.indexOf(id) !== i);
    });
    expect(twice, path).toEqual([]);
    await expectAccessibleAtBothWidths(page);
  };
  const trainer = await signedIn(browser, "trainer");
  for (const path of ["/studio", "/studio/reviews", "/studio/wing-safety/edit", "/studio/wing-safety/publish"])
    await visit(trainer, path);
  const manager = await signedIn(browser, "manager");
  for (const path of [
    "/reports",
    "/reports/matrix",
    "/reports/trend",
    "/reports/engagement",
    "/reports/exports",
    `/reports/officers/${ids["ux-dates"]}`,
    `/reports/officers/${ids["ux-journey"]}`,
  ])
    await visit(manager, path);
  const admin = await signedIn(browser, "admin");
  await visit(admin, "/admin/audit");
});
