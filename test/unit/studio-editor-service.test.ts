/**
 * Saving a form over a draft in a real database: the edits land as the next revision, an
 * untouched form saves nothing, bad input and a stale page change nothing.
 */
import { describe, expect, it } from "vitest";
import { currentUserNamed, requestAs, testContext, testDatabase } from "../support/database";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { controlsOf, formDataOf } from "../support/html-form";
import { ownWords, templateDraft } from "../support/studio";
import { exampleAnswers, wizardFields } from "../support/wizard-answers";

const { createDraft, loadStudioScenario, saveDraft, draftHistory, takenScenarioIds } =
  await import("~/studio/studio.server");
const { editDraft, loadEditor, nodeMap } = await import("~/studio/editor.server");
const { nodeFieldValues, nodeFormEdits } = await import("~/studio/node-form.server");
const { deleteNodeEdits, deleteNodeFieldValues, detailsEdits, detailsFieldValues, nodeListEdits, nodeListFieldValues } =
  await import("~/studio/editor-forms.server");
const { NodeEditorFields } = await import("~/studio/node-editor");
const { howInWords } = await import("~/studio/revision-words.server");
const { NEW_NODE } = await import("~/domain/scenario/editor/form-model");
const { wizardScenario } = await import("~/studio/template.server");
const { getCurriculum } = await import("~/curriculum/curriculum.server");
const nodePage = await import("~/routes/studio.$scenarioId.nodes.$nodeId._index");
const detailsPage = await import("~/routes/studio.$scenarioId.details");
const nodesPage = await import("~/routes/studio.$scenarioId.nodes._index");
const { ScenarioDetailsFields } = await import("~/studio/details-editor");

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
    // The history says what the form changed: only the field the trainer changed, in the forms' words.
    const [saved] = await draftHistory(db, "form-saves");
    expect(saved?.revision).toBe(2);
    expect(howInWords(saved?.how ?? "")).toBe("Saved in the forms. Node middle: the prisoner's line.");

    // The same page submitted again is out of date now; nothing is saved.
    expect(await editDraft(db, trainer, "form-saves", 1, build, "middle")).toMatchObject({ kind: "stale" });
    // A revision the draft never reached is no one's save (only a hand-made form has it): reload, it says.
    expect(await editDraft(db, trainer, "form-saves", 9, build, "middle")).toEqual({
      kind: "stale",
      message: "This form is out of date. Reload the page.",
    });
    expect(await saveDraft(db, trainer, "form-saves", "title: x\n", 9)).toEqual({
      ok: false,
      message: "This form is out of date. Reload the page.",
    });
    expect((await draftHistory(db, "form-saves"))[0]?.revision).toBe(2);
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

  it("refuses, on a node's page, a form sent for another node or with a forged button, and saves nothing", async () => {
    const before = (await loadStudioScenario(db, "form-saves"))!;
    const post = async (nodeId: string, changes: Record<string, string>) => {
      const form = await submission({ revision: String(before.revision), ...changes });
      const request = await requestAs(context, "trainer", `/studio/form-saves/nodes/${nodeId}`, {
        method: "POST",
        body: new URLSearchParams([...form.entries()] as [string, string][]),
      });
      const params = { scenarioId: "form-saves", nodeId };
      return (await nodePage.action({ request, params, context })) as unknown as { init: ResponseInit; data: unknown };
    };
    const sentElsewhere = await post("opening", {});
    expect(sentElsewhere.init.status).toBe(400);
    expect(sentElsewhere.data).toEqual({ errors: { form: expect.stringContaining("out of date") }, values: {} });
    const forged = await post("middle", { intent: "add-branch:write" });
    expect(forged.init.status).toBe(400);
    expect(forged.data).toMatchObject({ errors: { "nodes.middle": expect.stringMatching(/no written reply/) } });
    const after = (await loadStudioScenario(db, "form-saves"))!;
    expect([after.revision, after.yaml]).toEqual([before.revision, before.yaml]);
  });

  it("stays on the node after 'Add an option' or 'Duplicate' that also makes a new node, and opens the new node after 'Save node'", async () => {
    const choicesOf = async (id: string) =>
      (await loadEditor(db, "form-saves"))!.form!.nodes.find((n) => n.id === id)?.choices.map((c) => c.id);
    const post = async (changes: Record<string, string>) => {
      const revision = (await loadStudioScenario(db, "form-saves"))!.revision;
      // The page's hidden fields: the revision it shows, and how many options the node had.
      const choices = String((await choicesOf("middle"))!.length);
      const form = await submission({ revision: String(revision), choices, ...changes });
      const request = await requestAs(context, "trainer", "/studio/form-saves/nodes/middle", {
        method: "POST",
        body: new URLSearchParams([...form.entries()] as [string, string][]),
      });
      const params = { scenarioId: "form-saves", nodeId: "middle" };
      const res = (await nodePage.action({ request, params, context })) as unknown as Response;
      return res.headers.get("Location");
    };
    const before = (await choicesOf("middle"))!;
    const added = await post({ intent: "add-choice", "nodes.middle.choices.0.goto.0.node": NEW_NODE });
    expect(added).toBe(`/studio/form-saves/nodes/middle#field-nodes.middle.choices.${before.length}`);
    expect(await choicesOf("middle")).toHaveLength(before.length + 1);
    expect(await choicesOf("after-reflect-kids")).toEqual([]);

    const copied = await post({ intent: "duplicate-choice:1", "nodes.middle.choices.1.goto.0.node": NEW_NODE });
    expect(copied).toBe("/studio/form-saves/nodes/middle#field-nodes.middle.choices.2");
    expect(await choicesOf("after-your-words")).toEqual([]);
    // "Save node" still opens the new node to write it next.
    expect(await post({ "nodes.middle.choices.0.goto.0.node": NEW_NODE })).toBe(
      "/studio/form-saves/nodes/after-reflect-kids-2",
    );
    // Renamed in the same save: the page follows the node's new id.
    const renamed = await post({
      intent: "add-choice",
      "nodes.middle.id": "kids",
      "nodes.middle.choices.2.goto.0.node": NEW_NODE,
    });
    expect(renamed).toBe("/studio/form-saves/nodes/kids#field-nodes.kids.choices.5");
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

  it("shows the template's placeholder text as an error at each field that still holds it", async () => {
    const trainer = await userNamed("trainer");
    const module = (await getCurriculum(db))[0].id;
    await createDraft(db, trainer, "from-template", templateDraft({ id: "from-template", title: "Template", module }));
    const request = await requestAs(context, "trainer", "/studio/from-template/details");
    const page = await detailsPage.loader({ request, params: { scenarioId: "from-template" }, context });
    expect(Object.keys(page.findings).sort()).toEqual(["persona.background", "persona.voice", "summary"]);
    expect(page.findings.summary).toEqual([
      expect.objectContaining({
        code: "example-text",
        severity: "error",
        message:
          "What the conversation is about is the template's placeholder text: write it in your own words before publishing.",
      }),
    ]);
    const html = renderToStaticMarkup(
      createElement(
        "form",
        null,
        createElement(ScenarioDetailsFields, {
          form: page.form,
          modules: page.modules,
          state: { findings: page.findings },
        }),
      ),
    );
    expect(html).toContain("His background is the template&#x27;s placeholder text");
    // Once the trainer's own words are in, nothing is left to show.
    const draft = (await loadStudioScenario(db, "from-template"))!;
    await saveDraft(db, trainer, "from-template", ownWords(draft.yaml), draft.revision);
    expect((await loadEditor(db, "from-template"))!.placed).toEqual([]);
  });
});

