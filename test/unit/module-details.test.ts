/**
 * Modules without modules.yaml, on a real database: a trainer adds a module (its id from its
 * title), which officers do not see until a scenario is published in it; any module's title and
 * summary can be reworded; each change is audited and tells other instances; a duplicate title, a
 * stale or racing form and bad input are refused and change nothing; a restart keeps it all.
 */
import { describe, expect, it } from "vitest";
import { anotherInstance, currentUserOf, testContext, testDatabase } from "../support/database";
import { insertAttempts } from "../support/attempts";
import { activeOfficerIds } from "../support/people";
import { ownWords, templateDraft } from "../support/studio";

const { addModule, changeModuleDetails, moveModule, orderKey, readModuleDetailsForm, readNewModuleForm, removeModule } =
  await import("~/studio/module-details.server");
const { createDraft, loadStudioScenario, publishDraft, saveDraft } = await import("~/studio/studio.server");
const { getCurriculum, importLibrary } = await import("~/curriculum/curriculum.server");
const { officerProgress } = await import("~/practice/progress.server");
const { auditPage, parseAuditQuery } = await import("~/audit/log.server");
const { changeForVersion, impactOf } = await import("~/studio/impact.server");

const db = await testDatabase();
const context = testContext(db);
const LISTENING = "listening-on-the-landing";

const audit = (action: string) =>
  db.selectFrom("audit_events").selectAll().where("action", "=", action).orderBy("id").execute();
const rows = () => db.selectFrom("module_details").selectAll().orderBy("module_id").execute();
const generation = async () =>
  (await db.selectFrom("app_settings").select("value").where("key", "=", "library_generation").executeTakeFirst())
    ?.value;

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("adding a module", () => {
  it("adds it after the others with the usual levels, audited, seen by the studio and not yet by officers", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const officer = await currentUserOf(context, "officer");
    const before = await getCurriculum(db);
    const generationBefore = await generation();

    const added = await addModule(db, trainer, {
      title: "Talking about risk assessments",
      summary: "Explaining OASys with permission.",
    });
    expect(added).toEqual({ ok: true, moduleId: "talking-about-risk-assessments" });

    expect(await generation()).not.toBe(generationBefore);
    expect((await getCurriculum(db)).map((m) => m.id)).toEqual(before.map((m) => m.id));
    expect((await officerProgress(db, officer.id)).modules.map((m) => m.id)).toEqual(before.map((m) => m.id));
    const studio = await getCurriculum(db, { withUnoffered: true });
    expect(studio.map((m) => m.id)).toEqual([...before.map((m) => m.id), "talking-about-risk-assessments"]);
    expect(studio.at(-1)).toMatchObject({
      title: "Talking about risk assessments",
      summary: "Explaining OASys with permission.",
      addedInEngage: true,
      offered: false,
      scenarios: [],
      settingsVersion: 0,
      detailsVersion: 1,
      rules: {
        thresholds: { minReflectionToQuestion: 1, minPercentComplexReflections: 40, maxMiNonAdherent: 0 },
        refresherMonths: 6,
        requiresObservation: false,
      },
    });
    expect(await audit("module.added")).toEqual([
      expect.objectContaining({ actor_user_id: trainer.id, establishment_id: trainer.establishmentId }),
    ]);
    expect(JSON.parse((await audit("module.added"))[0]?.details ?? "null")).toEqual({
      moduleId: "talking-about-risk-assessments",
      title: "Talking about risk assessments",
    });
  });

  it("reaches officers and reports once a scenario is published in it", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const officer = await currentUserOf(context, "officer");
    const id = "risk-talk";
    const module = "talking-about-risk-assessments";
    expect(await createDraft(db, trainer, id, templateDraft({ id, title: "Risk talk", module }))).toBe(true);
    const template = (await loadStudioScenario(db, id))!;
    await saveDraft(db, trainer, id, ownWords(template.yaml), template.revision);
    const draft = (await loadStudioScenario(db, id))!;
    // The publish page says this brings the module to officers.
    const change = await changeForVersion(db, id, module);
    // ... and how many officers, Competent in the whole programme now, will not be until they are in it.
    const assessed = (await getCurriculum(db)).flatMap((m) => m.scenarios.map((s) => s.id));
    await insertAttempts(
      db,
      assessed.map((scenarioId) => ({ username: "officer2", scenarioId })),
    );
    let competent = 0;
    for (const id of await activeOfficerIds(db)) if ((await officerProgress(db, id)).competent) competent++;
    expect(competent).toBeGreaterThan(0);
    expect(await impactOf(db, id, change)).toMatchObject({
      change: { kind: "join", moduleId: module },
      opensModule: module,
      programmeCompetent: competent,
    });
    expect(await publishDraft(db, trainer, id, draft.revision, "First")).toMatchObject({ ok: true });
    expect(await impactOf(db, id, { kind: "join", moduleId: module })).not.toHaveProperty("opensModule");

    const curriculum = await getCurriculum(db);
    expect(curriculum.at(-1)).toMatchObject({ id: module, offered: true, scenarios: [{ id }] });
    const progress = await officerProgress(db, officer.id);
    expect(progress.modules.at(-1)).toMatchObject({ id: module, statusKey: "not_started" });
  });

  it("gives a title whose id is taken the next id, and refuses a title already used", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const before = await rows();
    expect(
      await addModule(db, trainer, { title: "LISTENING on the landing", summary: "Another listening module." }),
    ).toEqual({ ok: false, message: expect.stringContaining("already a module with this title") });
    expect(await rows()).toEqual(before);
    expect(await addModule(db, trainer, { title: "Listening, on the landing!", summary: "Punctuated." })).toEqual({
      ok: true,
      moduleId: `${LISTENING}-2`,
    });
  });

  it("adds one module when two trainers add the same title at once", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const admin = await currentUserOf(context, "admin");
    const other = anotherInstance(db);
    const words = { title: "Custody and courts", summary: "Reception and court days." };
    const results = await Promise.all([addModule(db, trainer, words), addModule(other, admin, words)]);
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, moduleId: "custody-and-courts" }]);
    expect((await rows()).filter((r) => r.title === words.title)).toHaveLength(1);
    expect(
      (await audit("module.added")).filter((r) => JSON.parse(r.details ?? "null")?.moduleId === "custody-and-courts"),
    ).toHaveLength(1);
  });
});

