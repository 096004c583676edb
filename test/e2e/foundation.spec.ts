import { expect, test, type Page } from "@playwright/test";
import {
  createUser,
  expectAccessible,
  expectAccessibleAtBothWidths,
  expectAccessibleWithoutJavaScript,
  signIn,
  signOut,
  signedIn,
} from "./support";

/** A wrong password: refused with an error summary, and (GOV.UK's validation pattern) a title saying so at once. */
async function refusedSignIn(page: Page) {
  await page.getByLabel("Username").fill("officer6");
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").getByText("The username or password is not right")).toBeVisible();
  await expect(page).toHaveTitle("Error: Sign in – Engage");
}

test.describe("signing in", () => {
  for (const [username, heading] of [
    ["officer", "Your training"],
    ["trainer", "Scenarios and reviews"],
    ["manager", "Training in your prison"],
    ["admin", "Administration"],
  ] as const) {
    test(`${username} lands on their home page`, async ({ page }) => {
      await signIn(page, username);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectAccessible(page);
      await signOut(page);
      // They are told they signed out, once: a later visit to the sign-in page says nothing.
      const banner = page.locator(".govuk-notification-banner--success");
      await expect(banner).toContainText("You have signed out.");
      await expect(banner).toBeFocused();
      await expectAccessible(page);
      await page.goto("/");
      await expect(page).toHaveURL(/\/sign-in/);
      await expect(page.getByRole("heading", { level: 1, name: "Sign in to Engage" })).toBeVisible();
      await expect(page.locator(".govuk-notification-banner")).toHaveCount(0);
    });
  }

  test("a wrong password shows a message and the sign-in page is accessible", async ({ page }) => {
    await page.goto("/sign-in");
    await expectAccessible(page);
    await refusedSignIn(page);
    await expectAccessible(page);
    await signIn(page, "officer6");
    await expect(page.getByRole("heading", { level: 1, name: "Your training" })).toBeVisible();
    await expect(page).not.toHaveTitle(/^Error: /);
  });

  test("without JavaScript, a refused sign-in's title starts with Error, and signing out says so", async ({
    browser,
  }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto("/sign-in");
    await expect(page).toHaveTitle("Sign in – Engage");
    await refusedSignIn(page);
    await expectAccessibleWithoutJavaScript(page);
    await signIn(page, "officer6");
    await expect(page).not.toHaveTitle(/^Error: /);
    await signOut(page);
    await expect(page.locator(".govuk-notification-banner--success")).toContainText("You have signed out.");
  });

  test("a refused sign-in sent before the page's scripts ran keeps its Error title as they start", async ({ page }) => {
    const problems: string[] = [];
    // React reports a page that hydrates to something else than the server sent; the refused form's
    // own 400 is the one message expected.
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().includes("status of 400")) problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    // The scripts are held back until the refused form's page has come from the server.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/build/**", async (route) => {
      await released;
      // The first page's requests were cancelled as the form was sent.
      await route.continue().catch(() => {});
    });
    await page.goto("/sign-in", { waitUntil: "commit" });
    await refusedSignIn(page);
    release();
    // Hydrated: the error summary's script has moved focus to it.
    await expect(page.locator(".govuk-error-summary")).toBeFocused();
    await expect(page).toHaveTitle("Error: Sign in – Engage");
    expect(problems).toEqual([]);
  });

  test("empty and over-long fields give field errors", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("link", { name: "Enter your username" })).toBeVisible();
    await page.getByLabel("Username").fill("x".repeat(201));
    await page.getByLabel("Password", { exact: true }).fill("whatever-it-is");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("link", { name: "Username must be 200 characters or fewer" })).toBeVisible();
  });

  test("an anonymous visitor is sent to sign in and brought back afterwards", async ({ page }) => {
    await page.goto("/admin/audit?action=user.");
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fadmin%2Faudit%3Faction%3Duser\./);
    await signIn(page, "admin");
    await expect(page).toHaveURL(/\/admin\/audit\?action=user\./);
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expectAccessible(page);
  });

  test("the return path never leaves the site", async ({ page }) => {
    await page.goto("/sign-in?returnTo=//example.org/steal");
    await signIn(page, "officer2");
    expect(new URL(page.url()).host).toBe(new URL(page.context().pages()[0].url()).host);
    await expect(page.getByRole("heading", { level: 1, name: "Your training" })).toBeVisible();
  });

  test("someone's own browser still signs them in while another's wrong guesses lock their username", async ({
    browser,
  }) => {
    const username = "own.browser";
    const password = "kettle biscuit landing";
    const admin = await signedIn(browser, "admin");
    await createUser(admin, { username, fullName: "Robin Ashcombe", role: "Manager", password });
    await admin.context().close();
    // They sign in on their own browser and sign out at the end of the shift.
    const own = await signedIn(browser, username, { password });
    await signOut(own);

    // Someone else guesses until the username is locked: the right password too is refused there.
    const guesser = await (await browser.newContext()).newPage();
    await guesser.goto("/sign-in");
    for (const guess of ["kettle", "biscuit", "landing", "kettle biscuit", "biscuit landing", password]) {
      await guesser.getByLabel("Username").fill(username);
      await guesser.getByLabel("Password", { exact: true }).fill(guess);
      // Each answer awaited: the same message twice must not let the next guess overtake this one.
      const answered = guesser.waitForResponse((r) => r.request().method() === "POST");
      await guesser.getByRole("button", { name: "Sign in", exact: true }).click();
      await answered;
      await expect(guesser.getByRole("alert")).toContainText(
        guess === password
          ? "Too many failed sign-in attempts for this username"
          : "The username or password is not right",
      );
    }
    await expectAccessible(guesser);

    // Their own browser still signs them in.
    await signIn(own, username, password);
  });
});

