import { expect, test } from "@playwright/test";
import {
  createUser,
  expectAccessible,
  expectAccessibleAtBothWidths,
  expectAccessibleWithoutJavaScript,
  signIn,
  signedIn,
} from "./support";

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

for (const javaScriptEnabled of [false, true]) {
  test(`a wrong password on a sign-in page left open while the session ended is said at once, with why it ended (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const username = javaScriptEnabled ? "left.open.js" : "left.open";
    const password = "kettle biscuit landing";
    const admin = await signedIn(browser, "admin");
    await createUser(admin, { username, fullName: "Morgan Ashdown", role: "Manager", password });
    await admin.context().close();

    // The sign-in page is left open in one tab while another tab of the same browser signs in.
    const left = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await left.goto("/sign-in");
    await signIn(await left.context().newPage(), username, password);
    // The session ends elsewhere: the browser's cookie is now an ended session's.
    const elsewhere = await signedIn(browser, username, { password });
    await elsewhere.goto("/account/sessions");
    await elsewhere.getByRole("button", { name: "Sign out of all other sessions" }).click();
    await expect(elsewhere.getByText("Signed out of 1 other session.")).toBeVisible();

    await left.getByLabel("Username").fill(username);
    await left.getByLabel("Password", { exact: true }).fill("not the password at all");
    await left.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(left.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
      "The username or password is not right",
    );
    await expect(left).toHaveTitle(/^Error: /);
    await expect(left.getByRole("region", { name: "Important" })).toContainText(
      "You were signed out from another browser or device",
    );
    if (javaScriptEnabled) await expectAccessible(left);
    else await expectAccessibleWithoutJavaScript(left);

    await signIn(left, username, password);
    await expect(left.getByRole("link", { name: "Your sessions" })).toBeVisible();
  });
}