describe("rewording a module", () => {
  it("changes a library module's title and summary everywhere, audited; the same words change nothing", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const officer = await currentUserOf(context, "officer");
    const words = { title: "Listening on the wing", summary: "Open questions, affirmations, reflections, summaries." };
    expect(await changeModuleDetails(db, trainer, { moduleId: LISTENING, version: 0, ...words })).toEqual({
      ok: true,
      changed: true,
      title: words.title,
    });
    const module = (await getCurriculum(db)).find((m) => m.id === LISTENING)!;
    expect(module).toMatchObject({ ...words, addedInEngage: false, offered: true, detailsVersion: 1 });
    expect(module.scenarios.length).toBe(3);
    expect((await officerProgress(db, officer.id)).modules.find((m) => m.id === LISTENING)).toMatchObject({
      title: words.title,
    });
    const [row] = await audit("module.details_changed");
    expect(JSON.parse(row?.details ?? "null")).toMatchObject({
      moduleId: LISTENING,
      fromTitle: "Listening on the landing",
      toTitle: words.title,
    });

    expect(await changeModuleDetails(db, trainer, { moduleId: LISTENING, version: 1, ...words })).toEqual({
      ok: true,
      changed: false,
      title: words.title,
    });
    expect(await audit("module.details_changed")).toHaveLength(1);
  });

  it("refuses a stale form, a title another module has and an unknown module, changing nothing", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const before = await rows();
    const stale = await changeModuleDetails(db, trainer, {
      moduleId: LISTENING,
      version: 0,
      title: "Old form",
      summary: "From before.",
    });
    // What was typed stays, with the version now saved and theirs beside each field.
    expect(stale).toEqual({
      ok: false,
      message: expect.stringMatching(
        new RegExp(
          `^${trainer.displayName} changed this module's title or summary on .+ after you opened this page, so your change was not saved\\.`,
        ),
      ),
      kept: {
        values: {
          title: "Old form",
          summary: "From before.",
          version: "1",
          shownTitle: "Listening on the wing",
          shownSummary: "Open questions, affirmations, reflections, summaries.",
        },
        errors: {
          title: `${trainer.displayName} saved “Listening on the wing” here meanwhile. Your words are in the box: saving again puts them in place of theirs.`,
          summary: expect.stringContaining("saved “Open questions, affirmations, reflections, summaries.” here"),
        },
      },
    });
    // The page said what it showed: only the words the trainer changed are theirs to keep.
    const shown = { title: "Listening on the landing", summary: "From before." };
    const onlyTitle = await changeModuleDetails(db, trainer, {
      moduleId: LISTENING,
      version: 0,
      shown,
      title: "Old form",
      summary: "From before.",
    });
    expect(onlyTitle).toMatchObject({
      ok: false,
      kept: {
        values: {
          title: "Old form",
          summary: "Open questions, affirmations, reflections, summaries.",
          shownTitle: "Listening on the wing",
        },
        errors: { title: expect.stringContaining("saved “Listening on the wing” here meanwhile") },
      },
    });
    expect(onlyTitle.ok || Object.keys(onlyTitle.kept?.errors ?? {})).toEqual(["title"]);
    // Both saved the same words: nothing to do.
    const same = { title: "Listening on the wing", summary: "Open questions, affirmations, reflections, summaries." };
    expect(await changeModuleDetails(db, trainer, { moduleId: LISTENING, version: 0, ...same })).toEqual({
      ok: true,
      changed: false,
      title: same.title,
    });
    const clash = await changeModuleDetails(db, trainer, {
      moduleId: LISTENING,
      version: 1,
      title: "custody and courts",
      summary: "Same title as another.",
    });
    expect(clash).toMatchObject({ ok: false, message: expect.stringContaining("Another module has this title") });
    const unknown = await changeModuleDetails(db, trainer, { moduleId: "nope", version: 0, title: "A", summary: "B" });
    expect(unknown).toMatchObject({ ok: false });
    expect(await rows()).toEqual(before);
  });

  it("lets one of two saves from the same form through", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const admin = await currentUserOf(context, "admin");
    const other = anotherInstance(db);
    const results = await Promise.all([
      changeModuleDetails(db, trainer, { moduleId: LISTENING, version: 1, title: "First", summary: "One." }),
      changeModuleDetails(other, admin, { moduleId: LISTENING, version: 1, title: "Second", summary: "Two." }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The other is told who saved, with its words kept.
    expect(results.find((r) => !r.ok)).toMatchObject({ kept: { values: { version: "2" } } });
    const row = (await rows()).find((r) => r.module_id === LISTENING)!;
    expect(row.row_version).toBe(2);
    expect(["First", "Second"]).toContain(row.title);
  });
});

