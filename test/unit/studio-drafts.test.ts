import { describe, expect, it } from "vitest";
import { currentUserNamed, requestAs, testContext, testDatabase } from "../support/database";

const { checkRevision } = await import("~/studio/concurrency");
const {
  saveDraft,
  publishDraft,
  createDraft,
  draftHistory,
  restoreRevision,
  importScenario,
  loadStudioScenario,
  strandedAttempts,
  checkStudioYaml,
} = await import("~/studio/studio.server");
const { getCurriculum, newestVersionOf } = await import("~/curriculum/curriculum.server");
const { numberedVersions, rollBack, deleteUnpublishedDraft } = await import("~/studio/lifecycle.server");
const { getDraft } = await import("~db/queries/scenario-drafts.server");
const { howInWords } = await import("~/studio/revision-words.server");

const { wizardScenario } = await import("~/studio/template.server");
const { exampleAnswers } = await import("../support/wizard-answers");
const { rewriteExamples, templateDraft } = await import("../support/studio");

const db = await testDatabase();
const context = testContext(db);

const userNamed = (username: string) => currentUserNamed(context, username);

// A wizard's draft with its example conversation rewritten, as a trainer does before publishing.
function create(user: Awaited<ReturnType<typeof userNamed>>, id: string, title: string, module: string) {
  return createDraft(db, user, id, rewriteExamples(wizardScenario(exampleAnswers({ id, title, module }))));
}

