// A trainer's steps in the studio, in the words on the screen: the wizard, the YAML editor and
// publishing. Specs check what each page shows between the steps.
import { expect, type Page } from "@playwright/test";
import { rewriteExamples } from "../support/studio";

interface AboutTheScenario {
  title: string;
  module: { label: string } | { index: number };
  personaName: string;
  background: string;
  talk?: string;
  topic: string;
}

/** The wizard's first step, filled in (the caller continues, so it can check the step first). */
export async function describeScenario(page: Page, about: AboutTheScenario) {
  await page.getByLabel("Title officers see").fill(about.title);
  await page.getByLabel("Module").selectOption(about.module);
  await page.getByLabel("The prisoner's first name").fill(about.personaName);
  await page.getByLabel("His background").fill(about.background);
  if (about.talk) await page.getByLabel("How he talks (optional)").fill(about.talk);
  await page.getByLabel("What the conversation is about").fill(about.topic);
}

/** The wizard's second step: the officer's options, each what they say and its MI behaviour. */
export async function writeOptions(page: Page, options: [say: string, mi: string][]) {
  for (const [i, [say, mi]] of options.entries()) {
    await page.locator(`[name="options.${i}.say"]`).fill(say);
    await page.locator(`[name="options.${i}.mi"]`).selectOption(mi);
  }
}

/**
 * A new scenario made with the wizard, in the trainer's own words; ends on its list of nodes. Its id
 * comes from the title ("Estate roll-out test" -> estate-roll-out-test).
 */
export async function createWithWizard(
  page: Page,
  a: { title: string; module: AboutTheScenario["module"]; personaName: string },
) {
  await page.goto("/studio/new");
  await describeScenario(page, {
    ...a,
    background: "34, four years for burglary, wing cleaner.",
    talk: "Short answers; warms up when his kids come up.",
    topic: `${a.personaName} wants to be out for his daughter's birthday.`,
  });
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("What he says first").fill("What's the point? Nothing I do in here makes any difference.");
  await page.getByRole("radio", { name: "Sustain talk" }).check();
  await writeOptions(page, [
    ["You can't see the point of it right now.", "simple_reflection"],
    ["Carry on like that and you'll be here for years.", "confront"],
  ]);
  await page.getByRole("button", { name: "Create the scenario" }).click();
  await expect(page).toHaveURL(/\/studio\/[^/]+\/nodes$/);
}

export async function editorText(page: Page) {
  return page.getByLabel("Scenario YAML").inputValue();
}

/** Types into the editor once the page is live (text typed before React hydrates is reset), and saves. */
export async function saveYaml(page: Page, yaml: string) {
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Scenario YAML").fill(yaml);
  await expect(page.getByRole("status")).toHaveText("No errors found");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Draft saved. It has no errors.")).toBeVisible();
}

/** On the preview page: starts playing from a node, with the scenario's variables set by hand. */
export async function startPreview(page: Page, from: string, variables: Record<string, string>) {
  await page.getByLabel("Start from").selectOption(from);
  for (const [name, value] of Object.entries(variables)) await page.getByLabel(`Variable ${name}`).fill(value);
  await page.getByRole("button", { name: "Start the preview" }).click();
}

/** On the publish page: publishes the draft with its change note. */
export async function publish(page: Page, scenarioId: string, changeNote: string) {
  await page.getByLabel("Change note").fill(changeNote);
  await page.getByRole("button", { name: "Publish this version" }).click();
  await expect(page.getByText(`Published ${scenarioId}`)).toBeVisible();
}

/** Rewrites the wizard's example conversation in the YAML view, as a trainer does before publishing. */
export async function rewriteWizardExample(page: Page, scenarioId: string) {
  await page.goto(`/studio/${scenarioId}/edit`);
  await page.waitForLoadState("networkidle");
  const yaml = await page.getByLabel("Scenario YAML").inputValue();
  await page.getByLabel("Scenario YAML").fill(rewriteExamples(yaml));
  await page.getByRole("button", { name: "Save draft" }).click();
  // The whole example conversation is checked and saved (on PostgreSQL in the estate spec): allowed more than the
  // usual 10 s, which a loaded CI machine once ran past.
  await expect(page.getByText("Draft saved. It has no errors.")).toBeVisible({ timeout: 30_000 });
}
