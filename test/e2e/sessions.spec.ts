import { expect, test } from "@playwright/test";
import { createUser, expectAccessible, signedIn } from "./support";

test("a person sees where they are signed in and signs out of their other sessions", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await createUser(admin, {
    username: "two.places",
    fullName: "Jordan Fairleigh",
    role: "Manager",
    password: "kettle biscuit landing",
  });

  const elsewhere = await signedIn(browser, "two.places", { password: "kettle biscuit landing" });
  const page = await signedIn(browser, "two.places", { password: "kettle biscuit landing" });

  await page.getByRole("link", { name: "Your sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Where you are signed in" })).toBeVisible();
  await expect(page.getByText("This session")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(2);
  await page.waitForLoadState("networkidle"); // hydrated: the limits stay what the server said
  await expect(page.getByText("signed out after 8 hours without using Engage, and 7 days after")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out of all other sessions" }).click();
  await expect(page.getByText("Signed out of 1 other session.")).toBeVisible();
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
});
