// Playing scenarios in e2e tests. Options are shuffled per attempt, so the tests read the current
// node id from the page and pick options by their text from the scenario's YAML, never by order.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, type Page } from "@playwright/test";
import SQLite from "better-sqlite3";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../..", import.meta.url));

interface Choice {
  id: string;
  say: string;
  mi: string;
}
interface Node {
  prisoner: string;
  choices?: Choice[];
  write?: { prompt: string };
  ending?: { outcome: string; label: string };
}
export interface ScenarioFile {
  id: string;
  title: string;
  persona: { name: string };
  start: string;
  nodes: Record<string, Node>;
}

export function scenarioFile(id: string): ScenarioFile {
  return parse(fs.readFileSync(`${root}scenarios/${id}.yaml`, "utf8")) as ScenarioFile;
}

/** The e2e server's database, read-only, for checking what was recorded. */
export function e2eDatabase() {
  const port = Number(process.env.E2E_PORT || 3211);
  return new SQLite(`${root}test/results/e2e-${port}.sqlite`, { readonly: true, fileMustExist: true });
}

/** How many attempts officers have made at a scenario (a trainer's preview makes none). */
export function attemptsAt(scenarioId: string): number {
  const db = e2eDatabase();
  try {
    return (db.prepare("select count(*) as n from attempts where scenario_id = ?").get(scenarioId) as { n: number }).n;
  } finally {
    db.close();
  }
}

export async function currentNodeId(page: Page): Promise<string> {
  return (await page.locator('input[name="nodeId"]').getAttribute("value"))!;
}
// Short timeout: after the last step the page becomes the review, which has no such field, and the
// caller checks again rather than waiting for ever.
export async function rowVersion(page: Page): Promise<string | null> {
  return page
    .locator('input[name="rowVersion"]')
    .getAttribute("value", { timeout: 2_000 })
    .catch(() => null);
}

/** A good-practice path: reflections first, then other MI-consistent responses. */
export const GOOD = [
  "complex_reflection",
  "simple_reflection",
  "affirm",
  "emphasizing_autonomy",
  "seeking_collaboration",
  "open_question",
  "persuade_with_permission",
  "giving_information",
  "closed_question",
  "persuade",
  "confront",
];

export function pick(node: Node, preference: string[] = GOOD): Choice {
  return [...node.choices!].sort((a, b) => preference.indexOf(a.mi) - preference.indexOf(b.mi))[0];
}

/** The officer chooses what to say (by its words) and says it. */
export async function say(page: Page, words: string) {
  const option = page.getByLabel(words, { exact: true });
  await option.check();
  await expect(option).toBeChecked();
  await page.getByRole("button", { name: "Say this" }).click();
}

/** The officer writes their own reply at a written-reply node and sends it. */
export async function writeReply(page: Page, reply: string, prompt = "Write what you would say next.") {
  await page.getByLabel(prompt).fill(reply);
  await page.getByRole("button", { name: "Send reply" }).click();
}

/** Submits the current node's response and waits until the page shows the next node or the review. */
export async function respond(
  page: Page,
  scenario: ScenarioFile,
  opts: { preference?: string[]; reply?: string } = {},
) {
  const nodeId = await currentNodeId(page);
  const before = await rowVersion(page);
  const node = scenario.nodes[nodeId];
  let said: string;
  if (node.write) {
    said = opts.reply ?? "It sounds like you want to know what you're walking into before you say anything.";
    await writeReply(page, said, node.write.prompt);
  } else {
    said = pick(node, opts.preference).say;
    await say(page, said);
  }
  await expect(async () => {
    if (/\/review/.test(page.url())) return;
    expect(await rowVersion(page)).not.toBe(before);
  }).toPass({ timeout: 20_000 });
  return { nodeId, node, said };
}

/** Plays from wherever the attempt is to its review page. */
export async function playToEnd(
  page: Page,
  scenario: ScenarioFile,
  opts: { preference?: string[]; onStep?: (step: { nodeId: string }) => Promise<void> } = {},
) {
  for (let i = 0; i < 60; i++) {
    if (/\/review/.test(page.url())) return;
    const step = await respond(page, scenario, opts);
    await opts.onStep?.(step);
  }
  throw new Error(`${scenario.id}: no ending after 60 steps`);
}

export async function startScenario(page: Page, scenarioTitle: string, mode: "practice" | "assessment") {
  await page.goto("/");
  await page.getByRole("link", { name: scenarioTitle, exact: true }).click();
  await page.getByRole("button", { name: mode === "practice" ? "Start practice" : "Start assessment" }).click();
  await expect(page).toHaveURL(/\/attempts\/[A-Za-z0-9_-]{22}$/);
}