describe("a change made on top of another trainer's", () => {
  it("saves the words this trainer changed and keeps the other's, saying so", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const admin = await currentUserOf(context, "admin");
    const before = (await getCurriculum(db)).find((m) => m.id === LISTENING)!;
    const shown = { title: before.title, summary: before.summary };
    // The administrator rewords the summary after the trainer opened the page ...
    expect(
      await changeModuleDetails(db, admin, {
        moduleId: LISTENING,
        version: before.detailsVersion,
        shown,
        title: before.title,
        summary: "Their summary.",
      }),
    ).toMatchObject({ ok: true, changed: true });
    // ... and the trainer, from the page as it was, changes only the title.
    const saved = await changeModuleDetails(db, trainer, {
      moduleId: LISTENING,
      version: before.detailsVersion,
      shown,
      title: "My title",
      summary: before.summary,
    });
    expect(saved).toEqual({
      ok: true,
      changed: true,
      title: "My title",
      meanwhile: expect.stringMatching(
        new RegExp(
          `^${admin.displayName} changed this module's summary on .+ Your change did not touch it, so both are kept\\.$`,
        ),
      ),
    });
    const after = (await getCurriculum(db)).find((m) => m.id === LISTENING)!;
    expect(after).toMatchObject({
      title: "My title",
      summary: "Their summary.",
      detailsVersion: before.detailsVersion + 2,
    });
    const [last] = (await audit("module.details_changed")).slice(-1);
    expect(JSON.parse(last?.details ?? "null")).toMatchObject({ fromSummary: "Their summary.", toTitle: "My title" });
  });
});