describe("an option without feedback", () => {
  it("is a warning in the node's Problems on the nodes page, shown at the option's feedback field", async () => {
    const trainer = await userNamed("trainer");
    const module = (await getCurriculum(db))[0].id;
    // The wizard gives every option feedback: this trainer removed one option's.
    const made = wizardScenario(exampleAnswers({ id: "no-feedback", title: "No feedback", module }));
    await createDraft(
      db,
      trainer,
      "no-feedback",
      made.replace(/^ {8}feedback: "An open question: it invites.*\n/m, ""),
    );
    const request = await requestAs(context, "trainer", "/studio/no-feedback/nodes");
    const page = await nodesPage.loader({ request, params: { scenarioId: "no-feedback" }, context });
    expect(page.nodes.find((n) => n.id === "opening")).toMatchObject({ errors: 0, warnings: 1 });
    expect(page.nodes.filter((n) => n.warnings).map((n) => n.id)).toEqual(["opening"]);
    expect(page.findings).toEqual([
      {
        field: "nodes.opening.choices.1.feedback",
        nodeId: "opening",
        severity: "warning",
        // Named as the trainer knows it (its number and words), not by its id.
        message:
          "Option 2 ('What would make a difference…') has no feedback: practice mode shows officers nothing after choosing it.",
      },
    ]);
  });
});

describe("the new-scenario wizard's page", () => {
  const wizard = import("~/routes/studio.new");
  const post = async (fields: Record<string, string>) => {
    const request = await requestAs(context, "trainer", "/studio/new", {
      method: "POST",
      body: new URLSearchParams(fields),
    });
    const res = (await (await wizard).action({ request, params: {}, context })) as unknown;
    if (res instanceof Response) return { status: res.status, step: 0, errors: {} };
    const page = res as { init: ResponseInit; data: { step: number; errors: Record<string, string> } };
    return { status: page.init.status, step: page.data.step, errors: page.data.errors };
  };

  it("makes one scenario from a form sent twice at once, and lands the second send on it", async () => {
    const module = (await getCurriculum(db))[0].id;
    const form = wizardFields({ title: "Double test", module });
    const before = await takenScenarioIds(db);
    const send = async () => {
      const request = await requestAs(context, "trainer", "/studio/new", {
        method: "POST",
        body: new URLSearchParams(form),
      });
      return (await (await wizard).action({ request, params: {}, context })) as Response;
    };
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((a) => [a.status, a.headers.get("Location")])).toEqual([
      [302, "/studio/double-test/nodes"],
      [302, "/studio/double-test/nodes"],
    ]);
    // And once more afterwards (the browser's back button, then send).
    expect((await send()).headers.get("Location")).toBe("/studio/double-test/nodes");
    expect([...(await takenScenarioIds(db))].filter((id) => !before.has(id))).toEqual(["double-test"]);
    const created = await db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "scenario.created")
      .execute();
    expect(created.filter((r) => r.details?.includes('"scenarioId":"double-test')).length).toBe(1);
    // A new form (a new key) with the same title is a second scenario, as before.
    const second = await post({ ...wizardFields({ title: "Double test", module }) });
    expect(second.status).toBe(302);
    expect([...(await takenScenarioIds(db))].filter((id) => !before.has(id)).sort()).toEqual([
      "double-test",
      "double-test-2",
    ]);
    // Without a key Engage gave, nothing is made and the answers come back with a key to send them again.
    expect(await post({ ...wizardFields({ title: "No key", module }), formKey: "not-a-key" })).toMatchObject({
      status: 400,
      step: 2,
      errors: { form: expect.stringContaining("out of date") },
    });
    expect(await takenScenarioIds(db)).not.toContain("no-key");
  });

  it("refuses a forged step or hostile answers with a message, and creates nothing", async () => {
    const module = (await getCurriculum(db))[0].id;
    const good = wizardFields({ title: "Hostile answers", module });
    const before = await takenScenarioIds(db);
    const refusals: [Record<string, string>, number, Record<string, unknown>][] = [
      [{ intent: "publish" }, 1, { form: expect.stringContaining("out of date") }],
      [{ intent: "" }, 1, { form: expect.stringContaining("out of date") }],
      [{ module: "../../etc/passwd" }, 1, { module: "Choose a module from the list" }],
      [{ title: "x".repeat(121) }, 1, { title: "Title must be 120 characters or fewer" }],
      [{ personaName: "Lee\u202e" }, 1, { personaName: expect.stringMatching(/hidden or control/) }],
      [{ "options.1.mi": "reflect" }, 2, { "options.1.mi": "Choose an MI code from the list" }],
      [{ openingTalk: "__proto__" }, 2, { openingTalk: expect.stringMatching(/kind of talk/) }],
      [
        { "options.0.say": "<script>alert(1)</script>".repeat(50) },
        2,
        { "options.0.say": expect.stringMatching(/1000/) },
      ],
    ];
    for (const [changes, step, errors] of refusals) {
      const answer = await post({ ...good, ...changes });
      expect(answer).toEqual({ status: 400, step, errors });
    }
    // A row beyond the form's four is not read; the answers are still checked as the form sent them.
    const extra = await post({ ...good, "options.9.say": "Ignored.", "options.9.mi": "confront" });
    expect(extra.status).toBe(302);
    const after = await takenScenarioIds(db);
    expect([...after].filter((id) => !before.has(id))).toEqual(["hostile-answers"]);
    expect((await loadStudioScenario(db, "hostile-answers"))!.yaml).not.toContain("Ignored.");
  });
});

