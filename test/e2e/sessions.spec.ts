import { expect, test } from "@playwright/test";
import { createUser, expectAccessible, expectAccessibleAtBothWidths, signIn, signedIn } from "./support";

test("a person sees where they are signed in and signs out of their other sessions", async ({ browser }) => {
  // Four windows, five sign-ins, axe on each page.
  test.setTimeout(120_000);
  const admin = await signedIn(browser, "admin");
  await createUser(admin, {
    username: "two.places",
    fullName: "Jordan Fairleigh",
    role: "Manager",
    password: "kettle biscuit landing",
  });

  const elsewhere = await signedIn(browser, "two.places", { password: "kettle biscuit landing" });
  const bookmarked = await signedIn(browser, "two.places", { password: "kettle biscuit landing" });
  const page = await signedIn(browser, "two.places", { password: "kettle biscuit landing" });

  await page.getByRole("link", { name: "Your sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Where you are signed in" })).toBeVisible();
  await expect(page.getByText("This session")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(3);
  await page.waitForLoadState("networkidle"); // hydrated: the limits stay what the server said
  await expect(page.getByText("signed out after 8 hours without using Engage, and 7 days after")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out of all other sessions" }).click();
  await expect(page.getByText("Signed out of 2 other sessions.")).toBeVisible();
  await expect(page.getByText("You are not signed in anywhere else.")).toBeVisible();
  await expectAccessible(page);

  await elsewhere.reload();
  await expect(elsewhere).toHaveURL(/\/sign-in/);
  await expect(elsewhere.getByRole("region", { name: "Important" })).toContainText(
    "You were signed out from another browser or device",
  );
  await expectAccessible(elsewhere);
  await page.reload();
  await expect(page).toHaveURL(/\/account\/sessions/);

  // The sign-in page opened straight (a bookmark) says why too, once, and signing in from it works.
  await bookmarked.goto("/sign-in");
  await expect(bookmarked.getByRole("region", { name: "Important" })).toContainText(
    "You were signed out from another browser or device",
  );
  await expectAccessibleAtBothWidths(bookmarked);
  await bookmarked.reload();
  await expect(bookmarked.getByRole("heading", { level: 1, name: "Sign in to Engage" })).toBeVisible();
  await expect(bookmarked.getByRole("region", { name: "Important" })).toHaveCount(0);
  await signIn(bookmarked, "two.places", "kettle biscuit landing");
  await expect(bookmarked.getByRole("link", { name: "Your sessions" })).toBeVisible();
});
