// A draft whose YAML fails the check is still named by the title the trainer wrote, on the publish page and
// everywhere the studio names it; its id names it only when it has no title to show.
import { describe, expect, it } from "vitest";
import { currentUserNamed, requestAs, testContext, testDatabase } from "../support/database";

const { loader } = await import("~/routes/studio.$scenarioId.publish");
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