// The menu comes from the role-to-capability table (app/auth/capabilities.ts): each role sees the pages of its
// own work, MI coaches also Coaching; an admin may open Staff and Reviews but they are not in the admin's menu.
test.describe("each role's menu", () => {
  for (const [username, links] of [
    ["officer", ["Home", "My record", "Messages"]],
    ["officer6", ["Home", "My record", "Messages", "Coaching"]],
    ["trainer", ["Home", "Studio", "Reviews", "Messages", "Coaching"]],
    ["manager", ["Home", "Reports", "Staff", "Messages", "Coaching"]],
    ["admin", ["Home", "Users", "Prisons", "Audit log", "Reports", "Studio"]],
  ] as const) {
    test(`${username}: ${links.join(", ")}`, async ({ page }) => {
      await signIn(page, username);
      await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link")).toHaveText([...links]);
    });
  }
});

test("an officer gets a 403 page on admin and manager pages", async ({ page }) => {
  await signIn(page, "officer3");
  for (const path of ["/admin/users", "/admin/prisons", "/staff"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  }
  await expectAccessible(page);
});

test("a manager sees the staff of their own prison", async ({ page }) => {
  await signIn(page, "manager");
  await page.getByRole("link", { name: "Staff", exact: true }).click();
  await expect(page.getByRole("cell", { name: "Sam Okafor" })).toBeVisible();
  await expectAccessible(page);
});

test("an admin creates an officer who can sign in, then deactivates them", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin/users");
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Create a user" }).click();
  await expectAccessible(admin);

  // Invalid first: short password, no wing for an officer.
  await admin.getByLabel("Username").fill("new.officer");
  await admin.getByLabel("Full name").fill("Émile Castellan");
  await admin.getByLabel("Officer").check();
  await admin.getByLabel("Prison").selectOption({ label: "HMP Hollowbrook (demo)" });
  await admin.getByLabel("Password").fill("short");
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByRole("link", { name: "Password must be 12 characters or more" })).toBeVisible();
  await expect(admin).toHaveTitle("Error: Create a user – Engage");
  await expectAccessible(admin);

  await admin.getByLabel("Password").fill("a long enough password");
  await admin.getByLabel("Wing or team").selectOption({ label: "B wing (HMP Hollowbrook (demo))" });
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByText("User new.officer created")).toBeVisible();
  await expect(admin).not.toHaveTitle(/^Error: /);
  await expectAccessible(admin);

  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signIn(officer, "New.Officer", "a long enough password"); // usernames ignore case
  // The admin chose the password: the officer chooses their own before anything else.
  await expect(officer.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await officer.goto("/record");
  await expect(officer).toHaveURL(/\/account\/password$/);
  await officer.getByLabel("Current password").fill("a long enough password");
  await officer.getByLabel("New password", { exact: true }).fill("quiet harbour lantern 47");
  await officer.getByLabel("New password again").fill("quiet harbour lantern 47");
  await officer.getByRole("button", { name: "Change password" }).click();
  await expect(officer.getByRole("heading", { name: "Your training" })).toBeVisible();

  await admin.getByRole("button", { name: "Deactivate Émile Castellan" }).click();
  await expect(admin.getByText("Émile Castellan is deactivated")).toBeVisible();

  // Their open session has ended, the sign-in page says why, and they cannot sign in again.
  await officer.reload();
  await expect(officer).toHaveURL(/\/sign-in/);
  await expect(officer.getByRole("region", { name: "Important" })).toContainText(
    "You were signed out because your account was deactivated.",
  );
  await officer.getByLabel("Username").fill("new.officer");
  await officer.getByLabel("Password", { exact: true }).fill("quiet harbour lantern 47");
  await officer.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(
    officer.getByText("The username or password is not right, or the account is not active.").first(),
  ).toBeVisible();

  // Searching ignores every letter's case, not only A to Z, and accents: typed with or without them.
  for (const typed of ["%C3%A9mile", "emile"]) {
    await admin.goto(`/admin/users?q=${typed}`);
    await expect(admin.getByRole("link", { name: "Émile Castellan" })).toBeVisible();
  }

  // Other tests create and deactivate users at the same time: look at this officer's rows.
  await admin.goto("/admin/audit?action=user.&person=emile+castellan");
  const rows = admin.getByRole("row").filter({ hasText: "Émile Castellan" });
  await expect(rows.filter({ hasText: "Alex Rowan deactivated Émile Castellan’s account" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Alex Rowan created an account for Émile Castellan (Officer)" })).toHaveCount(1);
  await officerContext.close();
});

test("a user changed in another tab: the older form is refused and then shows the user as they are now", async ({
  browser,
}) => {
  const admin = await signedIn(browser, "admin");
  await createUser(admin, {
    username: "two.tabs",
    fullName: "Jordan Tabb",
    role: "Trainer",
    password: "first password here",
  });
  // Creating a user lands on their page: open it in a second tab too.
  await expect(admin.getByRole("heading", { level: 1, name: "Jordan Tabb" })).toBeVisible();
  const other = await admin.context().newPage();
  await other.goto(admin.url());

  // Tab A: Trainer to Manager.
  await admin.getByLabel("Manager").check();
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByText("Changes saved.")).toBeVisible();
  // Saved again, the same words come in a new banner that takes focus again (JavaScript on).
  const saved = admin.locator(".govuk-notification-banner--success");
  await expect(saved).toBeFocused();
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(saved).toBeFocused();

  // Tab B still shows Trainer and changes only the name: refused, and its fields now show the user as they are.
  await expect(other.getByLabel("Trainer")).toBeChecked();
  await other.getByLabel("Full name").fill("Jordan Tabb-Renamed");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByRole("alert")).toContainText("Someone else changed this user while you were looking at it.");
  await expect(other.getByLabel("Manager")).toBeChecked();
  await expect(other.getByLabel("Full name")).toHaveValue("Jordan Tabb");
  await expect(other.getByRole("heading", { level: 1, name: "Jordan Tabb" })).toBeVisible();
  await expectAccessible(other);

  // Made again from the page as it is now, the change is saved and keeps the other tab's role.
  await other.getByLabel("Full name").fill("Jordan Tabb-Renamed");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByText("Changes saved.")).toBeVisible();
  await expect(other.getByRole("heading", { level: 1, name: "Jordan Tabb-Renamed" })).toBeVisible();
  await expect(other.getByLabel("Manager")).toBeChecked();
});

