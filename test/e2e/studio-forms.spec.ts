// Authoring without YAML: a trainer makes a scenario with the wizard and the forms only, breaks a
// link and mends it at the field, previews it as an officer from a middle node and publishes it;
// and the forms without JavaScript. axe checks every page of the editor on the way.
import { expect, test, type Page } from "@playwright/test";
import { attemptsAt, e2eDatabase, say, writeReply } from "./practice-support";
import {
  expectAccessible,
  expectAccessibleAtBothWidths,
  expectAccessibleWithoutJavaScript,
  signedIn,
  signIn,
} from "./support";
import { createWithWizard, describeScenario, publish, startPreview } from "./studio-steps";

const TITLE = "Not for the likes of me";
const ID = "not-for-the-likes-of-me";

const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);
const select = (page: Page, name: string, value: string) => field(page, name).selectOption(value);
const saveNode = (page: Page) => page.getByRole("button", { name: "Save node" }).click();

test.describe.configure({ mode: "serial" });

test("a trainer builds a scenario with the wizard and forms only, mends a broken link at its field, previews it from a middle node and publishes it", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const trainer = await signedIn(browser, "trainer");

  // The wizard, step 1: what the scenario is about.
  await trainer.goto("/studio");
  await trainer.getByRole("link", { name: "Create a scenario" }).click();
  await expect(trainer.getByRole("heading", { level: 1, name: "About the scenario" })).toBeVisible();
  await expectAccessible(trainer);
  await trainer.getByRole("button", { name: "Continue" }).click();
  await expect(trainer.getByRole("link", { name: "Enter a title" })).toBeVisible();
  await expect(trainer.getByRole("link", { name: "Choose a module" })).toBeVisible();
  await expectAccessible(trainer);
  await describeScenario(trainer, {
    title: TITLE,
    // The last module: no officer test counts its scenarios, so publishing here changes none of their statuses.
    module: { label: "The programmes wing and progression" },
    personaName: "Kyle",
    background: "24, on remand then sentenced. Keeps to his cell. Says courses are for other people.",
    topic: "Kyle says the programme is not for the likes of him.",
  });
  await trainer.getByRole("button", { name: "Continue" }).click();

  // Step 2: how it starts. Without an MI-consistent option the wizard says so at the field.
  await expect(trainer.getByRole("heading", { level: 1, name: "How the conversation starts" })).toBeVisible();
  await expectAccessible(trainer);
  await trainer.getByLabel("What he says first").fill("Courses like that aren't for the likes of me.");
  await trainer.getByRole("radio", { name: "Sustain talk" }).check();
  await field(trainer, "options.0.say").fill("Just give it a go.");
  await select(trainer, "options.0.mi", "persuade");
  await field(trainer, "options.1.say").fill("Who are they for, then?");
  await select(trainer, "options.1.mi", "closed_question");
  await trainer.getByRole("button", { name: "Create the scenario" }).click();
  await expect(trainer.getByRole("link", { name: /At least one option must be MI-consistent/ })).toBeVisible();
  await expectAccessible(trainer);
  await field(trainer, "options.1.say").fill("You don't see yourself as the kind of man who'd go on one.");
  await select(trainer, "options.1.mi", "complex_reflection");
  await field(trainer, "options.2.say").fill("What have you heard about them?");
  await select(trainer, "options.2.mi", "open_question");
  await trainer.getByRole("button", { name: "Create the scenario" }).click();
  await expect(trainer).toHaveURL(new RegExp(`/studio/${ID}/nodes$`));
  await expect(
    trainer.getByText(`Scenario ${ID} created. After his first line it carries on as an example`),
  ).toBeVisible();
  await expect(trainer.getByRole("heading", { name: "There is 1 error to fix" })).toHaveCount(0);
  await expectAccessible(trainer);

  // The third option leads to a new node, written in its own form.
  await trainer.getByRole("link", { name: "opening", exact: true }).click();
  await expect(trainer.getByRole("heading", { name: "Node opening" })).toBeVisible();
  await expectAccessible(trainer);
  await select(trainer, "nodes.opening.choices.2.goto.0.node", "+new");
  await saveNode(trainer);
  await expect(trainer).toHaveURL(new RegExp(`/studio/${ID}/nodes/after-what-have-you`));
  // In the forms' words, not the YAML's ("is missing 'prisoner'").
  await expect(trainer.getByRole("link", { name: "The prisoner's line is empty." })).toBeVisible();
  await expectAccessible(trainer);
  await field(trainer, "nodes.after-what-have-you.prisoner").fill(
    "That they make you talk about your offence in front of everyone.",
  );
  await trainer.getByRole("radio", { name: "Sustain talk" }).check();
  await trainer.getByRole("radio", { name: "The officer chooses a reply from options" }).check();
  await saveNode(trainer);
  await expect(trainer.getByText("This node has no options yet.")).toBeVisible();
  await trainer.getByRole("button", { name: "Add an option" }).click();
  await expect(trainer.getByRole("heading", { name: "Option 1" })).toBeVisible();
  const first = "nodes.after-what-have-you.choices.0";
  // The keyboard carries on from the new option, not from the top of the page.
  await expect(trainer.locator(`[id="field-${first}"]`)).toBeFocused();
  await field(trainer, `${first}.say`).fill("Talking in front of the group is what worries you.");
  await select(trainer, `${first}.mi`, "complex_reflection");
  await field(trainer, `${first}.feedback`).fill(
    "A complex reflection: you named the worry under his words, so he goes on.",
  );
  await field(trainer, `${first}.effects.rapport`).fill("1");
  await select(trainer, `${first}.goto.0.node`, "+new");
  await saveNode(trainer);
  // A node made by mistake: delete it, and the option that led there is reported at its field.
  await expect(trainer).toHaveURL(new RegExp(`/nodes/after-talking-in-front`));
  await trainer.getByRole("link", { name: "Delete this node" }).click();
  await expect(trainer.getByRole("heading", { name: "Delete node after-talking-in-front?" })).toBeVisible();
  await expect(
    trainer.getByRole("link", { name: "Option 1: 'Talking in front of the group…' in node after-what-have-you" }),
  ).toBeVisible();
  await expectAccessible(trainer);
  await trainer.getByRole("button", { name: "Delete the node" }).click();
  await expect(
    trainer.getByText("Node after-talking-in-front deleted. The draft now has 1 error to fix."),
  ).toBeVisible();
  const broken = trainer.getByRole("link", {
    name: "Node after-what-have-you: Option 1 ('Talking in front of the group…') leads to after-talking-in-front, a node that does not exist. Choose where it leads.",
  });
  await expect(broken).toBeVisible();
  await expectAccessible(trainer);
  await broken.click();
  await expect(trainer).toHaveURL(
    new RegExp(`/nodes/after-what-have-you#field-nodes.after-what-have-you.choices.0.goto.0.node$`),
  );
  const gotoField = `${first}.goto.0.node`;
  await expect(trainer.locator(`[id="field-${gotoField}-error"]`)).toContainText(
    "leads to after-talking-in-front, a node that does not exist",
  );
  await expect(field(trainer, gotoField)).toHaveAttribute(
    "aria-describedby",
    new RegExp(`field-${gotoField.replace(/\./g, "\\.")}-error`),
  );
  await expect(trainer.getByRole("link", { name: /leads to after-talking-in-front/ })).toHaveAttribute(
    "href",
    `#field-${gotoField}`,
  );
  await expectAccessible(trainer);
  // Mend it, and add a second option in the same save.
  await select(trainer, gotoField, "middle");
  await trainer.getByRole("button", { name: "Add an option" }).click();
  const second = "nodes.after-what-have-you.choices.1";
  await field(trainer, `${second}.say`).fill("It's not as bad as that. Just go.");
  await select(trainer, `${second}.mi`, "persuade");
  await field(trainer, `${second}.feedback`).fill(
    "Persuading without permission: he hears that his worry does not count.",
  );
  await select(trainer, `${second}.goto.0.node`, "end-disengaged");
  await saveNode(trainer);
  await expect(trainer.getByText("Draft saved. It has no errors.")).toBeVisible();
  // The map beside the form shows where this node leads, and opens those nodes' forms.
  await expect(trainer.locator(".app-map svg a")).toHaveCount(4);
  await expectAccessible(trainer);
  await trainer.goto(`/studio/${ID}/nodes`);
  await expect(trainer.getByRole("row", { name: /after-what-have-you .* 2 options None/ })).toBeVisible();

  // The scenario's details: a bad value is refused at its field, and nothing is saved.
  await trainer.getByRole("link", { name: "Change what the scenario is about" }).click();
  await expectAccessible(trainer);
  await field(trainer, "variables.rapport").fill("lots");
  await trainer.getByRole("button", { name: "Save details" }).click();
  await expect(trainer.getByRole("link", { name: /start value of rapport must be a whole number/i })).toBeVisible();
  await expectAccessible(trainer);
  await field(trainer, "variables.rapport").fill("0");
  await field(trainer, "summary").fill("Kyle says the programme is not for the likes of him. A chat on the landing.");
  await trainer.getByRole("button", { name: "Save details" }).click();
  await expect(trainer.getByText("Draft saved. It has no errors.")).toBeVisible();

  // Preview as an officer, from the new node, with rapport set by hand.
  await trainer.getByRole("link", { name: "Preview", exact: true }).click();
  await expectAccessible(trainer);
  await startPreview(trainer, "after-what-have-you", { rapport: "1" });
  await expect(trainer.getByTestId("prisoner-line")).toHaveText(
    "That they make you talk about your offence in front of everyone.",
  );
  await expect(trainer.getByRole("heading", { name: "Kyle says" })).toBeVisible();
  await expectAccessible(trainer);
  await trainer.getByRole("button", { name: "Say this" }).click();
  await expect(trainer.getByRole("link", { name: "Select what you say" })).toBeVisible();
  await say(trainer, "Talking in front of the group is what worries you.");
  await expect(trainer.getByTestId("feedback")).toContainText("Complex reflection:");
  await expect(trainer.getByTestId("feedback")).toContainText("you named the worry under his words");
  await expect(trainer.getByText("Variables: rapport = 2")).toBeVisible();
  await expectAccessible(trainer);
  await say(trainer, "Being there for your daughter matters a lot to you.");
  await writeReply(trainer, "You want them to see you differently.");
  await expect(trainer.getByRole("heading", { name: "Ending: Engaged" })).toBeVisible();
  await expectAccessible(trainer);
  expect(attemptsAt(ID)).toBe(0);

  // The history lists every save; then publish.
  await trainer.goto(`/studio/${ID}/history`);
  await expect(trainer.getByRole("row", { name: /^1 .* Morgan Ellery Created with the wizard/ })).toBeVisible();
  // Each save says what it changed, in the forms' words.
  await expect(
    trainer.getByRole("row", { name: /Saved in the forms\. Details: what the conversation is about\. Current$/ }),
  ).toBeVisible();
  await expect(
    trainer.getByRole("row", { name: /Node after-talking-in-front deleted\. Restore revision/ }),
  ).toBeVisible();
  await expectAccessible(trainer);
  await trainer.getByRole("link", { name: "Publish", exact: true }).click();
  // The wizard's example conversation cannot be published as it is: each text that is still the
  // example is listed, linking to its field, and is rewritten there in the forms.
  await expect(
    trainer.getByText(/^The example conversation from the new-scenario wizard is still there/),
  ).toBeVisible();
  await expect(trainer.getByRole("button", { name: "Publish this version" })).toHaveCount(0);
  await expectAccessible(trainer);
  const stillExample = trainer.locator(".govuk-error-summary a");
  const ownLines = [
    // First the example feedback the wizard gave the three options left without any.
    "Persuading without permission: he hears a push, and he digs in.",
    "A complex reflection: you named how he sees himself, so he can say more.",
    "An open question: he tells you what he has heard, in his own words.",
    "My lad's starting school. I'd like to be the one walking him in.",
    "Walking him in on his first day matters a lot to you.",
    "A complex reflection: you named his son, and he hears his own reason for going.",
    "What would that morning mean to you?",
    "An open question: he keeps talking about his son, in his own words.",
    "Then sign up for the course. Do it for him.",
    "Persuading without permission: his reason becomes your order, and he steps back.",
    "He's going to know his dad did something about it.",
    "Reflect what he wants his son to see.",
    "A good reply reflects that he wants his son to see a different dad.",
    "Go on then. I'll hear what the course is about.",
  ];
  for (const [i, line] of ownLines.entries()) {
    await expect(stillExample).toHaveCount(ownLines.length - i);
    const link = stillExample.first();
    const target = new URL((await link.getAttribute("href"))!, "http://x").hash.slice("#field-".length);
    await link.click();
    // Once the form is live: text typed before React hydrates is reset, and "nothing changed" is saved.
    await trainer.waitForLoadState("networkidle");
    await field(trainer, target).fill(line);
    await saveNode(trainer);
    await expect(trainer.getByText("Draft saved. It has no errors.")).toBeVisible();
    await trainer.goto(`/studio/${ID}/publish`);
  }
  await publish(trainer, ID, "First version, written in the forms");
  const db = e2eDatabase();
  const yaml = (db.prepare("select yaml from scenario_versions where scenario_id = ?").get(ID) as { yaml: string })
    .yaml;
  db.close();
  expect(yaml).toContain(
    '  after-what-have-you:\n    prisoner: "That they make you talk about your offence in front of everyone."\n    talk: sustain\n    choices:\n      - id: option-1\n',
  );
  expect(yaml).not.toContain("after-talking-in-front");
});