describe("a form sent from a page another trainer's save made out of date", () => {
  /** What a node's page showed at the draft's current revision, sent later with some fields changed. */
  async function pageOf(scenarioId: string, nodeId: string) {
    const view = (await loadEditor(db, scenarioId))!;
    const node = view.form!.nodes.find((n) => n.id === nodeId)!;
    const html = renderToStaticMarkup(
      createElement("form", null, createElement(NodeEditorFields, { form: view.form!, node, state: { findings: {} } })),
    );
    const revision = view.scenario.revision;
    return {
      revision,
      send: (changes: Record<string, string>) => formDataOf(controlsOf(html), changes),
      post: async (changes: Record<string, string>) => {
        const form = formDataOf(controlsOf(html), { revision: String(revision), ...changes });
        const request = await requestAs(context, "trainer", `/studio/${scenarioId}/nodes/${nodeId}`, {
          method: "POST",
          body: new URLSearchParams([...form.entries()] as [string, string][]),
        });
        const params = { scenarioId, nodeId };
        return (await nodePage.action({ request, params, context })) as unknown as {
          init: ResponseInit;
          data: { errors: Record<string, string>; values: Record<string, string>; unsaved?: unknown[] };
        };
      },
    };
  }
  const nodeSave = (sent: FormData, nodeId: string) => ({
    build: (form: Parameters<typeof nodeFormEdits>[0]) => nodeFormEdits(form, sent),
    fields: { sent, fieldsIn: (form: Parameters<typeof nodeFormEdits>[0]) => nodeFieldValues(form, nodeId) },
  });
  const newScenario = async (id: string) => {
    const trainer = await userNamed("trainer");
    const module = (await getCurriculum(db))[0].id;
    await createDraft(db, trainer, id, wizardScenario(exampleAnswers({ id, title: "Clash", module })));
  };

  it("keeps what was typed when the other save changed the same node, with their text at each field both changed", async () => {
    await newScenario("clash-same");
    const admin = await userNamed("admin");
    const mine = await pageOf("clash-same", "middle");
    const theirs = await pageOf("clash-same", "middle");
    const first = nodeSave(
      theirs.send({ "nodes.middle.prisoner": "Their line.", "nodes.middle.choices.1.feedback": "Theirs." }),
      "middle",
    );
    expect(
      await editDraft(db, admin, "clash-same", theirs.revision, first.build, "middle", first.fields),
    ).toMatchObject({
      kind: "saved",
    });
    const yaml = (await loadStudioScenario(db, "clash-same"))!.yaml;

    const response = await mine.post({
      "nodes.middle.prisoner": "My line.",
      "nodes.middle.choices.0.feedback": "Mine.",
    });
    expect(response.init.status).toBe(409);
    expect(response.data.values).toEqual({
      "nodes.middle.prisoner": "My line.",
      "nodes.middle.choices.0.feedback": "Mine.",
    });
    expect(response.data.errors.form).toMatch(
      /^Alex Rowan saved this node on .* after you opened this page, so your change was not saved\. Your text is still in the form/,
    );
    expect(response.data.errors["nodes.middle.prisoner"]).toMatch(/^Alex Rowan saved “Their line\.” here meanwhile/);
    // Their feedback on option 2 is not in what comes back, so the form shows it (and saving again keeps it).
    expect(Object.keys(response.data.errors).sort()).toEqual(["form", "nodes.middle.prisoner"]);
    expect((await loadStudioScenario(db, "clash-same"))!.yaml).toBe(yaml);
  });

  it("makes the change on top of the other save when that left this node alone, and says so", async () => {
    await newScenario("clash-other");
    const [trainer, admin] = [await userNamed("trainer"), await userNamed("admin")];
    const mine = await pageOf("clash-other", "middle");
    const theirs = await pageOf("clash-other", "opening");
    const first = nodeSave(theirs.send({ "nodes.opening.prisoner": "Their opening." }), "opening");
    await editDraft(db, admin, "clash-other", theirs.revision, first.build, "opening", first.fields);
    const second = nodeSave(mine.send({ "nodes.middle.prisoner": "My middle." }), "middle");
    expect(
      await editDraft(db, trainer, "clash-other", mine.revision, second.build, "middle", second.fields),
    ).toMatchObject({
      kind: "saved",
      revision: mine.revision + 2,
      meanwhile: expect.stringMatching(
        /^Alex Rowan saved another part of this draft on .* after you opened this page\. Your change did not touch theirs, so both are kept\.$/,
      ),
    });
    const yaml = (await loadStudioScenario(db, "clash-other"))!.yaml;
    expect(yaml).toContain("Their opening.");
    expect(yaml).toContain("My middle.");
  });

  it("lists what was typed, not in a field, when the other save added or removed an option", async () => {
    await newScenario("clash-shape");
    const [trainer, admin] = [await userNamed("trainer"), await userNamed("admin")];
    const mine = await pageOf("clash-shape", "middle");
    const theirs = await pageOf("clash-shape", "middle");
    const first = nodeSave(theirs.send({ intent: "delete-choice:0" }), "middle");
    expect(
      await editDraft(db, admin, "clash-shape", theirs.revision, first.build, "middle", first.fields),
    ).toMatchObject({
      kind: "saved",
    });
    const second = nodeSave(mine.send({ "nodes.middle.choices.1.say": "My words for option 2." }), "middle");
    expect(
      await editDraft(db, trainer, "clash-shape", mine.revision, second.build, "middle", second.fields),
    ).toMatchObject({
      kind: "stale",
      values: {},
      unsaved: [
        {
          field: "nodes.middle.choices.1.say",
          words: "Option 2: what the officer says",
          text: "My words for option 2.",
        },
      ],
    });
  });

  it("adds a node on top of another save, and moves or deletes one only where the other save left what it rests on", async () => {
    await newScenario("clash-list");
    const [trainer, admin] = [await userNamed("trainer"), await userNamed("admin")];
    const opened = (await loadStudioScenario(db, "clash-list"))!.revision;
    const listForm = (fields: Record<string, string>) => {
      const sent = new FormData();
      for (const [k, v] of Object.entries(fields)) sent.set(k, v);
      return {
        build: (form: Parameters<typeof nodeListEdits>[0]) => nodeListEdits(form, sent),
        fields: { sent, fieldsIn: (form: Parameters<typeof nodeListEdits>[0]) => nodeListFieldValues(form, sent) },
      };
    };
    const deleting = (nodeId: string) => ({
      build: (form: Parameters<typeof deleteNodeEdits>[0]) => deleteNodeEdits(form, nodeId),
      fields: {
        sent: new FormData(),
        fieldsIn: (form: Parameters<typeof deleteNodeEdits>[0]) => deleteNodeFieldValues(form, nodeId),
      },
    });
    // Another trainer changes the middle node after this trainer opened the nodes list.
    const page = await pageOf("clash-list", "middle");
    const theirs = nodeSave(page.send({ "nodes.middle.prisoner": "Their middle." }), "middle");
    await editDraft(db, admin, "clash-list", opened, theirs.build, "middle", theirs.fields);

    // A new node rests on nothing: it goes on top, and the page says so.
    const add = listForm({
      intent: "add-node",
      "new.id": "new-one",
      "new.prisoner": "A new line.",
      "new.talk": "neutral",
    });
    expect(await editDraft(db, trainer, "clash-list", opened, add.build, "", add.fields)).toMatchObject({
      kind: "saved",
      meanwhile: expect.stringContaining("both are kept"),
    });
    // A move rests on the order, which the new node changed: refused, with nothing to keep.
    const move = listForm({ intent: "move-node:0", node: "middle" });
    expect(await editDraft(db, trainer, "clash-list", opened, move.build, "", move.fields)).toEqual({
      kind: "stale",
      message: expect.stringMatching(
        /after you opened this page, so your change was not saved\. The page now shows the draft as it is saved: look at it, then make your change again\.$/,
      ),
    });
    // Deleting the node they changed is refused; deleting one they left alone is made on top.
    const yaml = (await loadStudioScenario(db, "clash-list"))!.yaml;
    const middle = deleting("middle");
    expect(await editDraft(db, trainer, "clash-list", opened, middle.build, "", middle.fields)).toMatchObject({
      kind: "stale",
    });
    expect((await loadStudioScenario(db, "clash-list"))!.yaml).toBe(yaml);
    const other = deleting("in-your-words");
    expect(await editDraft(db, trainer, "clash-list", opened, other.build, "", other.fields)).toMatchObject({
      kind: "saved",
      meanwhile: expect.stringContaining("both are kept"),
    });
    const after = (await loadStudioScenario(db, "clash-list"))!.yaml;
    expect(after).toContain("Their middle.");
    expect(after).toContain("new-one");
    expect(yaml).toMatch(/^ {2}in-your-words:$/m);
    expect(after).not.toMatch(/^ {2}in-your-words:$/m);
  });

  it("does the same on the details page", async () => {
    await newScenario("clash-details");
    const [trainer, admin] = [await userNamed("trainer"), await userNamed("admin")];
    const opened = (await loadStudioScenario(db, "clash-details"))!.revision;
    const moduleIds = (await getCurriculum(db, { withUnoffered: true })).map((m) => m.id);
    const details = (fields: Record<string, string>) => {
      const sent = new FormData();
      for (const [k, v] of Object.entries(fields)) sent.set(k, v);
      return {
        build: (form: Parameters<typeof detailsEdits>[0]) => {
          const all = detailsFieldValues(form);
          const full = new FormData();
          for (const [k, v] of Object.entries({ ...all, ...fields })) full.set(k, v);
          return detailsEdits(form, full, moduleIds);
        },
        fields: { sent, fieldsIn: detailsFieldValues },
      };
    };
    // Another trainer's node save leaves the details alone: the title change goes on top.
    const page = await pageOf("clash-details", "opening");
    const node = nodeSave(page.send({ "nodes.opening.prisoner": "Their opening." }), "opening");
    await editDraft(db, admin, "clash-details", opened, node.build, "opening", node.fields);
    const mine = details({ title: "My title" });
    expect(await editDraft(db, trainer, "clash-details", opened, mine.build, "", mine.fields)).toMatchObject({
      kind: "saved",
      meanwhile: expect.stringContaining("both are kept"),
    });
    // Their title against mine: refused, mine kept, theirs shown at the field.
    const now = (await loadStudioScenario(db, "clash-details"))!.revision;
    const theirs = details({ title: "Their title" });
    await editDraft(db, admin, "clash-details", now, theirs.build, "", theirs.fields);
    const again = details({ title: "My second title" });
    expect(await editDraft(db, trainer, "clash-details", now, again.build, "", again.fields)).toMatchObject({
      kind: "stale",
      values: { title: "My second title" },
      errors: { title: expect.stringMatching(/^Alex Rowan saved “Their title” here meanwhile/) },
    });
  });
});
