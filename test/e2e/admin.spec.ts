// The audit log as an admin reads it: what people did, in words, with the raw record a click away;
// filtered by days and by person; downloaded as CSV, which is itself written to the log.
import fs from "node:fs";
import http from "node:http";
import { expect, test, type Request } from "@playwright/test";
import { parseCsv } from "../support/csv";
import {
  createUser,
  expectAccessible,
  expectAccessibleAtBothWidths,
  expectAccessibleWithoutJavaScript,
  signedIn,
  signIn,
  signOut,
} from "./support";

test("an admin reads the audit log in words, filters it by days and person, and downloads it", async ({ page }) => {
  // Something to find: the manager opens an officer's record.
  await signIn(page, "manager");
  await page.goto("/staff");
  await page.getByRole("link", { name: "Jo Marchetti" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jo Marchetti: training record" })).toBeVisible();
  await signOut(page);

  await signIn(page, "admin");
  await page.goto("/admin/audit");
  const opened = page.getByRole("row").filter({ hasText: "Chris Pemberton opened Jo Marchetti’s training record" });
  await expect(opened.first()).toBeVisible();
  await opened.first().getByText("Raw record").click();
  await expect(opened.first().getByText("record.viewed")).toBeVisible();
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  const [year, month, day] = new Date().toISOString().slice(0, 10).split("-");
  for (const name of ["Date from", "Date to"]) {
    const date = page.getByRole("group", { name });
    await date.getByLabel("Day").fill(day);
    await date.getByLabel("Month").fill(month);
    await date.getByLabel("Year").fill(year);
  }
  await page.getByLabel("Person").fill("marchetti");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/person=marchetti/);
  const rows = page.locator("table.app-audit tbody tr");
  await expect(rows.first()).toContainText("Jo Marchetti");
  for (const text of await rows.allTextContents()) expect(text).toContain("Jo Marchetti");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /^Download (these [\d,]+ events|this event) as CSV$/ }).click(),
  ]);
  const csv = parseCsv(fs.readFileSync(await download.path(), "utf8"));
  expect(csv[0].slice(0, 3)).toEqual(["When", "Time (UTC, ISO 8601)", "What happened"]);
  expect(csv.slice(1).map((r) => r[2])).toContain("Chris Pemberton opened Jo Marchetti’s training record");
  await page.goto("/admin/audit?action=export.");
  await expect(page.getByText(/Alex Rowan downloaded the audit log as CSV \(\d+ events?\)/).first()).toBeVisible();

  // Days the wrong way round, in a link from before the date inputs: a message, and no events.
  await page.goto("/admin/audit?from=2026-03-02&to=2026-03-01");
  await expect(page.getByRole("link", { name: "Date to must be the same as or after date from" })).toBeVisible();
  await expect(page.locator("table.app-audit caption")).toHaveText("No events shown: correct the filters above");
  await expect(page.getByRole("group", { name: "Date from" }).getByLabel("Day")).toHaveValue("2");
  await expectAccessible(page);

  // 31 February and a missing month: each on the field to correct, only those outlined, no events.
  const from = page.getByRole("group", { name: "Date from" });
  const to = page.getByRole("group", { name: "Date to" });
  await from.getByLabel("Day").fill("31");
  await from.getByLabel("Month").fill("2");
  await from.getByLabel("Year").fill("2026");
  await to.getByLabel("Month").fill("");
  await page.getByRole("button", { name: "Filter" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: "Date from must be a real date" })).toHaveAttribute(
    "href",
    "#field-fromDay",
  );
  await expect(summary.getByRole("link", { name: "Date to must include a month" })).toHaveAttribute(
    "href",
    "#field-toMonth",
  );
  await expect(from.getByLabel("Day")).toHaveClass(/govuk-input--error/);
  await expect(from.getByLabel("Month")).not.toHaveClass(/govuk-input--error/);
  await expect(to.getByLabel("Month")).toHaveClass(/govuk-input--error/);
  await expect(to.getByLabel("Year")).not.toHaveClass(/govuk-input--error/);
  await expect(page.locator("table.app-audit caption")).toHaveText("No events shown: correct the filters above");
  await expectAccessibleAtBothWidths(page);
});

