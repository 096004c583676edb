// A trainer adds a module, moves, rewords and removes it without touching modules.yaml: a bad form is explained at
// its fields, the new module is listed in the studio but not shown to officers until a scenario is
// published in it, and a stale form is refused; with JavaScript on and off, axe on each page. Each
// run adds modules of its own (titles made unique), so no other spec sees a change.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessibleAtBothWidths, expectAccessibleWithoutJavaScript, signIn } from "./support";

// Serial: both tests move modules, and a move made from an out-of-date page is refused.
test.describe.configure({ mode: "serial" });

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function addModule(page: Page, title: string, summary: string) {
  await page.goto("/studio/modules");
  await page.getByRole("button", { name: "Add a module" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a module" })).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill(summary);
  await page.getByRole("button", { name: "Add the module" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

test("a trainer adds a module, which officers see only once it has a scenario, and rewords it", async ({
  page,
  browser,
}) => {
  // A module, a scenario made with the wizard, rewritten and published, then officers' pages: longer than one
  // page's minute on a loaded machine (it ran out at 60 s in a CI run while another spec ran beside it).
  test.setTimeout(150_000);
  const title = `Court days ${unique()}`;
  await signIn(page, "trainer");
  await page.goto("/studio/modules");
  await page.getByRole("button", { name: "Add a module" }).click();
  await page.getByLabel("Title").fill("   ");
  await page.getByLabel("Summary").fill("x".repeat(301));
  await page.getByRole("button", { name: "Add the module" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Summary must be 300 characters or fewer");
  await summary.getByRole("link", { name: "Enter a title" }).click();
  await expect(page.getByLabel("Title")).toBeFocused();
  await expectAccessibleAtBothWidths(page);

  await addModule(page, title, "Reception, court and\nback again.");
  await expect(page.getByRole("alert")).toContainText(
    `Added ${title}. Officers see it once a scenario in it is published`,
  );
  await expect(page.getByText("Reception, court and back again.")).toBeVisible();
  await expect(page.getByText("No scenario is in this module yet, so officers do not see it.")).toBeVisible();
  await expect(page.getByText("These are the usual levels for a module added in Engage")).toBeVisible();
  await expectAccessibleAtBothWidths(page);

  await page.goto("/studio/modules");
  const card = page.getByRole("region", { name: title });
  await expect(card).toContainText("Not yet seen by officers");
  await expect(card).toContainText("Added in Engage");
  await expect(card).toContainText("The usual levels");

  // The same title again is refused at its field.
  await page.getByRole("button", { name: "Add a module" }).click();
  await page.getByLabel("Title").fill(title.toUpperCase());
  await page.getByLabel("Summary").fill("Again.");
  await page.getByRole("button", { name: "Add the module" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("There is already a module with this title");

  // Officers do not see it yet; trainers can choose it for a scenario.
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, "officer");
  await officer.goto("/");
  await expect(officer.getByText("Listening on the landing").first()).toBeVisible();
  await expect(officer.getByText(title)).toHaveCount(0);
  await officer.context().close();
  await page.goto("/studio/new");
  await expect(page.getByRole("option", { name: title })).toHaveCount(1);

  // Moving it up a place (it was added last).
  await page.goto("/studio/modules");
  await page.getByRole("link", { name: "Change the order of the modules" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change the order of the modules" })).toBeVisible();
  await expectAccessibleAtBothWidths(page);
  const items = page.locator(".app-module-order__item");
  const count = await items.count();
  await expect(items.last()).toContainText(title);
  await page.getByRole("button", { name: `Move up ${title}` }).click();
  await expect(page.getByRole("alert")).toContainText(`Moved ${title} up: it is now ${count - 1} of ${count}.`);
  await expect(items.nth(count - 2)).toContainText(title);

  // Rewording it.
  await page.goto("/studio/modules");
  await page
    .getByRole("region", { name: title })
    .getByRole("link", { name: /Change/ })
    .click();
  await page.getByRole("link", { name: "Change the title and summary" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change the title and summary" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expectAccessibleAtBothWidths(page);
  await page.getByLabel("Title").fill(`${title} and back`);
  await page.getByRole("button", { name: "Save the title and summary" }).click();
  await expect(page.getByRole("alert")).toContainText(`Saved the title and summary of ${title} and back`);
  await expect(page.getByRole("heading", { level: 1, name: `${title} and back` })).toBeVisible();
});

test("without JavaScript a module is added, moved, reworded and removed as plain forms, and a clashing rewording keeps what was typed", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const title = `Sentence planning ${unique()}`;
  await signIn(page, "trainer");
  await addModule(page, title, "Talking about a sentence plan.");
  await expectAccessibleWithoutJavaScript(page);
  const moduleUrl = page.url();

  await page.goto("/studio/modules/order");
  await page.getByRole("button", { name: `Move up ${title}` }).click();
  await expect(page.getByRole("alert")).toContainText(`Moved ${title} up`);
  await expectAccessibleWithoutJavaScript(page);
  await page.goto(moduleUrl);

  await page.getByRole("link", { name: "Change the title and summary" }).click();
  await page.getByLabel("Summary").fill("Talking about a sentence plan, with permission.");

  // Meanwhile an administrator rewords the same module.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin");
  await admin.goto(`${moduleUrl}/details`);
  await admin.getByLabel("Title").fill(`${title} (admin)`);
  await admin.getByRole("button", { name: "Save the title and summary" }).click();
  await expect(admin.getByRole("alert")).toContainText("Saved the title and summary");

  // The administrator changed the title and the trainer the summary: both are kept.
  await page.getByRole("button", { name: "Save the title and summary" }).click();
  await expect(page.getByRole("alert")).toContainText(`Saved the title and summary of ${title} (admin).`);
  await expect(page.getByRole("alert")).toContainText("changed this module's title on");
  await expect(page.getByText("Talking about a sentence plan, with permission.")).toBeVisible();

  // Both change the title: nothing is saved, the trainer's stays in the box and the administrator's is beside it.
  await page.getByRole("link", { name: "Change the title and summary" }).click();
  await page.getByLabel("Title").fill(`${title} (trainer)`);
  await admin.goto(`${moduleUrl}/details`);
  await admin.getByLabel("Title").fill(`${title} (admin again)`);
  await admin.getByRole("button", { name: "Save the title and summary" }).click();
  await expect(admin.getByRole("alert")).toContainText("Saved the title and summary");
  await page.getByRole("button", { name: "Save the title and summary" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("so your change was not saved");
  await expect(page.getByLabel("Title")).toHaveValue(`${title} (trainer)`);
  await expect(page.locator("#field-title-error")).toContainText(`saved “${title} (admin again)” here meanwhile`);
  await expectAccessibleWithoutJavaScript(page);
  await page.getByRole("button", { name: "Save the title and summary" }).click();
  await expect(page.getByRole("alert")).toContainText(`Saved the title and summary of ${title} (trainer).`);

  // Added by mistake: removed, since no scenario has joined it.
  await page.goto(moduleUrl);
  await page.getByRole("link", { name: "Remove this module" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Remove this module" })).toBeVisible();
  await expectAccessibleWithoutJavaScript(page);
  await page.getByRole("button", { name: "Remove the module" }).click();
  await expect(page.getByRole("alert")).toContainText(`Removed ${title} (trainer).`);
  await expect(page.getByRole("region", { name: `${title} (trainer)` })).toHaveCount(0);
  await admin.context().close();
  await page.context().close();
});

test("a module titled with one very long word fits a phone on every page that shows it", async ({ page }) => {
  const word = `Pneumonoultramicroscopicsilicovolcanoconiosis${unique()}`.padEnd(95, "s");
  await signIn(page, "trainer");
  await addModule(page, word, "One word, ninety-five letters long.");
  const moduleUrl = new URL(page.url()).pathname;
  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of ["/studio/modules", "/studio/modules/order", moduleUrl, `${moduleUrl}/details`]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
  }
  await page.goto(moduleUrl);
  await page.getByRole("link", { name: "Remove this module" }).click();
  await page.getByRole("button", { name: "Remove the module" }).click();
  await expect(page.getByRole("alert")).toContainText(`Removed ${word}.`);
});