describe("the concurrent-edit check", () => {
  it("accepts a save from the current revision and refuses one from an older or newer one", () => {
    expect(checkRevision(null, 0)).toEqual({ ok: true, next: 1 });
    expect(checkRevision(3, 3)).toEqual({ ok: true, next: 4 });
    expect(checkRevision(4, 3)).toEqual({ ok: false, current: 4, ahead: false });
    expect(checkRevision(null, 2)).toEqual({ ok: false, current: 0, ahead: true });
    expect(checkRevision(1, 0)).toEqual({ ok: false, current: 1, ahead: false });
  });

  it("refuses the second of two trainers saving the same revision, and keeps the first's text", async () => {
    const first = await userNamed("trainer");
    const second = await userNamed("admin");
    const module = (await getCurriculum(db))[0].id;
    expect(await create(first, "two-editors", "Two editors", module)).toBe(true);
    const opened = (await loadStudioScenario(db, "two-editors"))!;
    expect(opened.revision).toBe(1);

    const a = await saveDraft(
      db,
      first,
      "two-editors",
      opened.yaml.replace("Two editors", "First trainer's title"),
      opened.revision,
    );
    expect(a).toEqual({ ok: true, revision: 2 });
    const b = await saveDraft(
      db,
      second,
      "two-editors",
      opened.yaml.replace("Two editors", "Second trainer's title"),
      opened.revision,
    );
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.message).toMatch(/saved this draft .* after you opened it, so your changes were not saved/);
    const now = (await loadStudioScenario(db, "two-editors"))!;
    expect(now.yaml).toContain("First trainer's title");
    expect(now.revision).toBe(2);
  });

  it("lets only one of two first saves of a published scenario make the draft", async () => {
    const trainer = await userNamed("trainer");
    const id = (await getCurriculum(db))[0].scenarios[0].id;
    const opened = (await loadStudioScenario(db, id))!;
    expect(opened.revision).toBe(0);
    const results = await Promise.all([
      saveDraft(db, trainer, id, `${opened.yaml}# one\n`, 0),
      saveDraft(db, trainer, id, `${opened.yaml}# two\n`, 0),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe("publishing", () => {
  it("publishes a valid draft as an immutable studio version and hands it to new attempts", async () => {
    const trainer = await userNamed("trainer");
    const module = (await getCurriculum(db))[0].id;
    await create(trainer, "to-publish", "To publish", module);
    const made = (await loadStudioScenario(db, "to-publish"))!;
    // The wizard's example conversation, unchanged, is never published (the draft itself checks clean).
    const asMade = wizardScenario(exampleAnswers({ id: "to-publish", title: "To publish", module }));
    expect((await checkStudioYaml(db, asMade, "to-publish")).diagnostics).toEqual([]);
    expect(await saveDraft(db, trainer, "to-publish", asMade, made.revision)).toMatchObject({ ok: true });
    expect(await publishDraft(db, trainer, "to-publish", made.revision + 1, "note")).toEqual({
      ok: false,
      message:
        "The example conversation from the new-scenario wizard is still there (11 texts in nodes middle, in-your-words and end-engaged). Write your own before publishing: officers would read it as it is.",
    });
    // A draft still holding the earlier template's placeholder text is never published.
    const withPlaceholders = templateDraft({ id: "to-publish", title: "To publish", module });
    expect(await saveDraft(db, trainer, "to-publish", withPlaceholders, made.revision + 1)).toMatchObject({ ok: true });
    expect(await publishDraft(db, trainer, "to-publish", made.revision + 2, "note")).toEqual({
      ok: false,
      message: expect.stringMatching(/placeholder text in the summary, his background and his voice/),
    });
    expect(await saveDraft(db, trainer, "to-publish", made.yaml, made.revision + 2)).toMatchObject({ ok: true });
    const draft = (await loadStudioScenario(db, "to-publish"))!;
    expect(await publishDraft(db, trainer, "to-publish", draft.revision + 1, "note")).toMatchObject({ ok: false });

    const result = await publishDraft(db, trainer, "to-publish", draft.revision, "First version");
    expect(result.ok).toBe(true);
    const version = await db
      .selectFrom("scenario_versions")
      .selectAll()
      .where("scenario_id", "=", "to-publish")
      .executeTakeFirstOrThrow();
    expect(version).toMatchObject({
      source: "studio",
      created_by: trainer.id,
      change_note: "First version",
      yaml: draft.yaml,
    });
    expect(version.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await loadStudioScenario(db, "to-publish"))!.draft).toBeNull();
    expect((await newestVersionOf(db, "to-publish"))!.id).toBe(version.id);
    expect((await getCurriculum(db)).flatMap((m) => m.scenarios.map((s) => s.id))).toContain("to-publish");
    const audit = await db.selectFrom("audit_events").selectAll().where("action", "=", "scenario.published").execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details!)).toMatchObject({ scenarioId: "to-publish", versionId: version.id });
  });

  it("refuses a draft with errors and a draft the same as the published version", async () => {
    const trainer = await userNamed("trainer");
    const module = (await getCurriculum(db))[0].id;
    await create(trainer, "broken-one", "Broken", module);
    const draft = (await loadStudioScenario(db, "broken-one"))!;
    const saved = await saveDraft(
      db,
      trainer,
      "broken-one",
      draft.yaml.replace("goto: end-disengaged", "goto: end-disengage"),
      draft.revision,
    );
    expect(saved.ok).toBe(true);
    const check = await checkStudioYaml(db, (await loadStudioScenario(db, "broken-one"))!.yaml, "broken-one");
    expect(check.diagnostics.find((d) => d.code === "goto-unknown-node")?.line).toBeGreaterThan(1);
    expect(await publishDraft(db, trainer, "broken-one", 2, "x")).toEqual({
      ok: false,
      message: expect.stringMatching(/errors/),
    });
    expect(
      await db.selectFrom("scenario_versions").select("id").where("scenario_id", "=", "broken-one").execute(),
    ).toEqual([]);
  });

  it("holds the id to the scenario being edited", async () => {
    const check = await checkStudioYaml(
      db,
      (await loadStudioScenario(db, "two-editors"))!.yaml.replace("id: two-editors", "id: another-one"),
      "two-editors",
    );
    expect(check.ok).toBe(false);
    expect(check.diagnostics.find((d) => d.code === "id-mismatch")).toMatchObject({ line: 1 });
  });

  it("reports unfinished attempts sitting on nodes a new version removes", async () => {
    const officer = await userNamed("officer");
    const version = (await newestVersionOf(db, "to-publish"))!;
    const now = new Date().toISOString();
    const colleague = await userNamed("officer2");
    const attempt = (node: string, id: string, status: "in_progress" | "finished", who = officer) => ({
      id,
      officer_id: who.id,
      establishment_id: who.establishmentId,
      scenario_version_id: version.id,
      scenario_id: "to-publish",
      module_id: version.scenario.module,
      mode: "practice" as const,
      status,
      snapshot: JSON.stringify({ value: node, context: { vars: { rapport: 1 } }, status: "active" }),
      shuffle_seed: 1,
      row_version: 1,
      step_count: 1,
      started_at: now,
      updated_at: now,
      finished_at: null,
      ending_node: null,
      outcome: null,
      open_questions: 0,
      closed_questions: 0,
      simple_reflections: 0,
      complex_reflections: 0,
      mi_adherent: 0,
      mi_non_adherent: 0,
    });
    await db
      .insertInto("attempts")
      .values([
        attempt("in-your-words", "a1", "in_progress"),
        attempt("in-your-words", "a2", "in_progress", colleague),
        attempt("in-your-words", "a3", "finished"),
        attempt("middle", "a4", "in_progress", await userNamed("officer3")),
      ])
      .execute();
    const next = structuredClone(version.scenario);
    delete next.nodes["in-your-words"];
    expect(await strandedAttempts(db, "to-publish", next)).toEqual([{ nodeId: "in-your-words", attempts: 2 }]);
  });
});

describe("importing", () => {
  const valid = (id: string) =>
    `id: ${id}\ntitle: Imported\nmodule: MODULE\nsummary: S.\npersona: { name: Dean, background: B. }\nstart: a\nnodes:\n  a:\n    prisoner: "Hi"\n    talk: neutral\n    choices:\n      - { id: x, say: "You came over.", mi: affirm, goto: b }\n  b:\n    prisoner: "Bye"\n    talk: change\n    ending: { outcome: engaged, label: "Done" }\n`;

  it("imports a valid file as a draft with an audit row, and refuses an id clash", async () => {
    const trainer = await userNamed("trainer");
    const module = (await getCurriculum(db))[0].id;
    expect(await importScenario(db, trainer, "new.yaml", valid("imported-one").replace("MODULE", module))).toEqual({
      ok: true,
      scenarioId: "imported-one",
    });
    const clash = await importScenario(db, trainer, "again.yaml", valid("imported-one").replace("MODULE", module));
    expect(clash).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already a scenario with the id imported-one/),
    });
    expect(
      await db.selectFrom("audit_events").select("action").where("action", "=", "scenario.imported").execute(),
    ).toHaveLength(1);
  });

  it("refuses invalid YAML and an alias bomb quickly, saving nothing", async () => {
    const trainer = await userNamed("trainer");
    expect(await importScenario(db, trainer, "bad.yaml", "id: [unclosed")).toMatchObject({ ok: false });
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join("\n");
    const started = performance.now();
    const result = await importScenario(db, trainer, "bomb.yaml", bomb);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ ok: false });
    expect(await importScenario(db, trainer, "big.yaml", `# ${"x".repeat(300 * 1024)}\n`)).toEqual({
      ok: false,
      message: "The file must be 256 KB or smaller",
    });
    expect(
      await db
        .selectFrom("scenario_drafts")
        .select("scenario_id")
        .where("scenario_id", "not in", ["two-editors", "broken-one", "imported-one"])
        .execute(),
    ).toHaveLength(1);
  });
});