test("a manager's staff page links each officer to their record, a page at a time", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/staff");
  await expect(page.locator("caption")).toHaveText(/^\d+ staff$/);
  await page.getByRole("link", { name: "Sam Okafor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sam Okafor: training record" })).toBeVisible();
  await page.goto("/staff");
  // The trainer has no training record: their name is not a link.
  await expect(page.getByRole("cell", { name: "Morgan Ellery" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Morgan Ellery" })).toHaveCount(0);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
  }
});

/**
 * Sends a form the browser was sending, the slow way: its first byte, then (once `meanwhile` is done) the rest.
 * Engage checks who is asking before it reads the form, so `meanwhile` happens after that check and before the
 * change: the moment of a race, made on purpose.
 */
async function sendSlowly(request: Request, meanwhile: () => Promise<void>) {
  const body = request.postDataBuffer() ?? Buffer.alloc(0);
  const headers = { ...(await request.allHeaders()), "content-length": String(body.length) };
  return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
    const sent = http.request(request.url(), { method: request.method(), headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const answer: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers))
          if (value !== undefined) answer[name] = [value].flat().join("\n");
        resolve({ status: response.statusCode!, headers: answer, body: Buffer.concat(chunks) });
      });
    });
    sent.on("error", reject);
    sent.write(body.subarray(0, 1));
    // Time for Engage to check who is asking; then the other administrator acts, then the form arrives.
    setTimeout(() => {
      meanwhile().then(() => sent.end(body.subarray(1)), reject);
    }, 500);
  });
}

for (const javaScriptEnabled of [true, false]) {
  const js = javaScriptEnabled ? "on" : "off";
  test(`an administrator deactivated while their change is on its way is told nothing changed (JavaScript ${js})`, async ({
    browser,
  }) => {
    const alex = await signedIn(browser, "admin");
    const password = "harbour lantern pebble";
    await createUser(alex, { username: `ana.${js}`, fullName: "Ana Lindqvist", role: "Administrator", password });
    const anaPage = alex.url();
    await createUser(alex, { username: `kit.${js}`, fullName: "Kit Doran", role: "Trainer", password });
    const kitPage = new URL(alex.url()).pathname;

    const ana = await signedIn(browser, `ana.${js}`, { password, javaScriptEnabled });
    await ana.getByLabel("Current password").fill(password);
    await ana.getByLabel("New password", { exact: true }).fill("marmalade compass drizzle");
    await ana.getByLabel("New password again").fill("marmalade compass drizzle");
    await ana.getByRole("button", { name: "Change password" }).click();
    await expect(ana.getByText("Your password has been changed.")).toBeVisible();
    await ana.goto(kitPage);

    // Ana deactivates Kit; as her form arrives, Alex deactivates Ana.
    await ana.route(
      (url) => url.pathname.startsWith(kitPage),
      async (route) => {
        if (route.request().method() !== "POST") return route.continue();
        const answer = await sendSlowly(route.request(), async () => {
          await alex.goto(anaPage);
          await alex.getByRole("button", { name: "Deactivate Ana Lindqvist" }).click();
          await expect(alex.getByText("Ana Lindqvist is deactivated and has been signed out.")).toBeVisible();
        });
        await route.fulfill(answer);
      },
    );
    await ana.getByRole("button", { name: "Deactivate Kit Doran" }).click();

    await expect(ana).toHaveURL(/\/sign-in$/);
    await expect(ana.getByRole("region", { name: "Important" })).toContainText(
      "Your administrator access was removed while you were making this change. Nothing was changed.",
    );
    await expect(ana.getByRole("heading", { level: 1, name: "Sign in to Engage" })).toBeVisible();
    if (javaScriptEnabled) await expectAccessibleAtBothWidths(ana);
    else
      for (const width of [1280, 375]) {
        await ana.setViewportSize({ width, height: 800 });
        await expectAccessibleWithoutJavaScript(ana);
      }
    await alex.goto(kitPage);
    await expect(alex.getByRole("button", { name: "Deactivate Kit Doran" })).toBeVisible();
  });
}