test("without JavaScript a trainer adds a node and an option, and restores an earlier revision", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const noJs = await signedIn(browser, "trainer", { javaScriptEnabled: false });
  // axe needs JavaScript: these pages are checked with it in the journey above.
  await noJs.goto("/studio/bad-news-letter/nodes");
  await noJs.getByRole("button", { name: "Add the node" }).click();
  await expect(noJs.getByRole("link", { name: "Enter what he says" })).toBeVisible();
  await noJs.getByLabel("What he says").fill("Nobody tells you anything in here.");
  await noJs.getByRole("radio", { name: "Discord" }).check();
  // This scenario already has a node called nobody-tells.
  await noJs.getByLabel("Node id (optional)").fill("nobody-tells");
  await noJs.getByRole("button", { name: "Add the node" }).click();
  await expect(
    noJs.getByRole("link", { name: "There is already a node with this id: choose another, or leave it blank" }),
  ).toBeVisible();
  await expect(noJs.getByLabel("What he says")).toHaveValue("Nobody tells you anything in here.");
  await noJs.getByLabel("Node id (optional)").fill("kept-in-the-dark");
  await noJs.getByRole("button", { name: "Add the node" }).click();
  await expect(noJs).toHaveURL(/\/studio\/bad-news-letter\/nodes\/kept-in-the-dark$/);
  await expect(
    noJs.getByRole("link", { name: /^No way through the conversation reaches this node\./ }).first(),
  ).toBeVisible();
  await noJs.getByRole("radio", { name: "The officer chooses a reply from options" }).check();
  await noJs.getByRole("button", { name: "Save node" }).click();
  await noJs.getByRole("button", { name: "Add an option" }).click();
  await expect(noJs.getByRole("heading", { name: "Option 1" })).toBeVisible();
  await field(noJs, "nodes.kept-in-the-dark.choices.0.say").fill("You feel kept in the dark.");
  await select(noJs, "nodes.kept-in-the-dark.choices.0.mi", "simple_reflection");
  await select(noJs, "nodes.kept-in-the-dark.choices.0.goto.0.node", "kept-in-the-dark");
  // Enter in a text box presses "Save node", not the first button of the form.
  await field(noJs, "nodes.kept-in-the-dark.choices.0.id").fill("kept-in-dark");
  await field(noJs, "nodes.kept-in-the-dark.choices.0.id").press("Enter");
  await expect(noJs.getByText(/Draft saved\. It has \d+ errors? to fix/)).toBeVisible();
  await expect(field(noJs, "nodes.kept-in-the-dark.choices.0.say")).toHaveValue("You feel kept in the dark.");

  await noJs.goto("/studio/bad-news-letter/history");
  const rows = noJs.getByRole("row", { name: /Saved in the forms/ });
  await expect(rows).toHaveCount(4);
  // Each save says what it changed, in the forms' words.
  await expect(rows.first()).toContainText(
    "Saved in the forms. Node kept-in-the-dark: option 1 (what the officer says, the MI code,",
  );
  await noJs.getByRole("button", { name: "Restore revision 1" }).click();
  await expect(noJs.getByText("Revision 1 restored as revision 5.")).toBeVisible();
  const db = e2eDatabase();
  const draft = db
    .prepare("select yaml, revision from scenario_drafts where scenario_id = 'bad-news-letter'")
    .get() as {
    yaml: string;
    revision: number;
  };
  db.close();
  expect(draft.revision).toBe(5);
  expect(draft.yaml).toContain(
    '\n\n  kept-in-the-dark:\n    prisoner: "Nobody tells you anything in here."\n    talk: discord\n\n  end-engaged:',
  );
  expect(draft.yaml).not.toContain("kept-in-dark");
});

