// Joining the prison service, end to end: single sign-on through a real OpenID Provider (started by
// Playwright beside the server), a staff import from a CSV file, and an assignment with a due date
// seen by an officer and in the matrix. axe checks every new page.
import { expect, test, type Page } from "@playwright/test";
import {
  expectAccessible,
  expectAccessibleAtBothWidths,
  expectAccessibleWithoutJavaScript,
  signIn,
  signedIn,
} from "./support";

async function signInWithWorkAccount(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with your work account" }).click();
  await expect(page.getByRole("heading", { name: "Test sign-in service" })).toBeVisible();
  await page.getByLabel("Username").fill(login);
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe("single sign-on", () => {
  test("a new officer signs in with their work account, chooses their wing once and lands on their training", async ({
    page,
  }) => {
    await page.goto("/sign-in");
    await expectAccessible(page);
    await signInWithWorkAccount(page, "sso.officer");
    await expect(page.getByRole("heading", { name: "Which wing or team do you work on?" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page.getByRole("link", { name: "Choose your wing or team from the list" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("C wing").check();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your training" })).toBeVisible();
    await expect(page.getByText("C wing, HMP Hollowbrook (demo)")).toBeVisible();
    await expect(page.getByText("Rhiannon Pryce")).toBeVisible();

    // Signing out goes through the provider's end-session endpoint and back to Engage's sign-in page,
    // signed out of both: signing in again asks for the username at the provider.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/session\/end/);
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByRole("button", { name: "Sign in with your work account" }).click();
    await expect(page.getByRole("heading", { name: "Test sign-in service" })).toBeVisible();
  });

  test("a manager's role comes from a mapped claim", async ({ page }) => {
    await signInWithWorkAccount(page, "sso.manager");
    await expect(page.getByRole("heading", { level: 1, name: "Training in your prison" })).toBeVisible();
  });

  test("someone from a prison Engage does not know is refused with a page naming it", async ({ page }) => {
    await signInWithWorkAccount(page, "sso.stranger");
    await expect(page.getByRole("heading", { name: "You could not be signed in" })).toBeVisible();
    await expect(page.getByText("the prison with code ZZZ, which is not set up in Engage")).toBeVisible();
    await expectAccessible(page);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test("an admin imports a staff file with one bad row, sees the line, fixes it and imports", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/staff/import");
  await expectAccessible(page);
  const header = "username,name,email,role,prison,wing";
  const bad = `${header}\ne2e.import1,Ffion Rees,ffion.rees@justice.example,officer,HBK,C wing\ne2e.import2,Gus Tate,,officer,HBK,Q wing\n`;
  await page
    .getByLabel("Staff file (CSV)")
    .setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(
    page.getByText(
      "Line 3: wing Q wing is not a wing or team of HBK: use one of A wing, B wing, C wing or Reception team",
    ),
  ).toBeVisible();
  await expectAccessible(page);

  const fixed = bad.replace("Q wing", "B wing");
  await page
    .getByLabel("Staff file (CSV)")
    .setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "Check the staff import" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "e2e.import2" })).toBeVisible();
  await expectAccessible(page);
  // Nothing is saved before confirming.
  const staff = await page.context().newPage();
  await staff.goto("/admin/users?q=e2e.import");
  await expect(staff.getByText("Gus Tate")).toHaveCount(0);
  await page.getByRole("button", { name: "Import these staff" }).click();
  await expect(page.getByText("Staff imported: 2 new, 0 changed, 0 unchanged, 0 deactivated, 0 errors.")).toBeVisible();
  await page.goto("/admin/users?q=e2e.import");
  await expect(page.getByRole("link", { name: "Gus Tate" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ffion Rees" })).toBeVisible();
});

test("a manager assigns module 1 to A wing due in 14 days; an A wing officer sees it due; the matrix shows it", async ({
  browser,
}) => {
  // Three people, the form and the removal with and without JavaScript, axe on each page.
  test.setTimeout(180_000);
  const manager = await signedIn(browser, "manager");
  await manager.goto("/reports/assignments");
  await expectAccessible(manager);
  const moduleTitle = (await manager.getByLabel("What to assign").locator("option").nth(2).textContent())!.trim();
  await manager.getByLabel("What to assign").selectOption({ index: 2 });
  // Each related question is revealed under its option once it is chosen (GOV.UK's conditional reveal).
  const wingOption = manager.getByLabel("A wing or team");
  const officersOption = manager.getByLabel("Named officers");
  const wingSelect = manager.getByLabel("Wing or team", { exact: true });
  const officerList = manager.getByRole("group", { name: "Officers", exact: true });
  const day = manager.getByLabel("Day", { exact: true });
  const days = manager.getByLabel("Number of days", { exact: true });
  for (const hidden of [wingSelect, officerList, day, days]) await expect(hidden).toBeHidden();
  await officersOption.check();
  await expect(manager.locator(`#${await officersOption.getAttribute("aria-controls")}`)).toContainText(
    "Choose officers",
  );
  await expect(officerList).toBeVisible();
  await wingOption.check();
  await expect(officerList).toBeHidden();
  await expect(manager.locator(`#${await wingOption.getAttribute("aria-controls")}`)).toContainText("Wing or team");
  await expect(wingSelect).toBeVisible();
  await manager.getByLabel("By a date").check();
  await expect(day).toBeVisible();
  await expect(days).toBeHidden();
  const due = new Date(Date.now() + 14 * 86_400_000);
  const [y, m, d] = due.toLocaleDateString("en-CA", { timeZone: "Europe/London" }).split("-");
  await day.fill(d);
  await manager.getByLabel("Month", { exact: true }).fill(m);
  await manager.getByLabel("Year", { exact: true }).fill(y);
  // Refused for want of a wing: the wing's question stays revealed with its error, and what was typed stays.
  await manager.getByRole("button", { name: "Assign" }).click();
  await expect(manager.getByRole("link", { name: "Choose the wing or team" })).toBeVisible();
  await expect(wingSelect).toBeVisible();
  await expect(wingSelect).toHaveAccessibleDescription(/Choose the wing or team/);
  await expect(wingOption).toBeChecked();
  await expect(officerList).toBeHidden();
  await expect(day).toHaveValue(d);
  await expectAccessibleAtBothWidths(manager);
  await wingSelect.selectOption({ label: "A wing" });
  // From the keyboard: the confirmation at the top of the page takes focus, not the button at the foot of the form.
  await manager.getByRole("button", { name: "Assign" }).press("Enter");
  const banner = manager.locator(".govuk-notification-banner");
  await expect(banner).toBeFocused();
  const dueText = due.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/London",
  });
  // It says what was assigned, to whom and by when.
  await expect(banner).toContainText(`Training assigned: ${moduleTitle} to A wing, by ${dueText}.`);
  await manager.setViewportSize({ width: 375, height: 800 });
  // The table of assignments scrolls in its own box: the page stays as wide as the phone.
  await expect(manager.getByRole("region", { name: "Current assignments, scrolls sideways" })).toBeVisible();
  expect(await manager.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(manager);
  await manager.setViewportSize({ width: 1280, height: 800 });
  const row = manager.locator("#assignments tbody tr").filter({ hasText: moduleTitle });
  await expect(row).toContainText("A wing");
  await expect(row).toContainText(`By ${dueText}`);
  await expectAccessible(manager);

  const officer = await signedIn(browser, "officer2");
  await expect(officer.getByRole("heading", { name: "Assigned to you" })).toBeVisible();
  const item = officer
    .getByRole("list")
    .filter({ has: officer.getByRole("link", { name: moduleTitle }) })
    .first();
  await expect(item).toContainText(`Due by ${dueText}`);
  await expectAccessible(officer);

  await manager.goto("/reports/matrix?due=assigned");
  // The demo's A wing (its generated officers and the sign-ins) and no one else.
  await expect(manager.locator("#matrix-results")).toHaveText(/^\d+ officers shown, filtered by /);
  await expect(manager.locator("#matrix tbody tr").filter({ hasNotText: "A wing" })).toHaveCount(0);
  const priya = manager.locator("#matrix tbody tr").filter({ hasText: "Priya Lindqvist" });
  await expect(priya).toContainText(`Due ${dueText}`);
  await expectAccessible(manager);

  // The overview counts it; then the manager removes it again, after a page saying what will go.
  await manager.goto("/reports");
  await expect(manager.locator("#assignment-summary")).toContainText("On track");
  await manager.goto("/reports/assignments");
  const removeLink = (page: Page) => page.getByRole("link", { name: `Remove ${moduleTitle} for A wing` });
  await removeLink(manager).click();
  const ask = "Are you sure you want to remove this assignment?";
  await expect(manager.getByRole("heading", { level: 1, name: ask })).toBeVisible();
  await expect(manager).toHaveTitle(`${ask} – Engage`);
  const summary = manager.locator(".govuk-summary-list");
  await expect(summary).toContainText(moduleTitle);
  await expect(summary).toContainText("All officers on A wing");
  await expect(summary).toContainText(`By ${dueText}`);
  await expect(summary).toContainText(/\d+ officers?/);
  await expectAccessibleAtBothWidths(manager);
  await manager.getByRole("link", { name: "Cancel" }).click();
  await expect(row).toContainText(`By ${dueText}`);

  // Without JavaScript it is a plain form; a second submit, from the same page left open, changes nothing.
  const noJs = await signedIn(browser, "manager", { javaScriptEnabled: false });
  await noJs.goto("/reports/assignments");
  // Every related question shows under its option, and the server refuses a form without a wing, as with JavaScript.
  await noJs.getByLabel("What to assign").selectOption({ index: 2 });
  await noJs.getByLabel("A wing or team").check();
  await noJs.getByLabel("Within a number of days of joining").check();
  await noJs.getByLabel("Number of days", { exact: true }).fill("14");
  for (const field of [
    noJs.getByLabel("Wing or team", { exact: true }),
    noJs.getByRole("group", { name: "Officers", exact: true }),
    noJs.getByLabel("Day", { exact: true }),
    noJs.getByLabel("Number of days", { exact: true }),
  ])
    await expect(field).toBeVisible();
  await expect(noJs.getByLabel("A wing or team")).not.toHaveAttribute("aria-controls");
  await noJs.getByRole("button", { name: "Assign" }).click();
  await expect(noJs.getByRole("link", { name: "Choose the wing or team" })).toBeVisible();
  await expect(noJs.getByLabel("Wing or team", { exact: true })).toHaveAccessibleDescription(/Choose the wing or team/);
  await expect(noJs.getByLabel("Number of days", { exact: true })).toHaveValue("14");
  await expectAccessibleWithoutJavaScript(noJs);
  await removeLink(noJs).click();
  await expect(noJs.getByRole("heading", { level: 1, name: ask })).toBeVisible();
  await expectAccessibleWithoutJavaScript(noJs);
  const left = await noJs.context().newPage();
  await left.goto(noJs.url());
  await noJs.getByRole("button", { name: "Yes, remove this assignment" }).click();
  await expect(noJs.getByText(`Assignment removed: ${moduleTitle} for A wing, by ${dueText}.`)).toBeVisible();
  await expect(removeLink(noJs)).toHaveCount(0);
  await left.getByRole("button", { name: "Yes, remove this assignment" }).click();
  const gone = "This assignment has already been removed";
  await expect(left.getByRole("heading", { level: 1, name: gone })).toBeVisible();
  await expect(left).toHaveTitle(`${gone} – Engage`);
  await expect(left.locator(".govuk-summary-list")).toContainText("by Chris Pemberton");
  await expectAccessibleWithoutJavaScript(left);
});

test("an officer sees their messages; officers and trainers get 403 on assignment and import pages", async ({
  page,
}) => {
  await signIn(page, "officer4");
  await page.getByRole("link", { name: "Messages" }).click();
  await expect(page.getByRole("heading", { name: "Your messages" })).toBeVisible();
  await expectAccessible(page);
  for (const path of ["/reports/assignments", "/staff/import"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
  }
});
