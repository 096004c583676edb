/**
 * Saving a form over a draft in a real database: the edits land as the next revision, an
 * untouched form saves nothing, bad input and a stale page change nothing.
 */
import { describe, expect, it } from "vitest";
import { currentUserNamed, testContext, testDatabase } from "../support/database";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { controlsOf, formDataOf } from "../support/html-form";
import { exampleAnswers } from "../support/wizard-answers";

const { createDraft, loadStudioScenario, saveDraft, draftHistory } = await import("~/studio/studio.server");
const { editDraft, loadEditor, nodeMap } = await import("~/studio/editor.server");
const { nodeFormEdits } = await import("~/studio/node-form.server");
const { NodeEditorFields } = await import("~/studio/node-editor");
const { wizardScenario } = await import("~/studio/template.server");
const { getCurriculum } = await import("~/curriculum.server");

const db = await testDatabase();
const context = testContext(db);

const userNamed = (username: string) => currentUserNamed(context, username);

/** What the node's page would send, with some fields changed. */
async function submission(changes: Record<string, string>) {
  const view = (await loadEditor(db, "form-saves"))!;
  const node = view.form!.nodes.find((n) => n.id === "middle")!;
  const html = renderToStaticMarkup(
    createElement("form", null, createElement(NodeEditorFields, { form: view.form!, node, state: { findings: {} } })),
  );
  return formDataOf(controlsOf(html), changes);
}

describe("saving a node's form", () => {
  it("saves the change as the next revision, and says so", async () => {
    const trainer = await userNamed("trainer");
    const module = (await getCurriculum(db))[0].id;
    await createDraft(
      db,
      trainer,
      "form-saves",
      wizardScenario(exampleAnswers({ id: "form-saves", title: "Form saves", module })),
    );
    const view = (await loadEditor(db, "form-saves"))!;
    expect(view.form?.nodes.map((n) => n.id)).toContain("middle");
    expect(view.placed).toEqual([]);
    expect(
      nodeMap(view, "middle")
        ?.nodes.map((n) => n.id)
        .sort(),
    ).toEqual(["in-your-words", "middle", "opening", "end-disengaged"].sort());

    const changed = await submission({ "nodes.middle.prisoner": "My kids. I'd like to see them grow up." });
    const build = (form: Parameters<typeof nodeFormEdits>[0]) => nodeFormEdits(form, changed);
    expect(await editDraft(db, trainer, "form-saves", 1, build, "middle")).toEqual({
      kind: "saved",
      revision: 2,
      nodeId: undefined,
      errors: 0,
    });
    expect((await loadStudioScenario(db, "form-saves"))!.yaml).toContain(
      'prisoner: "My kids. I\'d like to see them grow up."',
    );
    expect((await draftHistory(db, "form-saves"))[0]).toMatchObject({ revision: 2, how: "form" });

    // The same page submitted again is out of date now; nothing is saved.
    expect(await editDraft(db, trainer, "form-saves", 1, build, "middle")).toMatchObject({ kind: "stale" });
    // An untouched form, bad input, and an edit the draft refuses: no new revision.
    const same = await submission({});
    const untouched = (form: Parameters<typeof nodeFormEdits>[0]) => nodeFormEdits(form, same);
    expect(await editDraft(db, trainer, "form-saves", 2, untouched, "middle")).toEqual({ kind: "unchanged" });
    const forged = await submission({ "nodes.middle.choices.0.mi": "reflect" });
    const bad = (form: Parameters<typeof nodeFormEdits>[0]) => nodeFormEdits(form, forged);
    expect(await editDraft(db, trainer, "form-saves", 2, bad, "middle")).toMatchObject({
      kind: "invalid",
      errors: { "nodes.middle.choices.0.mi": "Choose the MI code of option 1 from the list" },
    });
    const renamed = await submission({ "nodes.middle.id": "opening" });
    const taken = (form: Parameters<typeof nodeFormEdits>[0]) => nodeFormEdits(form, renamed);
    expect(await editDraft(db, trainer, "form-saves", 2, taken, "middle")).toMatchObject({
      kind: "invalid",
      errors: { "nodes.middle.id": "There is already a node called 'opening'. Choose another id." },
    });
    expect((await loadStudioScenario(db, "form-saves"))!.revision).toBe(2);
  });

  it("says when a draft cannot be shown as forms, and leaves it to the YAML view", async () => {
    const trainer = await userNamed("trainer");
    expect(await saveDraft(db, trainer, "wing-safety", "id: wing-safety\n  bad: indent\n", 0)).toMatchObject({
      ok: true,
    });
    const view = (await loadEditor(db, "wing-safety"))!;
    expect(view.form).toBeNull();
    expect(view.formProblems[0].code).toBe("yaml-syntax");
    const build = (form: Parameters<typeof nodeFormEdits>[0]) => nodeFormEdits(form, new FormData());
    expect(await editDraft(db, trainer, "wing-safety", 1, build)).toMatchObject({ kind: "not-editable" });
    expect(await editDraft(db, trainer, "no-such-scenario", 0, build)).toBeNull();
  });
});