test("without JavaScript a trainer deletes an option and lands on the options, where the keyboard carries on", async ({
  browser,
}) => {
  const noJs = await signedIn(browser, "trainer", { javaScriptEnabled: false });
  await noJs.goto("/studio/solicitor-says-no/nodes/on-advice");
  await expect(noJs.locator(".app-editor-option")).toHaveCount(3);
  // A plain form POST, answered with a redirect to the options heading.
  await noJs.getByRole("button", { name: "Delete option 2" }).click();
  await expect(noJs).toHaveURL(/\/studio\/solicitor-says-no\/nodes\/on-advice#options-on-advice$/);
  await expect(noJs.getByText("Draft saved.")).toBeVisible();
  await expect(noJs.locator(".app-editor-option")).toHaveCount(2);
  await expect(field(noJs, "nodes.on-advice.choices.1.say")).toHaveValue(
    "The course won't touch your appeal. It's about the future, not your case.",
  );
  await expect(noJs.getByRole("heading", { name: "Options the officer can choose" })).toBeInViewport();
  // The browser moved the keyboard's starting point to the heading: Tab goes to what follows it.
  await noJs.keyboard.press("Tab");
  await expect(noJs.locator("summary", { hasText: "How to choose the MI code" })).toBeFocused();
  await expectAccessibleWithoutJavaScript(noJs);
  const db = e2eDatabase();
  const draft = db.prepare("select yaml from scenario_drafts where scenario_id = 'solicitor-says-no'").get() as {
    yaml: string;
  };
  db.close();
  expect(draft.yaml).not.toContain("ask-course");
  expect(draft.yaml).toContain("reflect-careful");
});

test("with JavaScript, where an option leads shows on the map beside the form before it is saved", async ({
  browser,
}) => {
  const trainer = await signedIn(browser, "trainer");
  await trainer.goto("/studio/bad-news-letter/nodes/nobody-tells");
  const map = trainer.getByRole("region", { name: "Around this node" });
  const goesTo = "nodes.nobody-tells.choices.0.goto.0.node";
  const pendingLines = map.locator(".app-map__pending path");
  await expect(field(trainer, goesTo)).toHaveValue("scared");
  await expect(pendingLines).toHaveCount(0);

  // A node already on the small map is ringed, with a dashed link to it.
  await select(trainer, goesTo, "chaplain");
  await expect(pendingLines).toHaveCount(1);
  await expect(map.locator(".app-map__pending-target")).toHaveCount(1);
  await expect(trainer.getByText("Option 1: 'Not knowing is the worst of…' leads to chaplain")).toBeVisible();
  await expectAccessible(trainer);

  // A node not around this one, and a new node, get a dashed box below the map.
  await select(trainer, goesTo, "mum");
  await expect(map.locator(".app-map__ghost")).toHaveText("mum");
  await expect(trainer.getByText("Option 1: 'Not knowing is the worst of…' leads to mum")).toBeVisible();
  await select(trainer, "nodes.nobody-tells.choices.1.goto.0.node", "+new");
  await expect(pendingLines).toHaveCount(2);
  await expect(map.locator(".app-map__ghost").filter({ hasText: "A new node" })).toHaveCount(1);
  await expectAccessible(trainer);

  // Back to what is saved: nothing pending, and nothing was saved on the way.
  await select(trainer, goesTo, "scared");
  await select(trainer, "nodes.nobody-tells.choices.1.goto.0.node", "chaplain");
  await expect(pendingLines).toHaveCount(0);
  await expect(trainer.getByText("Not saved yet")).toHaveCount(0);
  await trainer.reload();
  await expect(field(trainer, goesTo)).toHaveValue("scared");
});

test("on a 375 px screen every page of the editor fits the width and passes axe", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, "trainer", { viewport: { width: 375, height: 740 } });
  for (const path of [
    "/studio/new",
    "/studio/bad-news-letter/nodes",
    "/studio/bad-news-letter/nodes/nobody-tells",
    "/studio/bad-news-letter/nodes/nobody-tells/delete",
    "/studio/bad-news-letter/details",
    "/studio/bad-news-letter/history",
    "/studio/bad-news-letter/play",
  ]) {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
    // Only a wide table or map may scroll, inside its own box; the page itself never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  }
});