test("an admin adds a prison and its wings, renames one and removes one no one is on", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/prisons");
  await expectAccessible(page);
  await page.getByLabel("Name", { exact: true }).fill("HMP Fernmoor (test)");
  await page.getByLabel("Short code").fill("FMR");
  await page.getByRole("button", { name: "Add prison" }).click();
  await expect(page.getByText("HMP Fernmoor (test) added")).toBeVisible();
  for (const name of ["D wing", "E wing"]) {
    await page.getByLabel("Name of the new wing or team").fill(name);
    await page.getByRole("button", { name: "Add wing or team" }).click();
    await expect(page.getByText(`${name} added.`)).toBeVisible();
    await expect(page.getByRole("rowheader", { name, exact: true })).toBeVisible();
    // The add form starts empty again: saving twice would not add it twice.
    await expect(page.getByLabel("Name of the new wing or team")).toHaveValue("");
  }
  // Both forms have a name field; every id is on the page once, and an error links to its own form's field.
  const twice = () =>
    page.evaluate(() => {
      const seen = [...document.querySelectorAll("[id]")].map((e) => e.id);
      return seen.filter((id, i) => seen.indexOf(id) !== i);
    });
  expect(await twice()).toEqual([]);
  await page.getByRole("button", { name: "Add wing or team" }).click();
  const link = page.locator(".govuk-error-summary").getByRole("link", { name: /name for the wing or team/ });
  const target = (await link.getAttribute("href"))!;
  await expect(page.locator(target)).toHaveAccessibleName("Name of the new wing or team");
  expect(await twice()).toEqual([]);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("link", { name: "Rename or remove D wing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "D wing" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("New name").fill("Dale wing");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("D wing is now called Dale wing.")).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Dale wing", exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Rename or remove E wing" }).click();
  await page.getByRole("button", { name: "Remove E wing" }).click();
  await expect(page.getByText("E wing removed.")).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "E wing", exact: true })).toHaveCount(0);
  await expectAccessible(page);
});

