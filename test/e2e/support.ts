// Shared steps for the end-to-end tests.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { rewriteExamples } from "../support/studio";

export const DEMO_PASSWORD = "practise-reflections";

/** Fails on any serious or critical WCAG 2.2 A/AA violation on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/**
 * Axe for a page opened with JavaScript off, where axe itself cannot run: the same HTML is loaded
 * in a page of its own with JavaScript on for axe but every script of the page refused (a
 * Content-Security-Policy of script-src 'none'), so it is checked exactly as the officer saw it.
 */
export async function expectAccessibleWithoutJavaScript(page: Page) {
  const html = await page.content();
  const viewport = page.viewportSize();
  const context = await page
    .context()
    .browser()!
    .newContext(viewport ? { viewport } : {});
  try {
    const twin = await context.newPage();
    await twin.route(page.url(), (route) =>
      route.fulfill({
        contentType: "text/html",
        headers: { "content-security-policy": "script-src 'none'" },
        body: html,
      }),
    );
    await twin.goto(page.url());
    await expectAccessible(twin);
  } finally {
    await context.close();
  }
}

/** axe at a desktop width (1,280 px) and a phone width (375 px); leaves the page at 1,280 px. */
export async function expectAccessibleAtBothWidths(page: Page) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 800 });
    await expectAccessible(page);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  if (!new URL(page.url(), "http://x").pathname.startsWith("/sign-in")) await page.goto("/sign-in");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/**
 * A new scenario made with the studio's wizard, in the trainer's own words; ends on its list of
 * nodes. Its id comes from the title ("Estate roll-out test" -> estate-roll-out-test).
 */
export async function createWithWizard(
  page: Page,
  a: { title: string; module: { label: string } | { index: number }; personaName: string },
) {
  await page.goto("/studio/new");
  await page.getByLabel("Title officers see").fill(a.title);
  await page.getByLabel("Module").selectOption(a.module);
  await page.getByLabel("The prisoner's first name").fill(a.personaName);
  await page.getByLabel("His background").fill("34, four years for burglary, wing cleaner.");
  await page.getByLabel("How he talks (optional)").fill("Short answers; warms up when his kids come up.");
  await page
    .getByLabel("What the conversation is about")
    .fill(`${a.personaName} wants to be out for his daughter's birthday.`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("What he says first").fill("What's the point? Nothing I do in here makes any difference.");
  await page.getByRole("radio", { name: "Sustain talk" }).check();
  await page.locator('[name="options.0.say"]').fill("You can't see the point of it right now.");
  await page.locator('[name="options.0.mi"]').selectOption("simple_reflection");
  await page.locator('[name="options.1.say"]').fill("Carry on like that and you'll be here for years.");
  await page.locator('[name="options.1.mi"]').selectOption("confront");
  await page.getByRole("button", { name: "Create the scenario" }).click();
  await expect(page).toHaveURL(/\/studio\/[^/]+\/nodes$/);
}

/** Rewrites the wizard's example conversation in the YAML view, as a trainer does before publishing. */
export async function rewriteWizardExample(page: Page, scenarioId: string) {
  await page.goto(`/studio/${scenarioId}/edit`);
  await page.waitForLoadState("networkidle");
  const yaml = await page.getByLabel("Scenario YAML").inputValue();
  await page.getByLabel("Scenario YAML").fill(rewriteExamples(yaml));
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Draft saved. It has no errors.")).toBeVisible();
}