test("a node's form is short on a phone: the MI coding rules once, folded above the options, and each option's actions one short row of small buttons named for their option", async ({
  browser,
}) => {
  const page = await signedIn(browser, "trainer", { viewport: { width: 375, height: 812 } });
  await page.goto("/studio/appeal-denial/nodes/opening");
  await expect(page.locator(".app-editor-option")).toHaveCount(4);
  const rule = page.getByText("If unsure between simple and complex reflection, it is simple.");
  await expect(rule).toHaveCount(1);
  await expect(rule).toBeHidden();
  await expect(page.getByLabel("MI code").first()).toHaveAccessibleDescription(
    "The MITI 4.2.1 code of what the officer says. See “How to choose the MI code” above the options.",
  );
  // Four options took 9,520 px at 375 px with the rules beside each option's code, then 8,765 px with each
  // option's actions stacked full width and the node id's hint on four lines.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(8_400);
  for (const name of ["Move up option 2", "Move down option 2", "Duplicate option 2", "Delete option 2"]) {
    const box = await page.getByRole("button", { name, exact: true }).boundingBox();
    // WCAG 2.2 2.5.8: at least 24 by 24 CSS px.
    expect(box?.width, name).toBeGreaterThanOrEqual(24);
    expect(box?.height, name).toBeGreaterThanOrEqual(24);
  }
  await expect(page.getByRole("button", { name: "Move up option 1" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Move down option 4" })).toHaveCount(0);
  // Four actions wrap to two short rows at most on a phone (212 px stacked), and fit one row on a desktop.
  const actions = page.locator(".app-option-actions").nth(1);
  expect((await actions.boundingBox())?.height).toBeLessThan(80);
  // Opened from the keyboard, before the first option.
  await page.waitForLoadState("networkidle");
  await page.locator("summary", { hasText: "How to choose the MI code" }).focus();
  await page.keyboard.press("Enter");
  await expect(rule).toBeVisible();
  await expectAccessibleAtBothWidths(page);
  expect((await actions.boundingBox())?.height).toBeLessThan(40);
});

test("a trainer who plays a preview to its ending from the keyboard is taken to the feedback, not left at the top of the page", async ({
  browser,
}) => {
  const page = await signedIn(browser, "trainer");
  await page.goto("/studio/appeal-denial/play");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Start from").selectOption("cooled");
  await page.getByRole("button", { name: "Start the preview" }).press("Enter");
  await page.getByRole("radio", { name: /^Who you are matters a lot to you/ }).check();
  await page.getByRole("button", { name: "Say this" }).press("Enter");
  await expect(page.getByRole("heading", { name: /^Ending: / })).toBeVisible();
  // As at every step before it: focus on the feedback, which is read first, then his last line and the ending.
  await expect(page.getByRole("heading", { name: "Feedback on what you said" })).toBeFocused();
  await expectAccessibleAtBothWidths(page);
});

test("a trainer deletes a scenario made by mistake, after a confirmation; a published one cannot be", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const trainer = await signedIn(browser, "trainer");
  await createWithWizard(trainer, { title: "Made by mistake", module: { index: 1 }, personaName: "Lee" });
  await trainer.getByRole("link", { name: "Publish", exact: true }).click();
  await trainer.getByRole("link", { name: "Delete this draft scenario" }).click();
  await expect(
    trainer.getByRole("heading", { name: "Are you sure you want to delete the draft scenario Made by mistake?" }),
  ).toBeVisible();
  await expect(trainer.getByText("This cannot be undone.")).toBeVisible();
  await expectAccessibleAtBothWidths(trainer);
  await trainer.getByRole("link", { name: "Cancel" }).click();
  await expect(trainer).toHaveURL(/\/studio\/made-by-mistake\/publish$/);
  await trainer.goto("/studio/made-by-mistake/delete");
  await trainer.getByRole("button", { name: "Delete the draft scenario" }).click();
  await expect(trainer.getByText("Deleted the draft scenario Made by mistake (made-by-mistake)")).toBeVisible();
  await expect(trainer.getByRole("row", { name: /Made by mistake/ })).toHaveCount(0);
  expect((await trainer.goto("/studio/made-by-mistake/nodes"))?.status()).toBe(404);

  // A library scenario has been published: the page says so and offers no button.
  await trainer.goto("/studio/wing-safety/delete");
  await expect(trainer.getByRole("heading", { name: /cannot be deleted/ })).toBeVisible();
  await expect(trainer.getByRole("button", { name: "Delete the draft scenario" })).toHaveCount(0);
  await expectAccessibleAtBothWidths(trainer);
});

test("two trainers save the same draft: the later save keeps its text beside the other's, and a save to another node is made on top", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const node = (id: string) => `/studio/plain-words/nodes/${id}`;
  const prisoner = (page: Page, id: string) => field(page, `nodes.${id}.prisoner`);
  const withJs = await signedIn(browser, "trainer");
  const noJs = await signedIn(browser, "admin", { javaScriptEnabled: false });

  // Both open the same node; the first save lands, the second is refused and keeps its text in the box.
  await withJs.goto(node("in-trouble"));
  await noJs.goto(node("in-trouble"));
  await prisoner(noJs, "in-trouble").fill("Their line.");
  await saveNode(noJs);
  await expect(noJs.getByText("Draft saved.")).toBeVisible();
  await prisoner(withJs, "in-trouble").fill("My line.");
  await field(withJs, "nodes.in-trouble.choices.0.feedback").fill("My feedback.");
  await saveNode(withJs);
  const summary = withJs.getByRole("alert");
  await expect(
    summary.getByText(/^Alex Rowan saved this node on .* after you opened this page, so your change was not saved/),
  ).toBeVisible();
  await expect(summary.getByRole("link", { name: /^Alex Rowan saved “Their line\.” here meanwhile/ })).toBeVisible();
  await expect(prisoner(withJs, "in-trouble")).toHaveValue("My line.");
  await expect(field(withJs, "nodes.in-trouble.choices.0.feedback")).toHaveValue("My feedback.");
  await expectAccessibleAtBothWidths(withJs);
  // Saving again is against their revision now: mine replaces their line, knowingly.
  await saveNode(withJs);
  await expect(withJs.getByText("Draft saved.")).toBeVisible();
  await expect(prisoner(withJs, "in-trouble")).toHaveValue("My line.");

  // Without JavaScript: the same, and an option removed meanwhile lists the text instead of moving it to another option.
  await noJs.goto(node("cant-read"));
  await withJs.goto(node("cant-read"));
  await withJs.getByRole("button", { name: "Delete option 1" }).click();
  await expect(withJs.getByText("Draft saved.")).toBeVisible();
  // The keyboard carries on from the options, not from the top of the page.
  await expect(withJs.getByRole("heading", { name: "Options the officer can choose" })).toBeFocused();
  await field(noJs, "nodes.cant-read.choices.1.feedback").fill("Feedback I wrote for option 2.");
  await saveNode(noJs);
  await expect(noJs.getByRole("alert").getByText(/^Morgan Ellery saved this node on/)).toBeVisible();
  const kept = noJs.locator("#unsaved-text");
  await expect(kept.getByText("Option 2: feedback")).toBeVisible();
  await expect(kept.getByText("Feedback I wrote for option 2.")).toBeVisible();
  await expectAccessibleWithoutJavaScript(noJs);

  // Another node saved meanwhile: the change is made on top, and the notice says so.
  await withJs.goto(node("opening"));
  await noJs.goto(node("too-many"));
  await prisoner(withJs, "opening").fill("A letter came. About a course.");
  await saveNode(withJs);
  await expect(withJs.getByText("Draft saved.")).toBeVisible();
  await prisoner(noJs, "too-many").fill("Stop. Slower.");
  await saveNode(noJs);
  await expect(
    noJs.getByText(
      /saved another part of this draft on .*Your change did not touch theirs, so both are kept\. Draft saved/,
    ),
  ).toBeVisible();
  await noJs.goto(node("opening"));
  await expect(prisoner(noJs, "opening")).toHaveValue("A letter came. About a course.");
  await noJs.goto(node("too-many"));
  await expect(prisoner(noJs, "too-many")).toHaveValue("Stop. Slower.");
});

/** Types in node calmer's form and sends it once the session has ended: the tab is on the sign-in page. */
async function sendCalmerAfterSessionEnded(page: Page, typed: Record<string, string>) {
  await page.goto("/studio/plain-words/nodes/calmer");
  for (const [name, value] of Object.entries(typed)) await field(page, name).fill(value);
  await page.context().clearCookies();
  await saveNode(page);
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fstudio%2Fplain-words%2Fnodes%2Fcalmer/);
}