describe("two modules given one title at once", () => {
  it("lets only one have it (the database's unique index decides)", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const admin = await currentUserOf(context, "admin");
    const modules = await getCurriculum(db, { withUnoffered: true });
    const version = (id: string) => modules.find((m) => m.id === id)!.detailsVersion;
    const words = { title: "Reception and first night", summary: "The first night on the wing." };
    const results = await Promise.all([
      changeModuleDetails(db, trainer, {
        moduleId: "custody-and-courts",
        version: version("custody-and-courts"),
        ...words,
      }),
      changeModuleDetails(anotherInstance(db), admin, {
        moduleId: "talking-about-risk-assessments",
        version: version("talking-about-risk-assessments"),
        ...words,
      }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, message: "Another module has this title. Choose a title officers can tell apart." },
    ]);
    expect((await rows()).filter((r) => r.title === words.title)).toHaveLength(1);
  });
});

describe("a title taken where this instance cannot yet see it", () => {
  it("is refused by the unique index, with the same message and nothing written", async () => {
    const trainer = await currentUserOf(context, "trainer");
    await getCurriculum(db); // cached before the row below, which tells no instance
    const now = new Date().toISOString();
    await db
      .insertInto("module_details")
      .values({
        module_id: "unseen",
        title: "Unseen title",
        summary: "Written behind the cache's back.",
        added_in_engage: true,
        follows_library: false,
        added_at: now,
        removed_at: null,
        row_version: 1,
        changed_by: null,
        changed_at: now,
      })
      .execute();
    const before = await rows();
    expect(await addModule(db, trainer, { title: "UNSEEN title", summary: "Another." })).toEqual({
      ok: false,
      message: "There is already a module with this title. Give the new module another title.",
    });
    const custody = (await getCurriculum(db, { withUnoffered: true })).find((m) => m.id === "custody-and-courts")!;
    expect(
      await changeModuleDetails(db, trainer, {
        moduleId: custody.id,
        version: custody.detailsVersion,
        title: "Unseen Title",
        summary: "Clash.",
      }),
    ).toEqual({ ok: false, message: "Another module has this title. Choose a title officers can tell apart." });
    expect(await rows()).toEqual(before);
    await db.deleteFrom("module_details").where("module_id", "=", "unseen").execute();
  });
});

describe("going back to the library file's words", () => {
  it("puts the module back on the file, so a later change to the file applies again", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const module = (await getCurriculum(db)).find((m) => m.id === LISTENING)!;
    expect(module.libraryWords).toEqual({
      title: "Listening on the landing",
      summary: "Open questions, affirmations, reflections and summaries (OARS) in short wing conversations.",
    });
    expect(module.title).not.toBe(module.libraryWords!.title);
    const back = { moduleId: LISTENING, version: module.detailsVersion, ...module.libraryWords! };
    expect(await changeModuleDetails(db, trainer, back)).toEqual({ ok: true, changed: true, title: back.title });
    const now = (await getCurriculum(db)).find((m) => m.id === LISTENING)!;
    expect(now).toMatchObject({ title: "Listening on the landing", detailsChanged: null });
    expect(now.detailsVersion).toBe(module.detailsVersion + 1);
    expect(JSON.parse((await audit("module.details_changed")).at(-1)?.details ?? "null")).toMatchObject({
      followsLibrary: true,
    });

    // The file's title changes (a new release of the library): officers see the file's new words.
    const file = await db
      .selectFrom("app_settings")
      .select("value")
      .where("key", "=", "modules_yaml")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("app_settings")
      .set({ value: file.value.replace('title: "Listening on the landing"', 'title: "Listening on the landings"') })
      .where("key", "=", "modules_yaml")
      .execute();
    await db
      .updateTable("app_settings")
      .set({ value: "file changed" })
      .where("key", "=", "library_generation")
      .execute();
    expect((await getCurriculum(db)).find((m) => m.id === LISTENING)?.title).toBe("Listening on the landings");
    await db.updateTable("app_settings").set({ value: file.value }).where("key", "=", "modules_yaml").execute();
    await db.updateTable("app_settings").set({ value: "file back" }).where("key", "=", "library_generation").execute();
  });
});

