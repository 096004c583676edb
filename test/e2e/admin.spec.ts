// The audit log as an admin reads it: what people did, in words, with the raw record a click away;
// filtered by days and by person; downloaded as CSV, which is itself written to the log.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { parseCsv } from "../support/csv";
import { expectAccessible, signIn, signOut } from "./support";

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

  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From").fill(today);
  await page.getByLabel("To").fill(today);
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

  // Days the wrong way round: a message, and no events.
  await page.goto("/admin/audit?from=2026-03-02&to=2026-03-01");
  await expect(
    page.getByRole("link", { name: "The last day must be the same as or after the first day" }),
  ).toBeVisible();
  await expect(page.locator("table.app-audit caption")).toHaveText("No events shown: correct the filters above");
  await expectAccessible(page);
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