describe("the draft's history", () => {
  it("keeps every save as a revision, restores an earlier one as a new revision, and refuses a stale restore", async () => {
    const trainer = await userNamed("trainer");
    const admin = await userNamed("admin");
    const module = (await getCurriculum(db))[0].id;
    expect(await create(trainer, "with-history", "With history", module)).toBe(true);
    expect(
      await db
        .selectFrom("audit_events")
        .select(["action", "actor_user_id"])
        .where("action", "=", "scenario.created")
        .where("details", "like", '%"with-history"%')
        .execute(),
    ).toEqual([{ action: "scenario.created", actor_user_id: trainer.id }]);
    const first = (await loadStudioScenario(db, "with-history"))!;
    const second = first.yaml.replace("With history", "With a history");
    expect(await saveDraft(db, admin, "with-history", second, 1, "form:[]")).toEqual({ ok: true, revision: 2 });
    expect(await saveDraft(db, trainer, "with-history", `${second}# more\n`, 2)).toEqual({ ok: true, revision: 3 });

    const history = await draftHistory(db, "with-history");
    expect(history.map((r) => [r.revision, r.how, r.saved_by_name])).toEqual([
      [3, "yaml:[]", "Morgan Ellery"],
      [2, "form:[]", expect.any(String)],
      [1, "wizard", "Morgan Ellery"],
    ]);

    // Restoring revision 1 from a page opened at revision 2 is refused: someone saved since.
    expect(await restoreRevision(db, trainer, "with-history", 1, 2)).toMatchObject({ ok: false });
    expect(await restoreRevision(db, trainer, "with-history", 9, 3)).toMatchObject({
      ok: false,
      message: expect.stringContaining("no revision 9"),
    });
    expect(await restoreRevision(db, trainer, "with-history", 1, 3)).toEqual({ ok: true, revision: 4 });
    const restored = (await loadStudioScenario(db, "with-history"))!;
    expect(restored.yaml).toBe(first.yaml);
    expect((await draftHistory(db, "with-history"))[0]).toMatchObject({ revision: 4, how: "restore:1" });

    // Publishing ends the draft and its history; the next draft carries on from revision 4, so a
    // page opened on an earlier revision (or before there was any draft) is still refused.
    expect((await publishDraft(db, trainer, "with-history", 4, "First version")).ok).toBe(true);
    expect(await draftHistory(db, "with-history")).toEqual([]);
    expect((await loadStudioScenario(db, "with-history"))!.revision).toBe(4);
    for (const stale of [0, 1, 3])
      expect(await saveDraft(db, trainer, "with-history", second, stale)).toMatchObject({
        ok: false,
        message: expect.stringContaining("A new version of this scenario was published after you opened it"),
      });
    expect(await saveDraft(db, trainer, "with-history", second, 4)).toEqual({ ok: true, revision: 5 });
    expect((await draftHistory(db, "with-history")).map((r) => r.revision)).toEqual([5]);
  });

  it("says what a save as YAML changed, compared with the draft or the published version it was saved over", async () => {
    const trainer = await userNamed("trainer");
    const opened = (await loadStudioScenario(db, "appeal-denial"))!;
    expect(opened.draft).toBeNull();
    const edited =
      opened.yaml.replace(/( {2}opening:\n {4}prisoner: ).*/, '$1"Boss. My appeal\'s lodged."') +
      '  after-talking:\n    prisoner: "Fine."\n    talk: neutral\n    ending: { outcome: undecided, label: "He thinks" }\n';
    const first = await saveDraft(db, trainer, "appeal-denial", edited, opened.revision);
    expect(first).toMatchObject({ ok: true });
    if (!first.ok) return;
    expect(await saveDraft(db, trainer, "appeal-denial", `# Read by the team\n${edited}`, first.revision)).toEqual({
      ok: true,
      revision: first.revision + 1,
    });

    const history = await draftHistory(db, "appeal-denial");
    // Kept without the text, which the revision holds; read back with no YAML to parse.
    expect(history[1].how).not.toContain("Boss");
    expect(history.map((r) => howInWords(r.how))).toEqual([
      "Saved as YAML: only layout or comments changed",
      "Saved as YAML. Node opening: the prisoner's line. Node after-talking added.",
    ]);
  });

  it("refuses a form opened before another trainer's draft was published, or before a rollback", async () => {
    const trainer = await userNamed("trainer");
    const admin = await userNamed("admin");
    const id = "bad-news-letter";
    // The trainer opens the library scenario with no draft; meanwhile the administrator edits and publishes it.
    const opened = (await loadStudioScenario(db, id))!;
    expect(opened.draft).toBeNull();
    const theirs = opened.yaml.replace(/title: .*/, "title: A letter from home, again");
    const saved = await saveDraft(db, admin, id, theirs, opened.revision);
    expect(saved).toMatchObject({ ok: true });
    if (!saved.ok) return;
    expect((await publishDraft(db, admin, id, saved.revision, "Retitled")).ok).toBe(true);
    const stale = opened.yaml.replace(/title: .*/, "title: A letter from home, mine");
    expect(await saveDraft(db, trainer, id, stale, opened.revision)).toMatchObject({ ok: false });
    expect(await getDraft(db, id)).toBeUndefined();

    // A page opened on the published version, then rolled back by someone else, is refused too.
    const before = (await loadStudioScenario(db, id))!;
    const versions = await numberedVersions(db, id);
    expect(
      await rollBack(db, admin, id, {
        number: versions[1].number,
        currentVersionId: versions[0].id,
        changeNote: "Undo",
      }),
    ).toEqual({ ok: true });
    expect(await saveDraft(db, trainer, id, stale, before.revision)).toMatchObject({ ok: false });
    const now = (await loadStudioScenario(db, id))!;
    expect(now.revision).toBeGreaterThan(before.revision);
    expect(await saveDraft(db, trainer, id, stale, now.revision)).toMatchObject({ ok: true });
  });
});

