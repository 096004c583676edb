// A trainer changes what a module asks for competency without touching modules.yaml: sees the
// settings of every module, changes one, is told what is wrong with a bad value at the field,
// sees what the change does to officers' statuses before saving, saves, and goes back to the
// library file's settings; with JavaScript on and off, axe on each page. It changes only the
// refresher period of the programmes-wing module, which no other spec reads, and puts it back.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessibleAtBothWidths, expectAccessibleWithoutJavaScript, signIn } from "./support";

const TITLE = "The programmes wing and progression";

test.describe.configure({ mode: "serial" });

async function openModule(page: Page) {
  await page.goto("/studio");
  await page.getByRole("link", { name: "Modules and competency" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Modules and competency" })).toBeVisible();
  await page.getByRole("link", { name: `Change what ${TITLE} asks` }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
}

async function backToTheLibrary(page: Page) {
  await page.goto("/studio/modules/programmes-wing-and-progression");
  await page.getByRole("button", { name: "Check going back to the library file's settings" }).click();
  await expect(page.getByText("After 6 months")).toBeVisible();
  await page.getByRole("button", { name: "Save these settings" }).click();
  await expect(page.getByRole("alert")).toContainText(`Saved what ${TITLE} asks for competency`);
  const card = page.getByRole("region", { name: TITLE });
  await expect(card).toContainText("Library file");
  await expect(card).toContainText("After 6 months");
}

test("a trainer changes a module's refresher period, seeing what it does first, then goes back to the library's", async ({
  page,
}) => {
  await signIn(page, "trainer");
  await openModule(page);
  await expectAccessibleAtBothWidths(page);
  await expect(page.getByText("These are the library file's settings.")).toBeVisible();
  await expect(
    page.getByText("If you raise the pass marks, officers who are competent keep it until their refresher is due"),
  ).toBeVisible();

  const months = page.getByLabel("Months until a refresher is due");
  await expect(months).toHaveValue("6");
  await months.fill("none");
  await page.getByLabel("Reflections for each question, at least").fill("11");
  await page.getByRole("button", { name: "Check what this changes" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Reflections for each question must be 10 or fewer");
  await summary.getByRole("link", { name: "Months until a refresher must be a whole number" }).click();
  await expect(months).toBeFocused();
  await expect(months).toHaveValue("none");
  // Following the link leaves the errors on the page.
  await expect(summary).toContainText("Reflections for each question must be 10 or fewer");
  await expectAccessibleAtBothWidths(page);

  // A pass mark below MITI's fair level may be set, but not without being told.
  await page.getByLabel("Reflections for each question, at least").fill("0.5");
  await months.fill("9");
  await page.getByRole("button", { name: "Check what this changes" }).click();
  await expect(page.getByText("0.5 reflections for each question (MITI's fair level is 1)")).toBeVisible();
  await page.getByRole("button", { name: "Change them" }).click();
  await page.getByLabel("Reflections for each question, at least").fill("1");
  await page.getByRole("button", { name: "Check what this changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Check the change to ${TITLE}` })).toBeVisible();
  await expect(page.getByText("After 9 months")).toBeVisible();
  await expect(page.getByText("MITI's fair level")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "What this does to officers' statuses" })).toBeVisible();
  await expectAccessibleAtBothWidths(page);

  // Changing them again starts from what was checked, not from what is saved.
  await page.getByRole("button", { name: "Change them" }).click();
  await expect(months).toHaveValue("9");
  await months.fill("12");
  await page.getByRole("button", { name: "Check what this changes" }).click();
  await expect(page.getByText("After 12 months")).toBeVisible();
  await page.getByRole("button", { name: "Save these settings" }).click();

  await expect(page).toHaveURL(/\/studio\/modules$/);
  await expect(page.getByRole("alert")).toContainText(`Saved what ${TITLE} asks for competency`);
  const card = page.getByRole("region", { name: TITLE });
  await expect(card).toContainText("Changed in Engage");
  await expect(card).toContainText("After 12 months");
  await expectAccessibleAtBothWidths(page);

  await backToTheLibrary(page);
});

for (const javaScript of [false, true]) {
  test(`${javaScript ? "with" : "without"} JavaScript a form from before another trainer's save is refused, keeping what was changed beside what they saved`, async ({
    browser,
  }) => {
    // Its own context (without JavaScript axe runs on a twin of each page: support.ts).
    const page = await (await browser.newContext({ javaScriptEnabled: javaScript })).newPage();
    const accessible = () =>
      javaScript ? expectAccessibleAtBothWidths(page) : expectAccessibleWithoutJavaScript(page);
    await signIn(page, "trainer");
    await openModule(page);
    await page.getByLabel("Months until a refresher is due").fill("12");
    await page.getByRole("button", { name: "Check what this changes" }).click();
    await expect(page.getByText("After 12 months")).toBeVisible();
    await accessible();

    // Meanwhile an administrator changes the same module.
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, "admin");
    await admin.goto("/studio/modules/programmes-wing-and-progression");
    await admin.getByLabel("Months until a refresher is due").fill("9");
    await admin.getByRole("button", { name: "Check what this changes" }).click();
    await admin.getByRole("button", { name: "Save these settings" }).click();
    await expect(admin.getByRole("alert")).toContainText("Saved what");

    await page.getByRole("button", { name: "Save these settings" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("changed what this module asks for competency on");
    await expect(page.locator(".govuk-error-summary")).toContainText("so your change was not saved");
    // Both changed the refresher: the trainer's figure stays in the box, the administrator's is named beside it.
    await expect(page.getByText(/Changed in Engage on .* by /)).toBeVisible();
    await expect(page.getByLabel("Months until a refresher is due")).toHaveValue("12");
    await expect(page.locator("#field-refresherMonths-error")).toContainText("saved “After 9 months” here meanwhile");
    await accessible();
    // Checked again, it is saved on top of the administrator's.
    await page.getByRole("button", { name: "Check what this changes" }).click();
    await expect(page.getByText("After 12 months")).toBeVisible();
    await page.getByRole("button", { name: "Save these settings" }).click();
    await expect(page.getByRole("alert")).toContainText("Saved what");

    await backToTheLibrary(page);
    await admin.context().close();
    await page.context().close();
  });
}
