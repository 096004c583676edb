import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { openDatabase } from "../../db/connection.server";
import { PROGRESS, PROGRESS_ORDER } from "../../app/domain/vocabulary";
import { statusRank } from "../../app/domain/reporting/aggregate";
import { monthLabel, monthOf } from "../../app/domain/dates.server";
import { insertAttempts, LISTENING_SCENARIOS, POOR_COUNTS } from "../support/attempts";
import {
  expectAccessible,
  expectAccessibleAtBothWidths,
  expectAccessibleWithoutJavaScript,
  signedIn,
  signIn,
  signOut,
} from "./support";
import { parseCsv } from "../support/csv";

// The e2e server's own database file (see playwright.config.ts), seeded here with attempts, a
// second prison and an officer whose name looks like a spreadsheet formula.
const port = Number(process.env.E2E_PORT || 3211);
const dbFile = fileURLToPath(new URL(`../results/e2e-${port}.sqlite`, import.meta.url));
const FORMULA_NAME = "=SUM(1+1)";
let otherPrison = 0;
let otherOfficer = 0;

test.beforeAll(async () => {
  const db = openDatabase({ engine: "sqlite", path: dbFile });
  try {
    if (await db.selectFrom("establishments").select("id").where("code", "=", "OTH").executeTakeFirst()) return;
    const now = new Date().toISOString();
    const hash = (
      await db
        .selectFrom("users")
        .select("password_hash")
        .where("username_key", "=", "manager")
        .executeTakeFirstOrThrow()
    ).password_hash;
    const demo = await db
      .selectFrom("users")
      .select(["establishment_id"])
      .where("username_key", "=", "manager")
      .executeTakeFirstOrThrow();
    const aWing = await db
      .selectFrom("units")
      .select("id")
      .where("establishment_id", "=", demo.establishment_id!)
      .where("name", "=", "A wing")
      .executeTakeFirstOrThrow();
    otherPrison = (
      await db
        .insertInto("establishments")
        .values({ code: "OTH", name: "HMP Elsewhere (test)", created_at: now })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const user = (
      username: string,
      display_name: string,
      role: "officer" | "manager",
      establishment_id: number,
      unit_id: number | null,
    ) => ({
      username,
      username_key: username,
      display_name,
      role,
      establishment_id,
      unit_id,
      password_hash: hash,
      active: true,
      created_at: now,
      updated_at: now,
    });
    await db
      .insertInto("users")
      .values(user("manager-other", "Other Manager", "manager", otherPrison, null))
      .execute();
    otherOfficer = (
      await db
        .insertInto("users")
        .values(user("officer-other", "Other Officer", "officer", otherPrison, null))
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto("users")
      .values(user("officer-formula", FORMULA_NAME, "officer", demo.establishment_id!, aWing.id))
      .execute();
    await insertAttempts(db, [
      ...LISTENING_SCENARIOS.map((scenarioId) => ({ username: "officer", scenarioId })),
      { username: "officer2", scenarioId: "wing-safety", mode: "practice" as const },
      { username: "officer3", scenarioId: "wing-safety", counts: POOR_COUNTS },
      { username: "officer-formula", scenarioId: "appeal-denial", mode: "practice" as const },
    ]);
  } finally {
    await db.destroy();
  }
});

async function ids() {
  if (otherPrison) return { otherPrison, otherOfficer };
  const db = openDatabase({ engine: "sqlite", path: dbFile });
  try {
    otherPrison = (
      await db.selectFrom("establishments").select("id").where("code", "=", "OTH").executeTakeFirstOrThrow()
    ).id;
    otherOfficer = (
      await db.selectFrom("users").select("id").where("username_key", "=", "officer-other").executeTakeFirstOrThrow()
    ).id;
    return { otherPrison, otherOfficer };
  } finally {
    await db.destroy();
  }
}

/** The matrix table as text: one array per officer row (name, wing, statuses). */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  height: number;
}

/** A chart's text at a size that can be read (a 12 px font draws about 14 px high), none cut off at the chart's edges, no two pieces over each other. */
function expectChartTextReadable(chart: Box, texts: (Box & { text: string })[], where: string) {
  for (const t of texts) {
    expect(t.height, `${where}: ${t.text}`).toBeGreaterThanOrEqual(14);
    expect(t.left, `${where}: ${t.text}`).toBeGreaterThanOrEqual(chart.left - 0.5);
    expect(t.right, `${where}: ${t.text}`).toBeLessThanOrEqual(chart.right + 0.5);
  }
  for (const [i, a] of texts.entries())
    for (const b of texts.slice(i + 1)) {
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      expect(overlap, `${where}: "${a.text}" over "${b.text}"`).toBe(false);
    }
}

async function matrixOnScreen(page: Page) {
  return page.locator("#matrix tbody tr").evaluateAll((rows) =>
    rows.map((r) =>
      [...r.querySelectorAll("th, td")].map((c) => {
        // Statuses only: due dates (shown when training is assigned) are not in the CSV's status columns.
        const cell = c.cloneNode(true) as Element;
        cell.querySelectorAll(".app-due").forEach((d) => d.remove());
        return (cell.textContent ?? "").trim();
      }),
    ),
  );
}

/** Active officers on a demo wing, by name, as the database has them. */
async function officersOn(wing: string) {
  const db = openDatabase({ engine: "sqlite", path: dbFile });
  try {
    return (
      await db
        .selectFrom("users")
        .innerJoin("units", "units.id", "users.unit_id")
        .select("users.display_name")
        .where("units.name", "=", wing)
        .where("users.role", "=", "officer")
        .where("users.active", "=", true)
        .execute()
    ).map((u) => u.display_name);
  } finally {
    await db.destroy();
  }
}

// How far on an officer's row is, by the rule the matrix sorts with (read back from the statuses' words).
const statusOf = new Map(PROGRESS_ORDER.map((s) => [PROGRESS[s].label, s]));
const rank = (row: string[]) => row.slice(2).reduce((n, label) => n + statusRank(statusOf.get(label)!), 0);

test("a manager filters the matrix by wing and downloads a CSV whose rows match the screen", async ({ page }) => {
  await signIn(page, "manager");
  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Training overview" })).toBeVisible();
  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Training matrix" }).click();
  await page.getByLabel("Wing").selectOption({ label: "A wing" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/wing=\d+/);
  const aWing = await officersOn("A wing");
  expect(aWing.length).toBeGreaterThan(12);
  // The caption says what the table is; the count is the results line's alone.
  await expect(page.locator("#matrix caption")).toHaveText("Each officer's status in each module");
  // The result is said and reached: focus leaves the button for the line saying what is shown.
  const results = page.locator("#matrix-results");
  await expect(results).toHaveText(`${aWing.length} officers shown, filtered by A wing`);
  await expect(results).toBeFocused();
  // Read the table once the filtered rows have replaced the unfiltered ones.
  await expect.poll(async () => (await matrixOnScreen(page)).map((r) => r[0]).sort()).toEqual([...aWing].sort());
  const screen = await matrixOnScreen(page);
  expect(new Set(screen.map((r) => r[1]))).toEqual(new Set(["A wing"]));
  expect(screen.find((r) => r[0] === "Sam Okafor")!.slice(2, 4)).toEqual(["Competent", "Not yet started"]);
  // Screen readers hear which column the rows are sorted by.
  const officerColumn = page.locator("#matrix").getByRole("columnheader", { name: "Officer" });
  await expect(officerColumn).toHaveAttribute("aria-sort", "ascending");
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download these officers as CSV" }).click(),
  ]);
  // The file says it is A wing's, not the whole prison's.
  expect(download.suggestedFilename()).toMatch(/^training-matrix-hmp-hollowbrook-demo-a-wing-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parseCsv(fs.readFileSync(await download.path(), "utf8"));
  expect(csv[0].slice(0, 2)).toEqual(["Officer", "Wing"]);
  // Same officers, wings and statuses, in the same order; the formula-looking name is neutralised.
  const fromCsv = csv.slice(1).map((r) => r.slice(0, screen[0].length));
  expect(fromCsv).toEqual(screen.map((r) => (r[0] === FORMULA_NAME ? [`'${FORMULA_NAME}`, ...r.slice(1)] : r)));

  // Sorted by progress, the furthest on come first; a status filter narrows the rows.
  await page.getByLabel("Sort by").selectOption("progress");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/sort=progress/);
  // No one column holds progress; the header losing its mark also says the sorted rows are on screen.
  await expect(officerColumn).not.toHaveAttribute("aria-sort");
  await expect(results).toHaveText(`${aWing.length} officers shown, filtered by A wing, sorted by progress`);
  await expect(results).toBeFocused();
  const sorted = (await matrixOnScreen(page)).map(rank);
  expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
  await page.getByLabel("Module").selectOption({ label: "Listening on the landing" });
  await page.getByLabel("Status").selectOption({ label: "Competent" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=competent/);
  // The address changes before the filtered rows arrive: read them once the table is the filtered one.
  await expect
    .poll(async () => {
      const rows = await matrixOnScreen(page);
      const shown = await results.textContent();
      return rows.every((r) => r[2] === "Competent") && shown?.startsWith(`${rows.length} officers shown`);
    })
    .toBe(true);
  const competent = await matrixOnScreen(page);
  expect(competent.length).toBeLessThan(aWing.length);
  expect(competent.map((r) => r[2])).toEqual(competent.map(() => "Competent"));
  expect(competent.map((r) => r[0])).toContain("Sam Okafor");
  await expect(results).toHaveText(
    `${competent.length} officers shown, filtered by A wing, Listening on the landing, Competent, sorted by progress`,
  );
  await expect(results).toBeFocused();

  // A forged filter gives a field error and an empty, labelled table, not an error page.
  const bad = await page.goto("/reports/matrix?status=heroic");
  expect(bad?.status()).toBe(200);
  await expect(page.getByRole("link", { name: "Choose a status from the list" })).toBeVisible();
  await expect(page.locator("#matrix caption")).toHaveText("No officers shown: correct the filters above");
  await expect(page.locator(".govuk-error-summary")).toBeFocused();
});

test("without JavaScript, applying the matrix filters lands on the line saying what is shown", async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(page, "manager");
  await page.goto("/reports/matrix");
  await page.getByLabel("Wing").selectOption({ label: "B wing" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/wing=\d+.*#matrix-results$/);
  const bWing = await officersOn("B wing");
  await expect(page.locator("#matrix-results")).toHaveText(
    `${bWing.length} officer${bWing.length === 1 ? "" : "s"} shown, filtered by B wing`,
  );
  await expect(page.locator("#matrix-results")).toBeInViewport();
  await page.context().close();
});

test("a manager records engagement figures and a target and sees them on the overview", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/reports/engagement");
  await expectAccessible(page);
  // London's month, as the overview counts months, typed as month and year: a year left out is outlined alone.
  const month = monthOf(new Date());
  const figuresMonth = page.getByRole("group", { name: "Month the figures are for" });
  await figuresMonth.getByLabel("Month").fill(String(Number(month.slice(5))));
  await page.getByLabel("Men eligible for programmes").fill("575");
  await page.getByLabel("Men refusing or not engaging").fill("600");
  await page.getByRole("button", { name: "Save figures" }).click();
  await expect(
    page.getByRole("link", { name: "The number refusing or not engaging must not be more than the number eligible" }),
  ).toBeVisible();
  await expect(
    page.locator(".govuk-error-summary").getByRole("link", { name: "The month must include a year" }),
  ).toHaveAttribute("href", "#field-monthYear");
  await expect(figuresMonth.getByLabel("Year")).toHaveClass(/govuk-input--error/);
  await expect(figuresMonth.getByLabel("Month")).not.toHaveClass(/govuk-input--error/);
  await expectAccessible(page);
  await figuresMonth.getByLabel("Year").fill(month.slice(0, 4));
  await page.getByLabel("Men refusing or not engaging").fill("252");
  await page.getByRole("button", { name: "Save figures" }).click();
  await expect(page.getByText(/Figures for .* saved/)).toBeVisible();
  const monthName = monthLabel(month);
  await expect(page.getByRole("row", { name: new RegExp(`^${monthName} 575 252 44%$`) })).toBeVisible();

  await page.goto("/reports/target");
  await expectAccessible(page);
  await page.getByLabel("Target percentage of officers").fill("50");
  // The target date is typed as day, month and year: a wrong month is outlined alone, and nothing is saved.
  const targetDate = page.getByRole("group", { name: "Target date" });
  const year = String(new Date().getUTCFullYear() + 1);
  await targetDate.getByLabel("Day").fill("31");
  await targetDate.getByLabel("Month").fill("Marhc");
  await targetDate.getByLabel("Year").fill(year);
  await page.getByRole("button", { name: "Save target" }).click();
  const wrongMonth = page
    .locator(".govuk-error-summary")
    .getByRole("link", { name: "The target date must be a real date" });
  await expect(wrongMonth).toHaveAttribute("href", "#field-dateMonth");
  await expect(targetDate).toContainText("Error: The target date must be a real date");
  await expect(targetDate.getByLabel("Month")).toHaveClass(/govuk-input--error/);
  await expect(targetDate.getByLabel("Day")).not.toHaveClass(/govuk-input--error/);
  await expect(targetDate.getByLabel("Day")).toHaveValue("31");
  await expect(page.getByLabel("Target percentage of officers")).toHaveValue("50");
  await expectAccessible(page);
  await wrongMonth.click();
  await expect(targetDate.getByLabel("Month")).toBeFocused();
  await targetDate.getByLabel("Month").fill("3");
  await page.getByRole("button", { name: "Save target" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Training overview" })).toBeVisible();
  await expect(
    page.getByText(`Target saved: 50% of officers competent in every module by 31 March ${year}.`),
  ).toBeVisible();
  await expect(page.locator("#target-status")).toHaveText(/^(On course|Behind by \d+ officers?)/);
  const row = page.locator("#engagement-table tbody tr").last();
  await expect(row).toContainText("575");
  await expect(row).toContainText("252");
  await expect(row).toContainText("44%");
  await expect(page.getByText("These lines show association, not cause")).toBeVisible();
  await expect(page.locator("svg[role=img]").first()).toBeVisible();
  await expectAccessible(page);

  // The saved date is shown back in the fields.
  await page.goto("/reports/target");
  await expect(targetDate.getByLabel("Day")).toHaveValue("31");
  await expect(targetDate.getByLabel("Month")).toHaveValue("3");
  await expect(targetDate.getByLabel("Year")).toHaveValue(year);

  await page.goto("/");
  await expect(page.getByText(/50% competent by/)).toBeVisible();
  await expectAccessible(page);
});

test("every report page is accessible, and opening an officer's record is audited", async ({ page }) => {
  // Every report page, each checked by axe: 39 s of the usual 60 on a quiet CI machine.
  test.setTimeout(150_000);
  await signIn(page, "manager");
  for (const [path, heading] of [
    ["/reports/wings", "By wing"],
    ["/reports/skills", "Skills"],
    ["/reports/trend", "Trend"],
    ["/reports/exports", "Exports"],
    ["/reports/matrix", "Training matrix"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
  }
  await page.goto("/reports/wings");
  await expect(page.getByRole("cell", { name: "fewer than 5" }).first()).toBeVisible();
  // Charts count whole officers (or whole percentages), on every chart with figures.
  for (const path of ["/reports", "/reports/trend"]) {
    await page.goto(path);
    const ticks = await page.locator(".app-chart__tick").allTextContents();
    expect(ticks.length, path).toBeGreaterThan(1);
    for (const t of ticks) expect(t, path).toMatch(/^\d+%?$/);
  }
  // Sam Okafor's wing, so other specs' officers (on no wing) cannot push him onto a second page.
  await page.goto("/reports/matrix");
  await page.getByLabel("Wing").selectOption({ label: "A wing" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/wing=\d+/);
  await page.getByRole("link", { name: "Sam Okafor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sam Okafor: training record" })).toBeVisible();
  await expect(page.getByText("Reflection-to-question ratio").first()).toBeVisible();
  await expectAccessible(page);
});

for (const javaScriptEnabled of [true, false]) {
  test(`a manager filters the exports by dates typed as day, month and year (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const page = await signedIn(browser, "manager", { javaScriptEnabled });
    await page.goto("/reports/exports");
    const from = page.getByRole("group", { name: "Date from" });
    const to = page.getByRole("group", { name: "Date to" });
    await expect(from).toContainText("For example, 27 3 2026");
    await from.getByLabel("Day").fill("31");
    await from.getByLabel("Month").fill("2");
    await from.getByLabel("Year").fill("2026");
    await to.getByLabel("Day").fill("1");
    await to.getByLabel("Year").fill("2026");
    await page.getByRole("button", { name: "Apply filters" }).click();

    // Each problem in the error summary, linked to the first field to correct; what was typed is kept.
    const summary = page.locator(".govuk-error-summary");
    await expect(summary.getByRole("link", { name: "Date from must be a real date" })).toHaveAttribute(
      "href",
      "#field-fromDay",
    );
    const month = summary.getByRole("link", { name: "Date to must include a month" });
    await expect(month).toHaveAttribute("href", "#field-toMonth");
    await expect(from).toContainText("Error: Date from must be a real date");
    await expect(from.getByLabel("Day")).toHaveValue("31");
    await expect(from.getByLabel("Month")).toHaveValue("2");
    await expect(to.getByLabel("Year")).toHaveValue("2026");
    // Only the fields with the problem are highlighted.
    await expect(from.getByLabel("Day")).toHaveClass(/govuk-input--error/);
    await expect(from.getByLabel("Month")).not.toHaveClass(/govuk-input--error/);
    await expect(to.getByLabel("Month")).toHaveClass(/govuk-input--error/);
    await expect(to.getByLabel("Day")).not.toHaveClass(/govuk-input--error/);
    await expect(page.getByText("Correct the filters to download.")).toBeVisible();
    if (javaScriptEnabled) {
      await expectAccessibleAtBothWidths(page);
      await month.click();
      await expect(to.getByLabel("Month")).toBeFocused();
    } else
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 800 });
        await expectAccessibleWithoutJavaScript(page);
      }

    await from.getByLabel("Day").fill("1");
    await from.getByLabel("Month").fill("3");
    await to.getByLabel("Day").fill("31");
    await to.getByLabel("Month").fill("march");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(summary).toHaveCount(0);
    const download = page.getByRole("link", { name: "Download attempts as CSV" });
    const href = (await download.getAttribute("href"))!;
    expect(new URL(href, page.url()).searchParams.get("toMonth")).toBe("march");
    expect((await page.request.get(href)).status()).toBe(200);

    // A link from before the date fields still filters, and its dates show in the fields.
    await page.goto("/reports/exports?from=2026-03-01&to=2026-03-31");
    await expect(summary).toHaveCount(0);
    await expect(from.getByLabel("Day")).toHaveValue("1");
    await expect(from.getByLabel("Month")).toHaveValue("3");
    await expect(to.getByLabel("Day")).toHaveValue("31");
    const old = await page.request.get("/reports/exports/attempts.csv?from=2026-03-02&to=2026-03-01");
    expect(old.status()).toBe(400);
    expect(await old.text()).toContain("Date to must be the same as or after date from");
    await page.context().close();
  });
}

test("the exports page tells a manager in plain words that sending to a learning record store is not set up", async ({
  browser,
}) => {
  const manager = await signedIn(browser, "manager");
  await manager.goto("/reports/exports");
  const main = manager.locator("main");
  await expect(main).toContainText(
    "Sending finished attempts to a learning record store is not set up. Your Engage administrator can set it up.",
  );
  await expect(main).not.toContainText("LRS_");
  await expect(main).not.toContainText("YYYY");
  await expect(manager.getByText("How to set it up")).toHaveCount(0);

  // The administrator, who has it set up, is told how, out of the way until asked.
  const admin = await signedIn(browser, "admin");
  await admin.goto("/reports/exports");
  await expect(admin.locator("main")).toContainText(
    "Sending finished attempts to a learning record store is not set up.",
  );
  await expect(admin.locator("main")).not.toContainText("Your Engage administrator can set it up");
  const details = admin.locator("details", { hasText: "How to set it up" });
  await expect(details.getByText(/LRS_ENDPOINT/)).toBeHidden();
  await details.getByText("How to set it up").click();
  await expect(details.getByText(/LRS_ENDPOINT/)).toBeVisible();
  await expectAccessibleAtBothWidths(admin);
  await manager.context().close();
  await admin.context().close();
});

test("an admin sees the audit row and switches prisons", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/reports/matrix");
  // Prisons are listed by name, so the admin starts on the test prison and switches.
  await page.getByLabel("Prison").selectOption({ label: "HMP Hollowbrook (demo)" });
  await page.getByRole("button", { name: "Change prison" }).click();
  await page.getByRole("link", { name: "Priya Lindqvist" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Priya Lindqvist: training record" })).toBeVisible();
  await page.goto("/admin/audit");
  await expect(page.getByText("Alex Rowan opened Priya Lindqvist’s training record").first()).toBeVisible();
  const { otherPrison } = await ids();
  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await page.getByLabel("Prison").selectOption({ label: "HMP Elsewhere (test)" });
  await page.getByRole("button", { name: "Change prison" }).click();
  await expect(page).toHaveURL(new RegExp(`prison=${otherPrison}`));
  await expect(page.locator(".govuk-caption-l")).toHaveText("HMP Elsewhere (test)");
  await expect(page.getByText("1 officer in post")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Training matrix" }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/matrix\\?prison=${otherPrison}`));
  await expect(page.locator("#matrix-results")).toHaveText("1 officer shown");
});

test("a manager gets 404 for another prison's pages, officers and exports, by address or forged form field", async ({
  page,
}) => {
  const { otherPrison, otherOfficer } = await ids();
  await signIn(page, "manager");
  for (const path of [
    `/reports?prison=${otherPrison}`,
    `/reports/matrix?prison=${otherPrison}`,
    `/reports/officers/${otherOfficer}`,
    `/reports/exports/matrix.csv?prison=${otherPrison}`,
    `/reports/exports/attempts.csv?prison=${otherPrison}`,
    `/reports/exports/statements.json?prison=${otherPrison}`,
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
  const forged = await page.request.post("/reports/engagement", {
    form: { prison: String(otherPrison), month: "2026-01", eligible: "10", notEngaging: "1" },
  });
  expect(forged.status()).toBe(404);
  const forgedTarget = await page.request.post("/reports/target", {
    form: { prison: String(otherPrison), percent: "10", date: "2099-01-01" },
  });
  expect(forgedTarget.status()).toBe(404);
  const response = await page.goto(`/reports/officers/${otherOfficer}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("officers and trainers get 403 on every report and export", async ({ page }) => {
  for (const username of ["officer4", "trainer"]) {
    await signIn(page, username);
    for (const path of [
      "/reports",
      "/reports/matrix",
      "/reports/wings",
      "/reports/skills",
      "/reports/trend",
      "/reports/engagement",
      "/reports/target",
      "/reports/exports",
      "/reports/officers/1",
      "/reports/exports/matrix.csv",
      "/reports/exports/attempts.csv",
      "/reports/exports/statements.json",
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), `${username} ${path}`).toBe(403);
    }
    const post = await page.request.post("/reports/engagement", {
      form: { month: "2026-01", eligible: "10", notEngaging: "1" },
    });
    expect(post.status()).toBe(403);
    await page.goto("/reports");
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expectAccessible(page);
    await signOut(page);
  }
});

test("wide report tables fit a laptop screen, and scroll with their first column in view on a phone", async ({
  page,
}) => {
  // Two pages at two widths, each checked by axe: 31 s of the usual 60 on a quiet CI machine.
  test.setTimeout(150_000);
  await signIn(page, "manager");
  for (const [path, region] of [
    ["/reports/matrix", "Training matrix, scrolls sideways"],
    ["/reports/wings", "Completion and competency by wing, scrolls sideways"],
  ] as const) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(path);
    const scroller = page.getByRole("region", { name: region });
    // Every module fits across at 1,280 px: nothing hidden off to the side.
    expect(await scroller.evaluate((e) => e.scrollWidth - e.clientWidth), path).toBeLessThanOrEqual(1);
    await expectAccessible(page);

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(path);
    const firstCell = scroller.locator("tbody tr").first().locator("th");
    const before = (await firstCell.boundingBox())!;
    await scroller.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
    // Chromium scrolls smoothly: the arrows' scrolling may still be under way when the keys are sent.
    await expect.poll(() => scroller.evaluate((e) => e.scrollLeft), { message: path }).toBeGreaterThan(0);
    // The row's name stays where it was while the figures move under it.
    expect((await firstCell.boundingBox())!.x, path).toBeCloseTo(before.x, 0);
    await expectAccessible(page);
  }
});

test("the wing chart reads on a phone and on a laptop: each wing's name above its bars, which use the full width", async ({
  page,
}) => {
  await signIn(page, "manager");
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/reports/wings");
    const wings = (await page.locator("#by-wing thead th").allTextContents()).slice(1);
    const chart = page.getByRole("img", { name: /whole programme, by wing/ });
    const layout = await chart.evaluate((svg, wingNames) => {
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height };
      };
      const texts = [...svg.querySelectorAll("text")].map((t) => ({ text: t.textContent ?? "", ...box(t) }));
      return {
        svg: box(svg),
        texts,
        labels: texts.filter((t) => wingNames.includes(t.text)),
        bars: [...svg.querySelectorAll("rect")].map(box).filter((b) => b.right - b.left > 0),
      };
    }, wings);
    const where = `${width} px`;
    expect(layout.svg.right, where).toBeLessThanOrEqual(width);
    expect(layout.labels.map((l) => l.text).sort(), where).toEqual([...wings].sort());
    expect(layout.bars.length, where).toBeGreaterThan(0);
    expectChartTextReadable(layout.svg, layout.texts, where);
    // Each wing's name on a line of its own above its bars, and the bars start at the chart's left edge.
    for (const l of layout.labels)
      expect(
        layout.bars.some((b) => b.top < l.bottom && l.top < b.bottom),
        `${where}: ${l.text} beside a bar`,
      ).toBe(false);
    expect(Math.min(...layout.bars.map((b) => b.left)), where).toBeCloseTo(layout.svg.left, 0);
    await chart.screenshot({ path: test.info().outputPath(`wing-chart-${width}.png`) });
    await expectAccessible(page);
  }
});

test("the line charts read on a phone and on a laptop: their text the size it says, none cut off or over other text", async ({
  page,
}) => {
  await signIn(page, "manager");
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ["/reports/trend", "/reports"]) {
      await page.goto(path);
      const charts = page.locator("figure.app-chart:has(polyline)");
      // The trend always has its chart here; the overview's (target, engagement) once another test records them.
      if (path === "/reports/trend") await expect(charts).toHaveCount(1);
      for (const [n, figure] of (await charts.all()).entries()) {
        const layout = await figure.evaluate((fig) => {
          const box = (e: Element) => {
            const r = e.getBoundingClientRect();
            return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height };
          };
          const svg = fig.querySelector("svg[role=img]")!;
          return {
            svg: box(svg),
            name: svg.querySelector("title")?.textContent ?? "",
            description: svg.querySelector("desc")?.textContent ?? "",
            texts: [...svg.querySelectorAll("text")]
              .filter((t) => getComputedStyle(t).display !== "none")
              .map((t) => ({ text: t.textContent ?? "", ...box(t) })),
            legend: [...fig.querySelectorAll("figcaption li")].map((li) => ({
              text: li.textContent?.trim() ?? "",
              fontSize: parseFloat(getComputedStyle(li).fontSize),
              dashed: li.querySelector("line")?.getAttribute("stroke-dasharray") ?? "",
            })),
          };
        });
        const where = `${path} at ${width} px: ${layout.name}`;
        expect(layout.name, where).not.toBe("");
        expect(layout.description, where).toMatch(/same figures are in the table/);
        expect(layout.svg.right, where).toBeLessThanOrEqual(width);
        // The value axis and at least the first and last months named along the bottom.
        expect(layout.texts.length, where).toBeGreaterThanOrEqual(4);
        expectChartTextReadable(layout.svg, layout.texts, where);
        // The legend: page-sized text, and every series after the first told apart by its dashes too.
        expect(layout.legend.length, where).toBeGreaterThan(1);
        for (const [i, l] of layout.legend.entries()) {
          expect(l.fontSize, `${where}: ${l.text}`).toBeGreaterThanOrEqual(14);
          if (i > 0) expect(l.dashed, `${where}: ${l.text}`).not.toBe("");
        }
        await figure.screenshot({
          path: test.info().outputPath(`line-chart-${path.split("/").at(-1)}-${n}-${width}.png`),
        });
      }
      await expectAccessible(page);
    }
  }
});

test("every sideways-scrolling report table is named after its own table, keeps its first column, and shows an edge", async ({
  page,
}) => {
  await signIn(page, "manager");
  await page.setViewportSize({ width: 375, height: 800 });
  for (const [path, regions] of [
    ["/reports/skills", ["Reflection-to-question ratio", "Complex reflections"]],
    ["/reports/observed", ["The transfer gap", "Officers"]],
  ] as const) {
    await page.goto(path);
    for (const name of regions) {
      const scroller = page.getByRole("region", { name: `${name}, scrolls sideways`, exact: true });
      await expect(scroller, path).toHaveCount(1);
      const first = scroller.locator("tr").first().locator(":scope > *").first();
      expect(await first.evaluate((e) => getComputedStyle(e).position), name).toBe("sticky");
      // Phones hide scroll bars: a shadow at the right edge says more columns lie beyond it.
      expect(await scroller.evaluate((e) => getComputedStyle(e).backgroundImage), name).toContain("radial-gradient");
    }
    await expectAccessible(page);
  }
});

test("an officer's record scrolls sideways on a phone with each attempt's date in view", async ({ page }) => {
  // The demo officer with the longest record (the published sign-ins start with none).
  const db = openDatabase({ engine: "sqlite", path: dbFile });
  const busiest = await db
    .selectFrom("attempts")
    .innerJoin("users", "users.id", "attempts.officer_id")
    .select(["users.username", (eb) => eb.fn.countAll<number>().as("n")])
    .where("users.active", "=", true)
    .groupBy("users.username")
    .orderBy("n", "desc")
    .executeTakeFirstOrThrow()
    .finally(() => db.destroy());
  await signIn(page, busiest.username);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/record");
    const scroller = page.getByRole("region", { name: "Practice and assessments, scrolls sideways" });
    await expect(scroller.getByRole("rowheader")).toHaveCount(Number(busiest.n));
    // One heading says what the table holds: its caption is for screen readers, not a second heading.
    await expect(page.getByRole("heading", { name: "Practice and assessments" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Practice and assessments" })).toBeVisible();
    await expect(scroller.locator("caption")).toHaveClass(/govuk-visually-hidden/);
    await expect(page.getByText("Your attempts")).toHaveCount(0);
    // Nothing makes the page itself wider than the screen: the table scrolls in its own region.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `at ${width}`).toBeLessThanOrEqual(width);
    await expectAccessible(page);
  }
  const firstDate = page
    .getByRole("region", { name: "Practice and assessments, scrolls sideways" })
    .getByRole("rowheader")
    .first();
  const before = (await firstDate.boundingBox())!;
  await page.getByRole("region", { name: "Practice and assessments, scrolls sideways" }).focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
  // Chromium scrolls smoothly: the arrows' scrolling may still be under way when the keys are sent.
  await expect
    .poll(() =>
      page.getByRole("region", { name: "Practice and assessments, scrolls sideways" }).evaluate((e) => e.scrollLeft),
    )
    .toBeGreaterThan(0);
  expect((await firstDate.boundingBox())!.x).toBeCloseTo(before.x, 0);
});

test("the manager's home and the overview show uptake per module, readable at 1,280 px and on a phone", async ({
  page,
}) => {
  await signIn(page, "manager");
  for (const path of ["/", "/reports"]) {
    await page.goto(path);
    const uptake = page.getByRole("table", { name: "Uptake by module" });
    await expect(uptake.getByRole("columnheader", { name: "Started" })).toBeVisible();
    await expect(uptake.getByRole("columnheader", { name: "In progress" })).toBeVisible();
    const listening = uptake.getByRole("row", { name: /^Listening on the landing/ });
    await expect(listening.getByRole("cell").first()).toHaveText(/^\d+% \(\d+ of \d+\)$/);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      // Nothing makes the page itself wider than the screen: wide tables scroll in their own region.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `${path} at ${width}`,
      ).toBeLessThanOrEqual(width);
      await expectAccessible(page);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});
