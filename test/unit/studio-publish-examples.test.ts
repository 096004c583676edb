// The publish page refuses a draft that still holds the new-scenario wizard's example conversation:
// the page lists each field that holds it, linking to it, and a forged publish is refused with the
// same words; the draft itself checks clean. Once rewritten, it publishes.
import { describe, expect, it } from "vitest";
import { currentUserNamed, requestAs, testContext, testDatabase } from "../support/database";

const { loader, action } = await import("~/routes/studio.$scenarioId.publish");
const { createDraft, loadStudioScenario, saveDraft, checkStudioYaml } = await import("~/studio/studio.server");
const { wizardScenario } = await import("~/studio/template.server");
const { getCurriculum } = await import("~/curriculum/curriculum.server");
const { exampleAnswers } = await import("../support/wizard-answers");
const { rewriteExamples } = await import("../support/studio");
const { EXAMPLE_FEEDBACK } = await import("~/domain/scenario/example-text");

const db = await testDatabase();
const context = testContext(db);
const ID = "example-left-in";

async function publishPage(method: "GET" | "POST", body?: Record<string, string>) {
  const init = body ? { method, body: new URLSearchParams(body) } : { method };
  const request = await requestAs(context, "trainer", `/studio/${ID}/publish`, init);
  const args = { request, params: { scenarioId: ID }, context };
  return method === "GET" ? loader(args) : action(args);
}

describe("publishing the wizard's example conversation", () => {
  it("is refused with the fields that hold it, until the trainer writes their own", async () => {
    const trainer = await currentUserNamed(context, "trainer");
    const module = (await getCurriculum(db))[0].id;
    const made = wizardScenario(exampleAnswers({ id: ID, title: "Example left in", module }));
    expect(await createDraft(db, trainer, ID, made)).toBe(true);
    // A draft may hold it: the editor's check is clean from the first save.
    expect((await checkStudioYaml(db, made, ID)).diagnostics).toEqual([]);

    const page = (await publishPage("GET")) as Awaited<ReturnType<typeof loader>>;
    expect(page.state).toBe("examples");
    if (page.state !== "examples") return;
    expect(page.message).toMatch(/^The example conversation from the new-scenario wizard is still there \(11 texts/);
    expect(page.findings).toContainEqual({
      field: "nodes.middle.prisoner",
      nodeId: "middle",
      severity: "error",
      message: expect.stringMatching(/^The prisoner's line is still the example from the new-scenario wizard/),
    });
    expect(page.findings.map((f) => f.field)).toEqual(
      expect.arrayContaining([
        "nodes.in-your-words.write.feedback",
        // The officer's example options and the written reply's instruction too.
        "nodes.middle.choices.0.say",
        "nodes.middle.choices.1.say",
        "nodes.middle.choices.2.say",
        "nodes.in-your-words.write.prompt",
      ]),
    );
    expect(page.findings).toContainEqual({
      field: "nodes.middle.choices.1.say",
      nodeId: "middle",
      severity: "error",
      message: expect.stringMatching(
        /^Option 2 \('Tell me more about that.'\): what the officer says is still the example from the new-scenario wizard/,
      ),
    });

    // A publish sent anyway (an old page, a forged form) is refused with the same words, and nothing is published.
    const revision = (await loadStudioScenario(db, ID))!.revision;
    const refused = (await publishPage("POST", { revision: String(revision), changeNote: "First" })) as {
      init: { status: number };
      data: { errors: Record<string, string> };
    };
    expect(refused.init.status).toBe(409);
    expect(refused.data.errors.form).toBe(page.message);
    expect(await db.selectFrom("scenario_versions").where("scenario_id", "=", ID).selectAll().execute()).toEqual([]);

    // Rewritten in the trainer's own words, it publishes.
    expect(await saveDraft(db, trainer, ID, rewriteExamples(made), revision)).toMatchObject({ ok: true });
    expect(((await publishPage("GET")) as { state: string }).state).toBe("ready");
    const published = (await publishPage("POST", { revision: String(revision + 1), changeNote: "First" })) as Response;
    expect(published.status).toBe(302);
    expect(await db.selectFrom("scenario_versions").where("scenario_id", "=", ID).selectAll().execute()).toHaveLength(
      1,
    );
  });

  it("is refused while a first option has the example feedback the wizard gave it", async () => {
    const id = "example-feedback-left-in";
    const trainer = await currentUserNamed(context, "trainer");
    const module = (await getCurriculum(db))[0].id;
    const answers = exampleAnswers({ id, title: "Example feedback left in", module });
    answers.options[2] = { say: answers.options[2].say, mi: answers.options[2].mi };
    expect(
      await createDraft(
        db,
        trainer,
        id,
        rewriteExamples(wizardScenario(answers)).replace(
          JSON.stringify(`${EXAMPLE_FEEDBACK.confront} (rewritten)`),
          JSON.stringify(EXAMPLE_FEEDBACK.confront),
        ),
      ),
    ).toBe(true);
    const request = await requestAs(context, "trainer", `/studio/${id}/publish`);
    const page = await loader({ request, params: { scenarioId: id }, context });
    expect(page.state).toBe("examples");
    if (page.state !== "examples") return;
    expect(page.findings).toEqual([
      {
        field: "nodes.opening.choices.2.feedback",
        nodeId: "opening",
        severity: "error",
        message: expect.stringMatching(
          /^Option 3 \('.+'\): the feedback is still the example from the new-scenario wizard/,
        ),
      },
    ]);
  });

  it("shows the checker's teaching warnings, linked to their fields, without stopping publishing", async () => {
    const id = "warned-before-publishing";
    const trainer = await currentUserNamed(context, "trainer");
    const module = (await getCurriculum(db))[0].id;
    // The wizard gives every option feedback, so this draft's trainer removed one option's.
    const made = rewriteExamples(wizardScenario(exampleAnswers({ id, title: "Warned before publishing", module })));
    const withoutFeedback = made.replace(/^ {8}feedback: "An open question: it invites.*\n/m, "");
    expect(withoutFeedback).not.toBe(made);
    expect(await createDraft(db, trainer, id, withoutFeedback)).toBe(true);
    const request = await requestAs(context, "trainer", `/studio/${id}/publish`);
    const page = await loader({ request, params: { scenarioId: id }, context });
    expect(page.state).toBe("ready");
    if (page.state !== "ready") return;
    expect(page.warnings).toEqual([
      {
        field: "nodes.opening.choices.1.feedback",
        nodeId: "opening",
        severity: "warning",
        message: expect.stringMatching(/^Option 2 \('What would make a difference…'\) has no feedback/),
      },
    ]);
    const post = await requestAs(context, "trainer", `/studio/${id}/publish`, {
      method: "POST",
      body: new URLSearchParams({ revision: "1", changeNote: "First" }),
    });
    expect(((await action({ request: post, params: { scenarioId: id }, context })) as Response).status).toBe(302);
  });
});