test("a wing with staff on it cannot be removed, and the admin is told why", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/prisons");
  await page.getByRole("link", { name: "HMP Hollowbrook (demo)" }).click();
  await page.getByRole("link", { name: "Rename or remove C wing" }).click();
  await expect(page.getByText(/C wing cannot be removed while staff are on it \(\d+ active\)/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove C wing" })).toHaveCount(0);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
  }
  await page.getByRole("link", { name: "See the staff on C wing" }).click();
  await expect(page.getByText("Showing staff on C wing only.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Kieran Ashdown" })).toBeVisible();
  // A forged removal changes nothing.
  const prisonPath = new URL(page.url()).searchParams;
  const res = await page.request.post(`/admin/prisons/${prisonPath.get("prison")}/units/${prisonPath.get("unit")}`, {
    form: { intent: "remove" },
  });
  expect(res.status()).toBe(409);
});

test("a user changes their own password; other sessions end", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await createUser(admin, {
    username: "pw.changer",
    fullName: "Robin Ashgrove",
    role: "Trainer",
    password: "first password here",
  });

  const other = await signedIn(browser, "pw.changer", { password: "first password here" });
  const page = await signedIn(browser, "pw.changer", { password: "first password here" });
  const changePassword = async (current: string, next: string, again = next) => {
    await page.getByLabel("Current password").fill(current);
    await page.getByLabel("New password", { exact: true }).fill(next);
    await page.getByLabel("New password again").fill(again);
    await page.getByRole("button", { name: "Change password" }).click();
  };
  await page.getByRole("link", { name: "Change password" }).click();
  await expectAccessible(page);
  await changePassword("wrong password here", "second password here");
  await expect(page.getByRole("link", { name: "Your current password is not right" })).toBeVisible();
  await changePassword("first password here", "second password here", "second password heree");
  await expect(page.getByRole("link", { name: "The two new passwords do not match" })).toBeVisible();
  await expectAccessible(page);
  await changePassword("first password here", "second password here");
  await expect(page.getByText("Your password has been changed")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Scenarios and reviews" })).toBeVisible();

  await other.reload();
  await expect(other).toHaveURL(/\/sign-in/);
  await signOut(page);
  await signIn(page, "pw.changer", "second password here");
  await expect(page.getByRole("heading", { level: 1, name: "Scenarios and reviews" })).toBeVisible();
});

// Every role's pages on a 375 px phone: nothing makes the page itself wider than the screen (wide
// tables scroll in regions of their own). Read only: each page as the demo has it.
const PAGES_BY_ROLE = {
  officer: ["/", "/record", "/account/sessions", "/account/password", "/messages", "/scenarios/wing-safety"],
  manager: [
    "/reports",
    "/reports/matrix",
    "/reports/wings",
    "/reports/trend",
    "/reports/skills",
    "/reports/assignments",
    "/reports/exports",
    "/reports/target",
    "/reports/engagement",
    "/reports/observed",
    "/staff",
    "/staff/import",
  ],
  trainer: [
    "/studio",
    "/studio/modules",
    "/studio/modules/listening-on-the-landing",
    "/studio/modules/new",
    "/studio/modules/order",
    "/studio/modules/listening-on-the-landing/remove",
    "/studio/modules/listening-on-the-landing/details",
    "/studio/reviews",
    "/studio/wing-safety",
    "/studio/wing-safety/nodes",
    "/studio/wing-safety/publish",
    "/studio/wing-safety/history",
    "/studio/new",
    "/coaching",
    "/coaching/calibration",
  ],
  admin: ["/admin/users", "/admin/users/new", "/admin/prisons", "/admin/audit"],
};
for (const [role, paths] of Object.entries(PAGES_BY_ROLE))
  test(`the ${role}'s pages fit a 375 px phone and hydrate without an error`, async ({ page }) => {
    // A value from a .server module used in a page is undefined in the browser: the page then
    // hydrates to something else than the server sent ("NaN hours"), and React reports it.
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, role);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await page.waitForLoadState("networkidle");
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
    }
    expect(errors).toEqual([]);
  });

test("an address that names no page, under a real page or not, hydrates its Page not found without an error", async ({
  page,
}) => {
  // The browser's router matched /record/x to "My record" where the server matched nothing (404), so
  // React threw the server's page away and drew it again.
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("status of 404")) errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  await signIn(page, "officer");
  for (const path of ["/record/x", "/messages/x", "/no-such-page"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  expect(errors).toEqual([]);
  await expectAccessible(page);
});

test("an officer's training record, opened from the matrix, fits a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, "manager");
  await page.goto("/reports/matrix");
  await page.getByRole("region", { name: "Training matrix, scrolls sideways" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: /training record/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);
});

test("an officer's first module says its skills in plain words before their initials", async ({ page }) => {
  await signIn(page, "officer");
  await expect(
    page.getByText("Open questions, affirmations, reflections and summaries (OARS) in short wing conversations."),
  ).toBeVisible();
  await expectAccessibleAtBothWidths(page);
});
