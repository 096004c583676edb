import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./support";

test("a person sees where they are signed in and signs out of their other sessions", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin");
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Username").fill("two.places");
  await admin.getByLabel("Full name").fill("Jordan Fairleigh");
  await admin.getByLabel("Manager").check();
  await admin.getByLabel("Prison").selectOption({ label: "HMP Hollowbrook (demo)" });
  await admin.getByLabel("Password").fill("kettle biscuit landing");
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByText("User two.places created")).toBeVisible();

  const elsewhere = await (await browser.newContext()).newPage();
  await signIn(elsewhere, "two.places", "kettle biscuit landing");
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "two.places", "kettle biscuit landing");

  await page.getByRole("link", { name: "Your sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Where you are signed in" })).toBeVisible();
  await expect(page.getByText("This session")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(2);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out of all other sessions" }).click();
  await expect(page.getByText("Signed out of 1 other session.")).toBeVisible();
  await expect(page.getByText("You are not signed in anywhere else.")).toBeVisible();
  await expectAccessible(page);

  await elsewhere.reload();
  await expect(elsewhere).toHaveURL(/\/sign-in/);
  await page.reload();
  await expect(page).toHaveURL(/\/account\/sessions/);
});
