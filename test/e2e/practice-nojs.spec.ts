import { expect, test } from "@playwright/test";
import { newOfficer, signIn, signedIn } from "./support";
import { currentNodeId, playToEnd, respond, rowVersion, scenarioFile, startScenario } from "./practice-support";

// axe needs JavaScript in the page, so accessibility of these same pages is checked in practice.spec.ts.
test.use({ javaScriptEnabled: false });

const letter = scenarioFile("bad-news-letter");

test("the whole practice journey works with JavaScript off, written reply included", async ({ page }) => {
  await signIn(page, "officer");
  await startScenario(page, letter.title, "practice");
  // Without a choice the server asks for one.
  await page.getByRole("button", { name: "Say this" }).click();
  await expect(page.getByRole("link", { name: "Select what you say" })).toBeVisible();

  let sawWrite = false;
  for (let i = 0; i < 60 && !/\/review/.test(page.url()); i++) {
    const node = letter.nodes[await currentNodeId(page)];
    if (node.write && !sawWrite) {
      sawWrite = true;
      await expect(page.getByText("You can enter up to 2,000 characters")).toBeVisible();
      // Over the limit: the server refuses it with a field error and keeps the text.
      const before = await rowVersion(page);
      await page.getByLabel(node.write.prompt).fill("a".repeat(2001));
      await page.getByRole("button", { name: "Send reply" }).click();
      await expect(page.getByRole("link", { name: "Your reply must be 2000 characters or fewer" })).toBeVisible();
      await expect(page).toHaveTitle(/^Error: /);
      expect(await rowVersion(page)).toBe(before);
      expect((await page.getByLabel(node.write.prompt).inputValue()).length).toBe(2001);
    }
    await respond(page, letter, { reply: "It feels like nobody tells you anything until it's too late." });
    if (!/\/review/.test(page.url())) await expect(page.getByTestId("feedback")).toBeVisible();
    await expect(page).not.toHaveTitle(/^Error: /);
  }
  expect(sawWrite).toBe(true);
  await expect(page.getByText("Practice review")).toBeVisible();
  await expect(page.getByTestId("verdict")).toContainText("Practice does not count towards being competent");
  // The folded conversation opens without JavaScript (a details element).
  await page.getByText("Read the whole conversation, turn by turn").click();
  await expect(page.getByText("Written reply: rated by a trainer, not counted in the indicators")).toBeVisible();
  await expect(page.getByText("It feels like nobody tells you anything until it's too late.")).toBeVisible();

  await page.getByRole("link", { name: "My record", exact: true }).first().click();
  await expect(
    page.getByRole("cell", { name: new RegExp(letter.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }),
  ).toBeVisible();
  await expect(page.getByText("Written reply not yet rated")).toBeVisible();

  // Abandon works without JavaScript too.
  await startScenario(page, letter.title, "assessment");
  await page.getByRole("link", { name: "Abandon this attempt" }).click();
  await page.getByRole("button", { name: "Abandon attempt" }).click();
  await expect(page.getByText("Attempt abandoned")).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("link", { name: `Continue your assessment – ${letter.title}` })).toHaveCount(0);
  // The next step's link to the scenario's page works without JavaScript.
  await page
    .getByTestId("next-step")
    .getByRole("link", { name: /^Read about the scenario first – / })
    .click();
  await expect(page.getByRole("button", { name: /^(Start practice|Start assessment)$/ }).first()).toBeVisible();
});

test("a written reply sent after the session ended is in the box again after signing in", async ({ browser }) => {
  // An officer of this test's own, whose sessions it can end without touching other tests'.
  const page = await newOfficer(
    browser,
    { username: "kept.nojs", fullName: "Kit Dunmore", password: "tea on the landing" },
    { javaScriptEnabled: false },
  );

  const roy = scenarioFile("courses-for-nonces");
  await startScenario(page, roy.title, "practice");
  while (!roy.nodes[await currentNodeId(page)].write) await respond(page, roy);
  const prompt = roy.nodes[await currentNodeId(page)].write!.prompt;
  const reply = "It sounds like being seen as a nonce on the wing worries you more than the course itself.";
  await page.getByLabel(prompt).fill(reply);

  // The session ends before the reply is sent (here: signed out of it from another computer).
  const elsewhere = await signedIn(browser, "kept.nojs", { password: "tea on the landing" });
  await elsewhere.goto("/account/sessions");
  await elsewhere.getByRole("button", { name: "Sign out of all other sessions" }).click();
  await expect(elsewhere.getByText("Signed out of 1 other session.")).toBeVisible();

  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fattempts%2F/);
  await expect(page.getByText("You were signed out from another browser or device")).toBeVisible();
  await signIn(page, "kept.nojs", "tea on the landing");
  await expect(page.getByLabel(prompt)).toHaveValue(reply);
  await expect(page.getByText("What you had written here before has been put back.")).toBeVisible();
  const before = await rowVersion(page);
  await page.getByRole("button", { name: "Send reply" }).click();
  expect(await rowVersion(page)).not.toBe(before);
  await expect(page.getByTestId("feedback")).toContainText(reply);
  // Put back once only.
  await page.reload();
  await expect(page.getByText("What you had written here before has been put back.")).toHaveCount(0);
});

test("the next step starts an assessment with JavaScript off, saying first what an assessment means", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await newOfficer(
    browser,
    { username: "nojs.assessment", fullName: "Nia Jameson", password: "assessment without scripts" },
    { javaScriptEnabled: false },
  );
  const wing = scenarioFile("wing-safety");
  await startScenario(page, wing.title, "practice");
  await playToEnd(page, wing);
  await page.goto("/");
  const next = page.getByTestId("next-step");
  await expect(next).toContainText(`Take the assessment: ${wing.title}`);
  await expect(next).toContainText("An assessment gives you feedback only at the end");
  await next.getByRole("button", { name: `Start the assessment – ${wing.title}` }).click();
  await expect(page).toHaveURL(/\/attempts\/[A-Za-z0-9_-]{22}$/);
  await expect(page.getByText("Assessment: feedback at the end")).toBeVisible();
});

test("the next step starts practice with JavaScript off, saying first what practice means", async ({ browser }) => {
  const page = await newOfficer(
    browser,
    { username: "nojs.practice", fullName: "Noor Jaffer", password: "practice without scripts" },
    { javaScriptEnabled: false },
  );
  await page.goto("/");
  const next = page.getByTestId("next-step");
  await expect(next).toContainText(/^Your next step\s*Practise: /);
  await expect(next).toContainText("Practice gives you feedback after each response");
  await next.getByRole("button", { name: /^Start practice – / }).click();
  await expect(page).toHaveURL(/\/attempts\/[A-Za-z0-9_-]{22}$/);
  await expect(page.getByText("Practice: feedback after each response")).toBeVisible();
});