test("a node's form sent after the session ended is put back after signing in again", async ({ browser }) => {
  const page = await signedIn(browser, "trainer");
  await sendCalmerAfterSessionEnded(page, {
    "nodes.calmer.prisoner": "Not in trouble. Right. OK.",
    "nodes.calmer.choices.0.feedback": "Typed before the session ended.",
  });
  await signIn(page, "trainer");
  await expect(page).toHaveURL(/\/studio\/plain-words\/nodes\/calmer$/);
  await expect(page.getByText("What you typed here earlier and did not save has been put back.")).toBeVisible();
  await expect(field(page, "nodes.calmer.prisoner")).toHaveValue("Not in trouble. Right. OK.");
  await expect(field(page, "nodes.calmer.choices.0.feedback")).toHaveValue("Typed before the session ended.");
  await expectAccessible(page);
  await saveNode(page);
  await expect(page.getByText("Draft saved.")).toBeVisible();
  await expect(page.getByText("What you typed here earlier")).toHaveCount(0);
  await expect(field(page, "nodes.calmer.prisoner")).toHaveValue("Not in trouble. Right. OK.");
});

test("what a trainer typed before their session ended is not put back for someone else signing in at that tab", async ({
  browser,
}) => {
  const page = await signedIn(browser, "trainer");
  await sendCalmerAfterSessionEnded(page, {
    "nodes.calmer.choices.0.feedback": "Morgan's words, not for the next person.",
  });
  await signIn(page, "admin");
  await expect(page).toHaveURL(/\/studio\/plain-words\/nodes\/calmer$/);
  await expect(page.getByRole("button", { name: "Save node" })).toBeVisible();
  await expect(page.getByText("What you typed here earlier and did not save has been put back.")).toHaveCount(0);
  await expect(field(page, "nodes.calmer.choices.0.feedback")).not.toHaveValue(
    "Morgan's words, not for the next person.",
  );
});