describe("removing a module added by mistake", () => {
  it("removes it from the studio, audited, and never gives its id to another module", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const added = await addModule(db, trainer, { title: "Typo modul", summary: "Added by mistake." });
    expect(added).toEqual({ ok: true, moduleId: "typo-modul" });
    const generationBefore = await generation();
    expect(await removeModule(db, trainer, { moduleId: "typo-modul", version: 1 })).toEqual({ ok: true });
    expect(await generation()).not.toBe(generationBefore);
    expect((await getCurriculum(db, { withUnoffered: true })).map((m) => m.id)).not.toContain("typo-modul");
    expect(JSON.parse((await audit("module.removed"))[0]?.details ?? "null")).toEqual({
      moduleId: "typo-modul",
      title: "Typo modul",
    });
    // The audit log still names the removed module by its title.
    const log = await auditPage(
      db,
      parseAuditQuery(new URLSearchParams("action=module.")),
      new URL("http://x/admin/audit"),
    );
    const sentences = log.events.map((e) => e.sentence);
    expect(sentences).toContainEqual(expect.stringContaining("added the module “Typo modul”"));
    expect(sentences).toContainEqual(expect.stringContaining("removed the module “Typo modul”, added by mistake"));

    // The same title may be used again, under a new id.
    expect(await addModule(db, trainer, { title: "Typo modul", summary: "Again." })).toEqual({
      ok: true,
      moduleId: "typo-modul-2",
    });
    expect(await removeModule(db, trainer, { moduleId: "typo-modul", version: 2 })).toMatchObject({ ok: false });
  });

  it("refuses a library module, one a scenario has joined, one a draft names, and a stale form, changing nothing", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const before = await rows();
    const listening = (await getCurriculum(db)).find((m) => m.id === LISTENING)!;
    expect(await removeModule(db, trainer, { moduleId: LISTENING, version: listening.detailsVersion })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Only a module added in Engage"),
    });
    expect(await removeModule(db, trainer, { moduleId: "talking-about-risk-assessments", version: 1 })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Scenarios have been in this module"),
    });
    await createDraft(
      db,
      trainer,
      "courts-draft",
      templateDraft({ id: "courts-draft", title: "Courts draft", module: "typo-modul-2" }),
    );
    expect(await removeModule(db, trainer, { moduleId: "typo-modul-2", version: 1 })).toMatchObject({
      ok: false,
      message: expect.stringContaining("A draft names this module: courts-draft"),
    });
    expect(await removeModule(db, trainer, { moduleId: "custody-and-courts", version: 0 })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Someone else changed"),
    });
    expect(await rows()).toEqual(before);
  });
});

