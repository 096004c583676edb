// Coaching on the wing end to end: a coach records an observation on a 375 px phone with
// JavaScript on (tally buttons, undo, timer, saving as they go) and another with it off (number
// fields); the officer reads it and reflects; the manager sees the transfer view. Axe on each page.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJavaScript, signIn, signedIn } from "./support";

const PHONE = { width: 375, height: 812 };

async function phone(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled, hasTouch: true });
  return context.newPage();
}

async function tap(page: Page, label: string, times = 1) {
  const button = page.getByRole("button", { name: new RegExp(`^${label} \\d+$`) });
  for (let i = 0; i < times; i++) await button.click();
}

async function rate(page: Page, ratings: Record<string, number>) {
  for (const [name, value] of Object.entries(ratings))
    await page
      .getByRole("group", { name: new RegExp(`^${name}`) })
      .getByLabel(String(value), { exact: true })
      .check();
}

test("a coach records an observation on a phone with JavaScript on", async ({ browser }) => {
  const page = await phone(browser, true);
  await signIn(page, "trainer");
  await page.getByRole("link", { name: "Coaching" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Coaching on the wing" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Officer").selectOption({ label: "Kieran Ashdown, C wing" });
  await page.getByRole("button", { name: "Start observing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Observing Kieran Ashdown" })).toBeVisible();
  await expect(page.getByText("No prisoner is identified.")).toBeVisible();
  const here = page.url();

  // Large buttons: every tally button is at least 44 px square and the sheet fits the phone.
  const question = page.getByRole("button", { name: /^Question \d+$/ });
  await expect(question).toBeVisible();
  const box = (await question.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Start timer" }).click();
  await expect(page.getByRole("timer")).toHaveText(/00:0[1-9]/);
  await tap(page, "Question", 4);
  await tap(page, "Simple reflection", 3);
  await tap(page, "Complex reflection", 3);
  await tap(page, "Affirmation");
  await tap(page, "Confronting");
  await expect(page.getByRole("button", { name: "Confronting 1" })).toBeVisible();
  await page.getByRole("button", { name: "Undo last tap (confronting)" }).click();
  await expect(page.getByRole("button", { name: "Confronting 0" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo last tap (affirmation)" })).toBeEnabled();
  await expect(page.getByTestId("save-status")).toHaveText(/Progress saved at/);

  // A radio call: the page is closed and opened again. What was tapped is on the server.
  await page.goto(here);
  await expect(page.getByRole("button", { name: "Question 4" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Complex reflection 3" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Confronting 0" })).toBeVisible();
  await page
    .getByRole("button", { name: /Pause timer|Carry on timing|Start timer/ })
    .first()
    .click();

  await page.getByLabel("Minutes").fill("6");
  await rate(page, { "Cultivating change talk": 4, "Softening sustain talk": 3, Partnership: 4, Empathy: 4 });
  // Each level is explained on the page.
  await expect(page.getByText("Understands more than he has said, and shows it.")).toBeVisible();
  await page.getByLabel("Strengths").fill("You reflected what A1234BC said about his kids.");
  await page.getByLabel("Next step").fill("Try a double-sided reflection when he says both things.");
  await page.getByRole("button", { name: "Record observation" }).click();
  await expect(
    page.getByRole("link", {
      name: "Strengths must not identify the prisoner: remove “A1234BC”, which looks like a prison number",
    }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Strengths").fill("You reflected his worry about his kids, and let him finish.");
  await page.getByRole("button", { name: "Record observation" }).click();

  await expect(page.getByText("Observation recorded.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Kieran Ashdown" })).toBeVisible();
  await expect(page.getByText("1.5 : 1 (6 reflections, 4 questions)")).toBeVisible();
  await expect(page.getByText("50% of 6 reflections")).toBeVisible();
  await expect(page.getByText("3.5 (cultivating change talk 4, softening sustain talk 3)")).toBeVisible();
  await expect(page.getByText(/not a MITI coding/).first()).toBeVisible();
  await expect(page.locator("main")).not.toContainText(/Infinity|NaN/);
  await expectAccessible(page);

  // Going back to the sheet's address shows the recorded observation: nothing can be recorded twice.
  await page.goto(here);
  await expect(page.getByRole("button", { name: "Record observation" })).toHaveCount(0);
  await page.goto("/coaching/calibration");
  await expect(page.getByRole("heading", { level: 1, name: "Calibration" })).toBeVisible();
  await expectAccessible(page);
  await page.context().close();
});

test("a coach records an observation with JavaScript off, as number fields", async ({ browser }) => {
  const page = await phone(browser, false);
  await signIn(page, "officer6"); // Dana, an officer the admin marked as an MI coach
  await page.getByRole("link", { name: "Coaching" }).click();
  await page.getByLabel("Officer").selectOption({ label: "Jo Marchetti, B wing" });
  await page.getByRole("button", { name: "Start observing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Observing Jo Marchetti" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Question \d+$/ })).toHaveCount(0);
  await expectAccessibleWithoutJavaScript(page);

  await page.getByLabel("Question", { exact: true }).fill("5");
  await page.getByLabel("Simple reflection", { exact: true }).fill("201");
  await page.getByRole("button", { name: "Save progress" }).click();
  await expect(
    page.getByRole("link", { name: "The count for simple reflection must be a whole number from 0 to 200" }),
  ).toBeVisible();
  await expect(page.getByLabel("Simple reflection", { exact: true })).toHaveValue("201");
  await expectAccessibleWithoutJavaScript(page);
  await page.getByLabel("Simple reflection", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Save progress" }).click();
  await expect(page.getByText("Progress saved.")).toBeVisible();
  await page.getByRole("link", { name: "Carry on observing Jo Marchetti" }).click();
  await expect(page.getByLabel("Question", { exact: true })).toHaveValue("5");

  await page.getByLabel("Complex reflection", { exact: true }).fill("2");
  await page.getByLabel("Seeking collaboration", { exact: true }).fill("1");
  await page.getByLabel("Minutes").fill("2");
  await rate(page, { "Cultivating change talk": 3, "Softening sustain talk": 3, Partnership: 3, Empathy: 4 });
  await page.getByRole("button", { name: "Record observation" }).click();
  await expect(page.getByRole("link", { name: /under 3 minutes is too short to rate/ })).toBeVisible();
  await page.getByLabel("Minutes").fill("5");
  await page.getByLabel("Next step").fill("Ask Mr Dawson what he thinks first.");
  await page.getByRole("button", { name: "Record observation" }).click();
  await expect(page.getByRole("link", { name: /matches a name your prison lists/ })).toBeVisible();
  await page.getByLabel("Next step").fill("Ask what he thinks before giving the facts.");
  await page.getByRole("button", { name: "Record observation" }).click();
  await expect(page.getByText("Observation recorded.")).toBeVisible();
  await expect(page.getByText("1 : 1 (5 reflections, 5 questions)")).toBeVisible();
  await page.context().close();
});

test("the officer sees the observation in My record and adds a reflection, with JavaScript on and off", async ({
  browser,
}) => {
  // A coach and an officer in three windows, axe on each page.
  test.setTimeout(120_000);
  const coach = await phone(browser, true);
  await signIn(coach, "manager");
  await coach.goto("/coaching");
  await coach.getByLabel("Officer").selectOption({ label: "Tom Haverly, B wing" });
  await coach.getByRole("button", { name: "Start observing" }).click();
  await tap(coach, "Question", 2);
  await tap(coach, "Complex reflection", 2);
  await coach.getByLabel("Minutes").fill("4");
  await rate(coach, { "Cultivating change talk": 4, "Softening sustain talk": 4, Partnership: 4, Empathy: 5 });
  await coach.getByLabel("Strengths").fill("Calm, and you asked before giving the facts.");
  await coach.getByRole("button", { name: "Record observation" }).click();
  await expect(coach.getByText("Observation recorded.")).toBeVisible();
  await coach.context().close();

  const page = await signedIn(browser, "officer3");
  await page.getByRole("link", { name: "My record", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Observed on the wing" })).toBeVisible();
  await expect(page.getByText(/observed by Chris Pemberton, 4 minutes/)).toBeVisible();
  await expect(page.getByText("Calm, and you asked before giving the facts.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: /Read it and add your reflection/ }).click();
  await expect(page.getByText("Fair: 1 : 1. Good: 2 : 1.")).toBeVisible();
  // A count MITI sets no level for has no tag and no fair or good levels, as on the card: only why.
  const adherent = page.locator(".govuk-summary-list__row").filter({ hasText: "MI-adherent responses" });
  await expect(adherent.locator(".govuk-tag")).toHaveCount(0);
  await expect(adherent).not.toContainText("Fair:");
  await expect(adherent).toContainText("No fair or good level");
  await expectAccessible(page);
  await page.getByLabel("Add your reflection").fill("I felt rushed, but asking first worked.");
  await page.getByRole("button", { name: "Save reflection" }).click();
  await expect(page.getByText("Your reflection is saved.")).toBeVisible();
  await expect(page.getByText("I felt rushed, but asking first worked.").first()).toBeVisible();
  const csv = await page.request.get("/record/observations.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("I felt rushed, but asking first worked.");
  await page.context().close();

  // The same on a phone with JavaScript off: the officer changes their reflection.
  const noJs = await phone(browser, false);
  await signIn(noJs, "officer3");
  await noJs.getByRole("link", { name: "My record", exact: true }).first().click();
  // Once there is a reflection, the link no longer asks for one.
  await noJs.getByRole("link", { name: /^Read it \(/ }).click();
  await expect(noJs.getByLabel("Change your reflection")).toHaveValue("I felt rushed, but asking first worked.");
  await expectAccessibleWithoutJavaScript(noJs);
  await noJs.getByLabel("Change your reflection").fill("Mr Dawson calmed down once I asked first.");
  await noJs.getByRole("button", { name: "Save reflection" }).click();
  await expect(noJs.getByRole("link", { name: /matches a name your prison lists/ })).toBeVisible();
  await expectAccessibleWithoutJavaScript(noJs);
  // A second tab left open on the page: its save, after the first tab's, changes nothing and keeps its text.
  const older = await noJs.context().newPage();
  await older.goto(noJs.url());
  await noJs.getByLabel("Change your reflection").fill("He calmed down once I asked first.");
  await noJs.getByRole("button", { name: "Save reflection" }).click();
  await expect(noJs.getByText("Your reflection is saved.")).toBeVisible();
  await expect(noJs.getByText("He calmed down once I asked first.").first()).toBeVisible();
  await older.getByLabel("Change your reflection").fill("An older thought from the other tab.");
  await older.getByRole("button", { name: "Save reflection" }).click();
  await expect(older.getByRole("link", { name: /You changed this reflection in another window on/ })).toBeVisible();
  await expect(older.getByLabel("Change your reflection")).toHaveValue("An older thought from the other tab.");
  await expect(older.getByText("He calmed down once I asked first.").first()).toBeVisible();
  await expectAccessibleWithoutJavaScript(older);
  await noJs.context().close();
});

test("the manager sees observed beside simulated practice, and can ask a coach to observe", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/reports");
  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Observed practice" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Observed practice" })).toBeVisible();
  await expect(page.getByRole("table", { name: /The transfer gap/ })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Whole prison" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Officers" })).toContainText("Tom Haverly");
  await expect(page.locator("main")).not.toContainText(/Infinity|NaN/);
  await expectAccessible(page);

  await page.goto("/coaching/requests");
  await page.getByLabel("Coach").selectOption({ label: "Dana Whitfield" });
  await page.getByLabel("Officer to observe").selectOption({ label: "Sam Okafor, A wing" });
  // The date is typed as day, month and year: a date in the past is refused, the whole date outlined.
  const observeBy = page.getByRole("group", { name: "Observe by" });
  const [year, month, day] = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10).split("-");
  await observeBy.getByLabel("Day").fill(day);
  await observeBy.getByLabel("Month").fill(month);
  await observeBy.getByLabel("Year").fill("2020");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(
    page
      .locator(".govuk-error-summary")
      .getByRole("link", { name: "The date to observe by must be today or in the future" }),
  ).toHaveAttribute("href", "#field-dueDay");
  for (const part of ["Day", "Month", "Year"])
    await expect(observeBy.getByLabel(part)).toHaveClass(/govuk-input--error/);
  await expect(page.getByLabel("Officer to observe")).toHaveValue(/\d+/);
  await expect(page.getByText("Dana Whitfield to observe Sam Okafor")).toHaveCount(0);
  await expectAccessible(page);
  await observeBy.getByLabel("Year").fill(year);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Request sent")).toBeVisible();
  await expect(page.getByText("Dana Whitfield to observe Sam Okafor")).toBeVisible();
  await expectAccessible(page);
});

test("two coaches observe the same conversation and see how far they agree", async ({ browser }) => {
  const trainer = await phone(browser, true);
  await signIn(trainer, "trainer");
  await trainer.goto("/coaching");
  await trainer.getByLabel("Officer").selectOption({ label: "Priya Lindqvist, A wing" });
  await trainer.getByRole("button", { name: "Start observing" }).click();
  await tap(trainer, "Question", 5);
  await tap(trainer, "Simple reflection", 3);
  await tap(trainer, "Complex reflection", 2);
  await tap(trainer, "Affirmation");
  await trainer.getByLabel("Minutes").fill("5");
  await rate(trainer, { "Cultivating change talk": 4, "Softening sustain talk": 3, Partnership: 4, Empathy: 4 });
  await trainer.getByRole("button", { name: "Record observation" }).click();
  await expect(trainer.getByText("Observation recorded.")).toBeVisible();

  // The second coach tallies the same conversation on their own sheet, without JavaScript.
  const dana = await phone(browser, false);
  await signIn(dana, "officer6");
  await dana.goto("/coaching");
  await dana.getByLabel("Officer").selectOption({ label: "Priya Lindqvist, A wing" });
  await dana.getByRole("button", { name: "Start observing" }).click();
  for (const [label, value] of [
    ["Question", "4"],
    ["Simple reflection", "3"],
    ["Complex reflection", "3"],
    ["Affirmation", "1"],
  ])
    await dana.getByLabel(label, { exact: true }).fill(value);
  await dana.getByLabel("Minutes").fill("5");
  await rate(dana, { "Cultivating change talk": 4, "Softening sustain talk": 4, Partnership: 4, Empathy: 3 });
  await dana.getByRole("button", { name: "Record observation" }).click();
  await expect(dana.getByText("Observation recorded.")).toBeVisible();

  const partner = dana.getByLabel("The other coach’s observation");
  await dana.getByRole("button", { name: "Link as a calibration pair" }).click();
  await expect(dana.getByRole("link", { name: /Choose/ })).toBeVisible();
  await expectAccessibleWithoutJavaScript(dana);
  await partner.selectOption({ label: (await partner.locator("option", { hasText: "Morgan Ellery" }).textContent())! });
  await dana.getByRole("button", { name: "Link as a calibration pair" }).click();
  await expect(dana.getByText("Linked as a calibration pair")).toBeVisible();
  // ICC(2,1) over the ten counts (5,3,2,1,0… against 4,3,3,1,0…) is 0.96; ratings 4,3,4,4 against 4,4,4,3.
  await expect(dana.getByText("0.96 (excellent)")).toBeVisible();
  await expect(dana.getByText("2 of 4 the same; 4 of 4 within one point")).toBeVisible();
  await expectAccessibleWithoutJavaScript(dana);
  await dana.context().close();

  await trainer.goto("/coaching/calibration");
  const pairs = trainer.getByRole("table", { name: "Calibration pairs" });
  await expect(pairs).toContainText("Morgan Ellery and Dana Whitfield");
  await expect(pairs).toContainText("0.96 (excellent)");
  await expect(pairs).toContainText("2 of 4 the same, 4 within one point");
  await expectAccessible(trainer);
  await trainer.context().close();
});
