// The trainer studio end to end: write, check, map, play-test and publish a scenario; officers on
// the new and the old version; rating a written reply; and the bad-input paths.
import { expect, test } from "@playwright/test";
import { expectAccessible, signedIn } from "./support";
import { attemptsAt, e2eDatabase, say, startScenario, writeReply } from "./practice-support";
import { describeScenario, editorText, publish, startPreview, writeOptions } from "./studio-steps";
import { ownWords } from "../support/studio";

const ID = "visiting-order-worries";
const TITLE = "Visiting order worries";
// The template's example line, rewritten by the trainer (ownWords) before the first version is published.
const OLD_LINE = "My kids, I suppose. I'd like to be out for my daughter's birthday. (rewritten)";
const NEW_LINE = "My son starts school in September. I want to be there for that.";

/** Line number (1-based) of the first line containing `needle`. */
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

test.describe.configure({ mode: "serial" });

test("a trainer writes, checks, maps, play-tests and publishes; officers play the new and the old version; a written reply is rated", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const trainer = await signedIn(browser, "trainer");
  await expect(trainer.getByRole("link", { name: "Studio", exact: true })).toBeVisible();
  await trainer.getByRole("link", { name: "Studio", exact: true }).click();
  await expect(trainer.getByRole("heading", { level: 1, name: "Scenario studio" })).toBeVisible();
  await expect(trainer.getByRole("cell", { name: /Everyone on the wing will know/ })).toBeVisible();
  await expectAccessible(trainer);

  // Create it with the wizard.
  await trainer.getByRole("link", { name: "Create a scenario" }).click();
  await expectAccessible(trainer);
  await describeScenario(trainer, {
    title: TITLE,
    // The last module: no officer test counts its scenarios, so publishing here changes none of their statuses.
    module: { label: "The programmes wing and progression" },
    personaName: "Lee",
    background: "31, two years into a four-year sentence. Works in the kitchens.",
    topic: "Lee says nothing he does in here makes a difference.",
  });
  await trainer.getByRole("button", { name: "Continue" }).click();
  await trainer.getByLabel("What he says first").fill("What's the point? Nothing I do in here makes any difference.");
  await trainer.getByLabel("Sustain talk").check();
  await writeOptions(trainer, [
    ["You can't see the point of it right now.", "simple_reflection"],
    ["What would make a difference for you?", "open_question"],
    ["Carry on like that and you'll be here for years.", "confront"],
  ]);
  await trainer.getByRole("button", { name: "Create the scenario" }).click();
  await expect(trainer).toHaveURL(new RegExp(`/studio/${ID}/nodes$`));
  await expect(
    trainer.getByText(`Scenario ${ID} created. After his first line it carries on as an example`),
  ).toBeVisible();
  // The list says the example's words are still there: no errors, but not ready to publish.
  await trainer.goto("/studio");
  await expect(trainer.getByRole("row").filter({ hasText: ID })).toContainText(/Example words in \d+ places/);
  await trainer.goto(`/studio/${ID}/nodes`);
  // So does the nodes list, at each node that holds them: the opening's three options were given no
  // feedback, so each has the example's.
  const nodes = trainer.getByRole("region", { name: "The scenario's nodes" });
  await expect(nodes.getByRole("row").filter({ hasText: "Nothing I do in here makes any difference" })).toContainText(
    "Example words in 3 places",
  );
  await expectAccessible(trainer);
  await trainer.getByRole("link", { name: "YAML", exact: true }).click();
  await expect(trainer.getByText("No errors found.")).toBeVisible();
  await expectAccessible(trainer);

  // The trainer's own words where the template has placeholders (which cannot be published).
  const template = ownWords(await editorText(trainer));
  const badLine = lineOf(template, "goto: end-disengaged");
  await trainer.getByLabel("Scenario YAML").fill(template.replace("goto: end-disengaged", "goto: end-disengage"));
  // The goto names no node (the ending it used to reach is still reached from elsewhere).
  await expect(trainer.getByRole("heading", { name: "There is 1 error in the scenario" })).toBeVisible();
  await expect(trainer.getByRole("status")).toHaveText("1 error found");
  await trainer.getByRole("button", { name: "Save draft" }).click();
  await expect(trainer.getByText("Draft saved. It has 1 error")).toBeVisible();
  const diagnostic = trainer.getByRole("link", { name: new RegExp(`^Line ${badLine}: .*end-disengage`) });
  await expect(diagnostic).toBeVisible();
  await expectAccessible(trainer);
  // Choosing the error puts the cursor on its line.
  await diagnostic.click();
  await expect(trainer.getByLabel("Scenario YAML")).toBeFocused();
  const cursorLine = await trainer
    .getByLabel("Scenario YAML")
    .evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split("\n").length);
  expect(cursorLine).toBe(badLine);

  // The map shows the broken goto while it is there.
  await trainer.getByRole("link", { name: "Map", exact: true }).click();
  await expect(trainer.locator("svg").getByText("missing: end-disengage")).toBeVisible();
  await expect(trainer.getByText("end-disengage (does not exist)")).toBeVisible();
  await expectAccessible(trainer);

  // Fix it, once the editor is live (text typed before React hydrates is reset).
  await trainer.getByRole("link", { name: "YAML", exact: true }).click();
  await trainer.waitForLoadState("networkidle");
  await trainer.getByLabel("Scenario YAML").fill(template);
  await trainer.getByRole("button", { name: "Save draft" }).click();
  await expect(trainer.getByText("Draft saved. It has no errors.")).toBeVisible();
  // The history says what the save as YAML changed, in the forms' words.
  await trainer.goto(`/studio/${ID}/history`);
  await expect(
    trainer.getByRole("row", { name: /^\d+ .* Saved as YAML\. Node \S+: option \d \(where it leads\)\. Current$/ }),
  ).toBeVisible();
  await expectAccessible(trainer);

  // The map: every node, start and endings, each opening the node's form.
  await trainer.getByRole("link", { name: "Map", exact: true }).click();
  await expect(trainer.getByRole("heading", { name: "Map of the conversation" })).toBeVisible();
  await expect(trainer.locator("svg a")).toHaveCount(6);
  await expect(trainer.locator("svg text", { hasText: "Ending: Engaged" })).toBeVisible();
  await expect(trainer.getByText("missing:")).toHaveCount(0);
  await expectAccessible(trainer);
  await trainer.getByRole("list").getByRole("link", { name: "middle", exact: true }).click();
  await expect(trainer).toHaveURL(new RegExp(`/studio/${ID}/nodes/middle$`));
  await expect(trainer.getByRole("heading", { name: "Node middle" })).toBeVisible();

  // Preview from a middle node with a variable set by hand: feedback, then the ending.
  await trainer.getByRole("link", { name: "Preview", exact: true }).click();
  await expectAccessible(trainer);
  await startPreview(trainer, "middle", { rapport: "2" });
  await expect(trainer.getByText(OLD_LINE)).toBeVisible();
  await expect(trainer.getByText("Variables: rapport = 2")).toBeVisible();
  await expectAccessible(trainer);
  // The example's options, rewritten by the trainer (ownWords) as every example text must be.
  await say(trainer, "Being there for your daughter matters a lot to you. (rewritten)");
  await expect(trainer.getByTestId("feedback")).toContainText("A complex reflection");
  await expect(trainer.getByText("rapport = 3")).toBeVisible();
  await writeReply(trainer, "You want them to see the man you are now.");
  await expect(trainer.getByRole("heading", { name: "Ending: Engaged" })).toBeVisible();
  await expectAccessible(trainer);
  expect(attemptsAt(ID)).toBe(0);

  // Publish the first version.
  await trainer.goto(`/studio/${ID}/publish`);
  await expect(trainer.getByRole("heading", { name: "What officers will get" })).toBeVisible();
  await expectAccessible(trainer);
  await trainer.getByRole("button", { name: "Publish this version" }).click();
  await expect(trainer.getByRole("link", { name: "Enter a change note" })).toBeVisible();
  await publish(trainer, ID, "First version");
  await expect(trainer).toHaveURL(/\/studio$/);

  // Officer 1 starts on version 1 and stops at the middle node.
  const first = await signedIn(browser, "officer5");
  await startScenario(first, TITLE, "practice");
  const firstAttempt = first.url();
  await say(first, "You can't see the point of it right now.");
  await expect(first.getByTestId("prisoner-line")).toHaveText(OLD_LINE);

  // The trainer renames the middle node and changes its line; the diff warns about officer 1.
  await trainer.goto(`/studio/${ID}/edit`);
  await trainer.getByLabel("Scenario YAML").fill(template.replaceAll("middle", "school").replace(OLD_LINE, NEW_LINE));
  await trainer.getByRole("button", { name: "Save draft" }).click();
  await expect(trainer.getByText("Draft saved. It has no errors.")).toBeVisible();
  await trainer.getByRole("link", { name: "Publish", exact: true }).click();
  await expect(trainer.getByRole("heading", { name: "Changes from the published version" })).toBeVisible();
  await expect(trainer.getByText("Nodes added (1): school")).toBeVisible();
  await expect(trainer.getByText("Nodes removed (1): middle")).toBeVisible();
  await expect(trainer.getByText("middle: 1 unfinished attempt")).toBeVisible();
  await expectAccessible(trainer);
  await publish(trainer, ID, "Talk about school instead");

  // With no draft left, the map shows the published version with officers' choice figures.
  await trainer.goto(`/studio/${ID}/map`);
  await expect(
    trainer.getByText("Officers’ choices at HMP Hollowbrook (demo) in fewer than 5 finished assessment attempts"),
  ).toBeVisible();
  await expect(
    trainer
      .getByRole("listitem")
      .filter({ hasText: /^Option \d: 'You can't see the…' → school: chosen fewer than 5 times$/ }),
  ).toBeVisible();
  await expectAccessible(trainer);

  await trainer.goto(`/studio/${ID}/publish`);
  await expect(trainer.getByRole("row", { name: /v2 .* Morgan Ellery Talk about school instead/ })).toBeVisible();
  await expect(trainer.getByRole("row", { name: /v1 .* Morgan Ellery First version/ })).toBeVisible();
  await expectAccessible(trainer);

  // Officer 2 gets the new version.
  const second = await signedIn(browser, "officer6");
  await startScenario(second, TITLE, "practice");
  await say(second, "You can't see the point of it right now.");
  await expect(second.getByTestId("prisoner-line")).toHaveText(NEW_LINE);

  // Officer 1 finishes on the old version, with a written reply.
  await first.goto(firstAttempt);
  await expect(first.getByTestId("prisoner-line")).toHaveText(OLD_LINE);
  await say(first, "Tell me more about that. (rewritten)");
  const reply = "You want your kids to see the man you are now <b>not</b> the one they remember.";
  await writeReply(first, reply);
  await expect(first).toHaveURL(/\/review/);
  const review = first.url();
  {
    const db = e2eDatabase();
    const rows = db
      .prepare(
        "select a.status, v.change_note from attempts a join scenario_versions v on v.id = a.scenario_version_id where a.scenario_id = ? order by a.started_at",
      )
      .all(ID);
    expect(rows).toEqual([
      { status: "finished", change_note: "First version" },
      { status: "in_progress", change_note: "Talk about school instead" },
    ]);
    db.close();
  }

  // The trainer rates the reply; the officer sees the rating.
  await trainer.getByRole("link", { name: "Reviews", exact: true }).click();
  await expect(trainer.getByRole("heading", { name: "Written replies to review" })).toBeVisible();
  await expectAccessible(trainer);
  await trainer
    .getByRole("region", { name: new RegExp(TITLE) })
    .getByRole("link", { name: /Rate/ })
    .click();
  await expect(trainer.getByText(reply)).toBeVisible(); // as text, the tags shown not obeyed
  await expect(trainer.getByText("Adds a reasonable meaning he has not said.")).toBeVisible();
  await expectAccessible(trainer);
  await trainer.getByRole("button", { name: "Save rating" }).click();
  await expect(trainer.getByRole("link", { name: "Choose a rating from 1 to 5" })).toBeVisible();
  await trainer.getByLabel("4 – Reflection adding meaning").check();
  await trainer.getByLabel("Comment for the officer (optional)").fill("Good: you named what he wants his kids to see.");
  await trainer.getByRole("button", { name: "Save rating" }).click();
  await expect(trainer.getByText("Rating saved.")).toBeVisible();
  {
    const db = e2eDatabase();
    // Other specs publish and rate too: count this scenario's publishes and this officer's rating.
    expect(
      db
        .prepare(
          `select count(*) as n from audit_events where (action = 'scenario.published' and details like ?)
             or (action = 'reply.reviewed' and subject_user_id = (select id from users where username_key = 'officer5'))`,
        )
        .get(`%"scenarioId":"${ID}"%`),
    ).toEqual({ n: 3 });
    db.close();
  }
  await first.goto("/record");
  await expect(
    first.getByText(
      "Written reply: 4 out of 5, reflection adding meaning. Trainer's comment: Good: you named what he wants his kids to see.",
    ),
  ).toBeVisible();
  await first.getByText("What the ratings of written replies mean").click();
  await expect(first.getByText("Adds a reasonable meaning he has not said.")).toBeVisible();
  await expectAccessible(first);
  // The attempt's review shows the rating beside the reply, and the scale it is on.
  await first.goto(review);
  await first.getByText("Read the whole conversation, turn by turn").click();
  await expect(
    first.getByText(
      "Trainer's rating: 4 out of 5, reflection adding meaning. Comment: Good: you named what he wants his kids to see.",
    ),
  ).toBeVisible();
  await first.getByText("What the ratings of written replies mean").click();
  await expect(first.getByText("As 4, and also reflects feeling, or uses an apt metaphor.")).toBeVisible();
  await expectAccessible(first);
});