describe("deleting a draft never published", () => {
  const revisionsOf = (id: string) =>
    db.selectFrom("scenario_draft_revisions").select("revision").where("scenario_id", "=", id).execute();

  it("deletes the draft and its revisions with an audit row, only from the revision the page showed", async () => {
    const trainer = await userNamed("trainer");
    const module = (await getCurriculum(db))[0].id;
    await create(trainer, "double-test", "Double test", module);
    const made = (await loadStudioScenario(db, "double-test"))!;
    expect(await saveDraft(db, trainer, "double-test", `${made.yaml}# again\n`, made.revision)).toMatchObject({
      ok: true,
    });
    // The confirmation page was opened before that save: refused, and it says who saved.
    const stale = await deleteUnpublishedDraft(db, trainer, "double-test", made.revision);
    expect(stale).toMatchObject({ kind: "changed", message: expect.stringContaining(`${trainer.displayName} saved`) });
    expect(await revisionsOf("double-test")).toHaveLength(2);

    expect(await deleteUnpublishedDraft(db, trainer, "double-test", made.revision + 1)).toEqual({
      kind: "deleted",
      title: "Double test",
    });
    expect(await loadStudioScenario(db, "double-test")).toBeNull();
    expect(await revisionsOf("double-test")).toEqual([]);
    expect(
      await db
        .selectFrom("audit_events")
        .select(["actor_user_id", "details"])
        .where("action", "=", "scenario.draft_deleted")
        .execute(),
    ).toEqual([
      { actor_user_id: trainer.id, details: JSON.stringify({ scenarioId: "double-test", title: "Double test" }) },
    ]);
    // Again (a second press): nothing left to delete, and no second audit row.
    expect(await deleteUnpublishedDraft(db, trainer, "double-test", made.revision + 1)).toEqual({
      kind: "gone",
      message: expect.stringMatching(
        new RegExp(`^The draft scenario double-test was deleted by ${trainer.displayName} on `),
      ),
    });
    // An address that never was a scenario (nor a prefix of one deleted) is not found, not "already deleted".
    expect(await deleteUnpublishedDraft(db, trainer, "double", 1)).toEqual({ kind: "not-found" });
    expect(await deleteUnpublishedDraft(db, trainer, "never-was", 1)).toEqual({ kind: "not-found" });
    expect(
      await db.selectFrom("audit_events").select("id").where("action", "=", "scenario.draft_deleted").execute(),
    ).toHaveLength(1);
  });

  it("refuses a scenario with a published version, also one published after the page was opened", async () => {
    const trainer = await userNamed("trainer");
    const curriculum = await getCurriculum(db);
    // A library scenario with a draft of changes.
    const library = curriculum[1].scenarios[0].id;
    const opened = (await loadStudioScenario(db, library))!;
    expect(await saveDraft(db, trainer, library, `${opened.yaml}# draft\n`, opened.revision)).toMatchObject({
      ok: true,
    });
    expect(await deleteUnpublishedDraft(db, trainer, library, opened.revision + 1)).toEqual({ kind: "published" });
    expect((await loadStudioScenario(db, library))!.draft).not.toBeNull();

    await create(trainer, "published-meanwhile", "Published meanwhile", curriculum[0].id);
    const page = (await loadStudioScenario(db, "published-meanwhile"))!;
    expect(await publishDraft(db, trainer, "published-meanwhile", page.revision, "First version")).toMatchObject({
      ok: true,
    });
    expect(await deleteUnpublishedDraft(db, trainer, "published-meanwhile", page.revision)).toEqual({
      kind: "published",
    });
    expect(await numberedVersions(db, "published-meanwhile")).toHaveLength(1);
  });

  it("through the page: trainers only, a confirmation, and a refusal that is never a 500", async () => {
    const trainer = await userNamed("trainer");
    await create(trainer, "by-the-page", "By the page", (await getCurriculum(db))[0].id);
    const route = await import("~/routes/studio.$scenarioId.delete");
    const outcome = (p: Promise<unknown>) =>
      p.then(
        (r) => r,
        (thrown: unknown) => thrown,
      );
    const post = async (username: string, scenarioId: string, revision: string) =>
      outcome(
        route.action({
          request: await requestAs(context, username, `/studio/${scenarioId}/delete`, {
            method: "POST",
            body: new URLSearchParams({ revision }),
          }),
          params: { scenarioId },
          context,
        }),
      );
    expect(((await post("officer", "by-the-page", "1")) as Response).status).toBe(403);
    expect(((await post("manager", "by-the-page", "1")) as Response).status).toBe(403);
    const page = (await outcome(
      route.loader({
        request: await requestAs(context, "trainer", "/studio/by-the-page/delete"),
        params: { scenarioId: "by-the-page" },
        context,
      }),
    )) as { published: boolean; revision: number; title: string };
    expect(page).toMatchObject({ published: false, revision: 1, title: "By the page" });
    const library = (await getCurriculum(db))[0].scenarios[0].id;
    expect(await post("trainer", library, "0")).toMatchObject({ init: { status: 409 } });
    expect(await post("trainer", "by-the-page", "x")).toMatchObject({ init: { status: 400 } });
    const deleted = (await post("trainer", "by-the-page", "1")) as Response;
    expect([deleted.status, deleted.headers.get("Location")]).toEqual([302, "/studio"]);
    expect(await loadStudioScenario(db, "by-the-page")).toBeNull();
  });
});