describe("the order of the modules", () => {
  it("moves a module a place at a time, for officers too, audited", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const officer = await currentUserOf(context, "officer");
    const before = await getCurriculum(db, { withUnoffered: true });
    const generationBefore = await generation();
    expect(await moveModule(db, trainer, { moduleId: LISTENING, direction: "down", order: orderKey(before) })).toEqual({
      ok: true,
      position: 2,
      of: before.length,
    });
    expect(await generation()).not.toBe(generationBefore);
    const after = await getCurriculum(db, { withUnoffered: true });
    expect(after.map((m) => m.id)).toEqual([before[1].id, LISTENING, ...before.slice(2).map((m) => m.id)]);
    expect((await officerProgress(db, officer.id)).modules.slice(0, 2).map((m) => m.id)).toEqual([
      before[1].id,
      LISTENING,
    ]);
    expect(JSON.parse((await audit("module.moved"))[0]?.details ?? "null")).toEqual({
      moduleId: LISTENING,
      position: 2,
      of: before.length,
    });
  });

  it("refuses a move from an out-of-date page, off either end, or of an unknown module, changing nothing", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const modules = await getCurriculum(db, { withUnoffered: true });
    const order = orderKey(modules);
    const stored = () => db.selectFrom("app_settings").select("value").where("key", "=", "module_order").execute();
    const before = await stored();
    const stale = orderKey([...modules].reverse());
    expect(await moveModule(db, trainer, { moduleId: LISTENING, direction: "up", order: stale })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Someone else changed the order"),
    });
    expect(await moveModule(db, trainer, { moduleId: modules[0].id, direction: "up", order })).toMatchObject({
      ok: false,
    });
    expect(await moveModule(db, trainer, { moduleId: modules.at(-1)!.id, direction: "down", order })).toMatchObject({
      ok: false,
    });
    expect(await moveModule(db, trainer, { moduleId: "nope", direction: "down", order })).toMatchObject({ ok: false });
    expect(await stored()).toEqual(before);
    expect(await audit("module.moved")).toHaveLength(1);
  });

  it("lets one of two moves from the same page through", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const admin = await currentUserOf(context, "admin");
    const modules = await getCurriculum(db, { withUnoffered: true });
    const order = orderKey(modules);
    const results = await Promise.all([
      moveModule(db, trainer, { moduleId: modules[2].id, direction: "up", order }),
      moveModule(anotherInstance(db), admin, { moduleId: modules[4].id, direction: "up", order }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await audit("module.moved")).toHaveLength(2);
  });

  it("keeps the natural order when the stored order is not a list, and puts modules it does not name after", async () => {
    const natural = await getCurriculum(db, { withUnoffered: true });
    await db.updateTable("app_settings").set({ value: "not json" }).where("key", "=", "module_order").execute();
    await db.updateTable("app_settings").set({ value: "changed" }).where("key", "=", "library_generation").execute();
    const ids = (await getCurriculum(db, { withUnoffered: true })).map((m) => m.id);
    expect(ids[0]).toBe(LISTENING);
    expect([...ids].sort()).toEqual(natural.map((m) => m.id).sort());
    await db
      .updateTable("app_settings")
      .set({ value: JSON.stringify(["custody-and-courts"]) })
      .where("key", "=", "module_order")
      .execute();
    await db
      .updateTable("app_settings")
      .set({ value: "changed again" })
      .where("key", "=", "library_generation")
      .execute();
    const named = (await getCurriculum(db, { withUnoffered: true })).map((m) => m.id);
    expect(named[0]).toBe("custody-and-courts");
    expect(named.slice(1)).toEqual(ids.filter((id) => id !== "custody-and-courts"));
  });

  it("never gives a module the address of a page", async () => {
    const trainer = await currentUserOf(context, "trainer");
    expect(await addModule(db, trainer, { title: "New", summary: "A module called New." })).toEqual({
      ok: true,
      moduleId: "new-2",
    });
    expect(await addModule(db, trainer, { title: "Order!", summary: "A module called Order." })).toEqual({
      ok: true,
      moduleId: "order-2",
    });
  });
});

describe("a restart", () => {
  it("keeps modules added and reworded in Engage when the library is imported again", async () => {
    const before = await getCurriculum(db, { withUnoffered: true });
    await importLibrary(db, { log: () => {} });
    expect(await getCurriculum(anotherInstance(db), { withUnoffered: true })).toEqual(before);
  });
});

describe("the forms", () => {
  it("takes a summary's line breaks as spaces, and trims", () => {
    expect(readNewModuleForm(form({ title: "  Courts  ", summary: "Line one\r\nline two" }))).toMatchObject({
      ok: true,
      data: { title: "Courts", summary: "Line one line two" },
    });
  });

  it("refuses empty, too long and hidden characters, field by field", () => {
    expect(readNewModuleForm(form({ title: "", summary: "" }))).toMatchObject({
      ok: false,
      errors: { title: "Enter a title", summary: "Enter a summary" },
    });
    expect(readNewModuleForm(form({ title: "x".repeat(101), summary: "s\u202e" }))).toMatchObject({
      ok: false,
      errors: {
        title: "Title must be 100 characters or fewer",
        summary: "Summary must not contain hidden or control characters",
      },
    });
    expect(readModuleDetailsForm(form({ version: "x", title: "T", summary: "S" }))).toMatchObject({
      ok: false,
      errors: { version: expect.any(String) },
    });
  });
});