test("the editor works without JavaScript, and a second trainer's out-of-date save is refused", async ({ browser }) => {
  const noJs = await signedIn(browser, "trainer", { javaScriptEnabled: false });
  await noJs.goto("/studio/wing-safety/edit");
  const original = await editorText(noJs);
  const line = lineOf(original, "goto: seen-going");
  await noJs.getByLabel("Scenario YAML").fill(original.replace("goto: seen-going", "goto: seen-gone"));
  await noJs.getByRole("button", { name: "Save draft" }).click();
  await expect(noJs.getByRole("link", { name: new RegExp(`^Line ${line}: .*seen-gone`) })).toBeVisible();

  // Two editors open the same draft; the second to save is refused and keeps their text.
  const other = await signedIn(browser, "admin");
  await other.goto("/studio/wing-safety/edit");
  await noJs.goto("/studio/wing-safety/edit");
  await noJs
    .getByLabel("Scenario YAML")
    .fill(original.replace("Everyone on the wing will know", "First editor's title"));
  await noJs.getByRole("button", { name: "Save draft" }).click();
  await expect(noJs.getByText("Draft saved. It has no errors.")).toBeVisible();
  await other
    .getByLabel("Scenario YAML")
    .fill(original.replace("Everyone on the wing will know", "Second editor's title"));
  await other.getByRole("button", { name: "Save draft" }).click();
  await expect(
    other.getByRole("alert").getByText(/saved this draft .* after you opened it, so your changes were not saved/),
  ).toBeVisible();
  expect(await editorText(other)).toContain("Second editor's title");
  await noJs.reload();
  expect(await editorText(noJs)).toContain("First editor's title");
  // The built-in file is untouched; the library still lists the scenario as published with a draft.
  await noJs.goto("/studio");
  await expect(noJs.getByRole("row", { name: /First editor's title/ }).getByText("Draft")).toBeVisible();
});

test("import: a valid file becomes a draft; an id clash, a large file and an alias bomb are refused", async ({
  browser,
}) => {
  const trainer = await signedIn(browser, "trainer");
  const download = await trainer.request.get("/studio/appeal-denial/export");
  expect(download.headers()["content-disposition"]).toBe('attachment; filename="appeal-denial.yaml"');
  const exported = await download.text();
  expect(exported).toContain("id: appeal-denial");

  await trainer.goto("/studio/import");
  await expectAccessible(trainer);
  const upload = (name: string, text: string) =>
    trainer
      .getByLabel("Scenario file")
      .setInputFiles({ name, mimeType: "application/yaml", buffer: Buffer.from(text) });

  await upload("clash.yaml", exported);
  await trainer.getByRole("button", { name: "Import" }).click();
  await expect(trainer.getByRole("link", { name: /already a scenario with the id appeal-denial/ })).toBeVisible();
  await expectAccessible(trainer);

  await upload("big.yaml", `# ${"x".repeat(300 * 1024)}\n`);
  await trainer.getByRole("button", { name: "Import" }).click();
  await expect(trainer.getByRole("link", { name: "The file must be 256 KB or smaller" })).toBeVisible();

  const bomb = [
    "a: &a [x, x, x, x, x, x, x, x, x]",
    ...Array.from({ length: 9 }, (_, i) => {
      const p = String.fromCharCode(97 + i);
      return `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${p}`).join(", ")}]`;
    }),
  ].join("\n");
  await upload("bomb.yaml", bomb);
  await trainer.getByRole("button", { name: "Import" }).click();
  await expect(trainer.getByRole("link", { name: "bomb.yaml has errors, so nothing was imported" })).toBeVisible();

  await upload(
    "copy.yaml",
    exported
      .replace("id: appeal-denial", "id: appeal-denial-copy")
      .replace(/^title: .*$/m, 'title: "<script>alert(1)</script> copy"'),
  );
  await trainer.getByRole("button", { name: "Import" }).click();
  await expect(trainer).toHaveURL(/\/studio\/appeal-denial-copy\/edit$/);
  await expect(trainer.getByRole("heading", { level: 1, name: "<script>alert(1)</script> copy" })).toBeVisible();
  const db = e2eDatabase();
  expect(db.prepare("select count(*) as n from audit_events where action = 'scenario.imported'").get()).toEqual({
    n: 1,
  });
  expect(db.prepare("select scenario_id from scenario_drafts where scenario_id like 'appeal%'").all()).toEqual([
    { scenario_id: "appeal-denial-copy" },
  ]);
  db.close();
});

test("officers and managers get 403 on every studio page", async ({ browser }) => {
  for (const username of ["officer", "manager"]) {
    const page = await signedIn(browser, username);
    for (const path of [
      "/studio",
      "/studio/new",
      "/studio/import",
      "/studio/reviews",
      "/studio/wing-safety/edit",
      "/studio/wing-safety/map",
      "/studio/wing-safety/play",
      "/studio/wing-safety/publish",
      "/studio/wing-safety/export",
      "/studio/wing-safety/nodes",
      "/studio/wing-safety/nodes/opening",
      "/studio/wing-safety/nodes/opening/delete",
      "/studio/wing-safety/details",
      "/studio/wing-safety/history",
      "/studio/reviews/1",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), `${username} ${path}`).toBe(403);
    }
    const post = await page.request.post("/studio/validate", { form: { yaml: "id: x", scenarioId: "x" } });
    expect(post.status()).toBe(403);
  }
});

test("each studio page of a scenario has a title of its own", async ({ browser }) => {
  const trainer = await signedIn(browser, "trainer");
  const titles = new Map<string, string>();
  for (const tab of ["nodes", "edit", "map", "play", "details", "history", "publish"]) {
    await trainer.goto(`/studio/wing-safety/${tab}`);
    titles.set(tab, await trainer.title());
  }
  expect(new Set(titles.values()).size, [...titles.values()].join(" | ")).toBe(titles.size);
  expect(titles.get("edit")).toMatch(/^Edit the YAML of /);
  expect(titles.get("history")).not.toContain("wing-safety");
});
