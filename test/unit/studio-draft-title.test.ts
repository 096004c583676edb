// A draft whose YAML fails the check is still named by the title the trainer wrote, on the publish page and
// everywhere the studio names it; its id names it only when it has no title to show. The publish page counts its
// errors in words that agree with the number.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { currentUserNamed, requestAs, testContext, testDatabase } from "../support/database";

const page: { loaded: unknown } = vi.hoisted(() => ({ loaded: null }));
vi.mock("@remix-run/react", async (original) => ({
  ...(await original<typeof import("@remix-run/react")>()),
  useLoaderData: () => page.loaded,
  useActionData: () => undefined,
}));

const { loader, default: Publish } = await import("~/routes/studio.$scenarioId.publish");
const { createDraft } = await import("~/studio/studio.server");
const { wizardScenario } = await import("~/studio/template.server");
const { getCurriculum } = await import("~/curriculum/curriculum.server");
const { exampleAnswers } = await import("../support/wizard-answers");

const db = await testDatabase();
const context = testContext(db);

/** A wizard draft with `count` options given an MI code the schema does not know. */
async function draftWithErrors(id: string, title: string, count: number, edit = (yaml: string) => yaml) {
  const module = (await getCurriculum(db))[0].id;
  let yaml = wizardScenario(exampleAnswers({ id, title, module }));
  for (let i = 0; i < count; i++) yaml = yaml.replace(/mi: (?!not_a_code)\w+/, "mi: not_a_code");
  expect(await createDraft(db, await currentUserNamed(context, "trainer"), id, edit(yaml))).toBe(true);
  const request = await requestAs(context, "trainer", `/studio/${id}/publish`);
  return loader({ request, params: { scenarioId: id }, context });
}

/** The publish page's words as a reader gets them. */
function publishPageText(loaded: unknown) {
  page.loaded = loaded;
  return renderToStaticMarkup(createElement(Publish))
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ");
}

describe("naming a draft with errors", () => {
  it("uses the title it has, and the id only when it has none", async () => {
    expect(await draftWithErrors("titled-but-broken", "Kitchen work", 1)).toMatchObject({
      title: "Kitchen work",
      state: "errors",
      errors: 1,
    });
    const untitled = await draftWithErrors("untitled-and-broken", "Blank", 1, (y) =>
      y.replace(/^title: .*$/m, 'title: " "'),
    );
    expect(untitled).toMatchObject({ title: "untitled-and-broken", state: "errors" });
  });
});

describe("the publish page of a draft with errors", () => {
  it("says 1 error and fix it, or 2 errors and fix them", async () => {
    const one = publishPageText(await draftWithErrors("one-error", "One error", 1));
    expect(one).toContain("The draft has 1 error, so it cannot be published. Fix it in the editor");
    const two = publishPageText(await draftWithErrors("two-errors", "Two errors", 2));
    expect(two).toContain("The draft has 2 errors, so it cannot be published. Fix them in the editor");
  });
});
