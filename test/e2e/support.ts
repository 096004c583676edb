// Shared steps for the end-to-end tests.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

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

/** A page of its own (its own cookies) signed in as `username`: one person in a journey with several. */
export async function signedIn(
  browser: Browser,
  username: string,
  { password, ...options }: BrowserContextOptions & { password?: string } = {},
) {
  const page = await (await browser.newContext(options)).newPage();
  await signIn(page, username, password);
  return page;
}

/**
 * An officer made for one test, so it may end their sessions without touching other tests' people: the
 * administrator creates them, and they sign in and choose `password`. Their page, signed in.
 */
export async function newOfficer(
  browser: Browser,
  { username, fullName, password }: { username: string; fullName: string; password: string },
  options: BrowserContextOptions = {},
) {
  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Username").fill(username);
  await admin.getByLabel("Full name").fill(fullName);
  await admin.getByLabel("Officer").check();
  await admin.getByLabel("Prison").selectOption({ label: "HMP Hollowbrook (demo)" });
  await admin.getByLabel("Wing or team").selectOption({ label: "A wing (HMP Hollowbrook (demo))" });
  await admin.getByLabel("Password").fill("first password here");
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByText(`User ${username} created`)).toBeVisible();
  await admin.context().close();

  const page = await signedIn(browser, username, { ...options, password: "first password here" });
  await page.goto("/account/password");
  await page.getByLabel("Current password").fill("first password here");
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed")).toBeVisible();
  return page;
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** The admin creates a user at the demo prison, with the password they first sign in with. */
export async function createUser(
  admin: Page,
  user: {
    username: string;
    fullName: string;
    role: "Officer" | "Trainer" | "Manager" | "Administrator";
    password: string;
  },
) {
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Username").fill(user.username);
  await admin.getByLabel("Full name").fill(user.fullName);
  await admin.getByLabel(user.role).check();
  await admin.getByLabel("Prison").selectOption({ label: "HMP Hollowbrook (demo)" });
  await admin.getByLabel("Password").fill(user.password);
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByText(`User ${user.username} created`)).toBeVisible();
}
