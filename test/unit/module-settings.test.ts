/**
 * Trainers changing what a module asks for competency, on a real database: the predicted change
 * to officers' statuses is the one that happens, raising the pass marks takes nobody's Competent
 * away (on officers' pages and in reports), the change is audited, a stale or racing save is
 * refused and changes nothing, going back to the library file's values follows the file again,
 * and bad input is refused field by field.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { currentUserOf, testContext, testDatabase } from "../support/database";
import { insertAttempts, LISTENING_SCENARIOS } from "../support/attempts";
import { activeOfficerIds } from "../support/people";

const { fieldsOf, moduleOf, readSettingsForm, saveModuleSettings, settingsImpact, settingsOf } =
  await import("~/studio/module-settings.server");
const { officerProgress } = await import("~/practice/progress.server");
const { getCurriculum, importLibrary } = await import("~/curriculum/curriculum.server");
const { prisonProgress } = await import("~/reports/progress.server");

const db = await testDatabase();
const context = testContext(db);
const MODULE = "listening-on-the-landing";
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** Every active officer's status in the module, by officer id. */
async function statuses() {
  const out = new Map<number, string>();
  for (const id of await activeOfficerIds(db)) {
    const m = (await officerProgress(db, id)).modules.find((x) => x.id === MODULE)!;
    out.set(id, m.statusKey);
  }
  return out;
}

const auditRows = () =>
  db.selectFrom("audit_events").selectAll().where("action", "=", "module.settings_changed").orderBy("id").execute();

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

beforeAll(async () => {
  // The officer passed every scenario at R:Q 1.5 and 67% complex reflections: Competent at the
  // library's "fair" levels, not at MITI's "good" R:Q of 2.
  await insertAttempts(
    db,
    LISTENING_SCENARIOS.map((scenarioId) => ({ username: "officer", scenarioId, finishedAt: daysAgo(30) })),
  );
});

describe("changing what a module asks", () => {
  it("predicts how statuses move, and they move exactly so, audited; higher marks keep Competent", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const officer = await currentUserOf(context, "officer");
    const module = (await moduleOf(db, MODULE))!;
    expect(module.settingsVersion).toBe(0);
    expect(module.settingsChanged).toBeNull();
    const library = settingsOf(module);
    expect(library.thresholds.minReflectionToQuestion).toBe(1);
    const good = { ...library, thresholds: { ...library.thresholds, minReflectionToQuestion: 2 } };

    const before = await statuses();
    expect(before.get(officer.id)).toBe("competent");
    const predicted = await settingsImpact(db, MODULE, good);

    expect(await saveModuleSettings(db, trainer, { moduleId: MODULE, version: 0, settings: good })).toEqual({
      ok: true,
      changed: true,
    });
    // Their passes met the marks in force when they were made: Competent until their refresher.
    const after = await statuses();
    expect(after.get(officer.id)).toBe("competent");
    const report = await prisonProgress(db, officer.establishmentId!);
    const inReport = report.officers.find((o) => o.officerId === officer.id)!.progress.modules;
    expect(inReport.find((m) => m.moduleId === MODULE)!.status).toBe("competent");
    const marks = await db
      .selectFrom("module_marks")
      .selectAll()
      .where("module_id", "=", MODULE)
      .orderBy("id")
      .execute();
    expect(marks.map((m) => [m.min_reflection_to_question, m.from_at === null])).toEqual([
      [1, true],
      [2, false],
    ]);
    const happened = new Map<string, number>();
    for (const [id, was] of before) {
      const will = after.get(id)!;
      if (was !== will) happened.set(`${was}>${will}`, (happened.get(`${was}>${will}`) ?? 0) + 1);
    }
    expect(Object.fromEntries(happened)).toEqual(
      Object.fromEntries(predicted.map((s) => [`${s.from}>${s.to}`, s.officers])),
    );

    const changed = (await moduleOf(db, MODULE))!;
    expect(changed.rules.thresholds.minReflectionToQuestion).toBe(2);
    expect(changed.settingsVersion).toBe(1);
    expect(changed.settingsChanged?.by).toBe(trainer.displayName);
    const audit = await auditRows();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details!)).toMatchObject({
      moduleId: MODULE,
      from: { reflectionsPerQuestion: "1" },
      to: { reflectionsPerQuestion: "2" },
      followsLibrary: false,
    });
  });

  it("refuses a save made from settings someone has changed since, and changes nothing", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const now = settingsOf((await moduleOf(db, MODULE))!);
    const stale = { ...now, refresherMonths: 12 };
    const result = await saveModuleSettings(db, trainer, { moduleId: MODULE, version: 0, settings: stale });
    // The form comes back with what was sent, the version now saved, and theirs beside the one field that differs.
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(
        new RegExp(
          `^${trainer.displayName} changed what this module asks for competency on .+ after you opened this page, so your change was not saved\\.`,
        ),
      ),
      kept: {
        values: expect.objectContaining({
          ...fieldsOf(stale),
          version: "1",
          shownRefresherMonths: String(now.refresherMonths),
        }),
        errors: {
          refresherMonths: `${trainer.displayName} saved “After ${now.refresherMonths} months” here meanwhile. Yours is in the form: checking and saving again puts it in place of theirs.`,
        },
      },
    });
    expect((await moduleOf(db, MODULE))!.rules.refresherMonths).toBe(now.refresherMonths);
    expect(await auditRows()).toHaveLength(1);
  });

  it("gives back a change from before another trainer's on top of theirs, to check again", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const module = (await moduleOf(db, MODULE))!;
    // The page showed the library's settings; this trainer changed only the complex reflections.
    const shown = fieldsOf(module.librarySettings);
    const mine = {
      ...module.librarySettings,
      thresholds: { ...module.librarySettings.thresholds, minPercentComplexReflections: 55 },
    };
    const result = await saveModuleSettings(db, trainer, { moduleId: MODULE, version: 0, settings: mine, shown });
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining(
        "so your change was not saved. The form has their settings with your changes on top: check what the change does now, then save it.",
      ),
      kept: {
        values: expect.objectContaining({ ...fieldsOf(settingsOf(module)), percentComplex: "55", version: "1" }),
        errors: {},
      },
    });
    // Both changed the reflections for each question: theirs is shown at it, and the form holds the trainer's.
    const both = { ...mine, thresholds: { ...mine.thresholds, minReflectionToQuestion: 3 } };
    expect(
      await saveModuleSettings(db, trainer, { moduleId: MODULE, version: 0, settings: both, shown }),
    ).toMatchObject({
      ok: false,
      kept: {
        values: { reflectionsPerQuestion: "3", percentComplex: "55" },
        errors: {
          reflectionsPerQuestion: expect.stringContaining("saved “At least 2 for each question” here meanwhile"),
        },
      },
    });
    expect(await auditRows()).toHaveLength(1);
  });

  it("takes a save from before another trainer's as done when both saved the same settings", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const now = settingsOf((await moduleOf(db, MODULE))!);
    expect(await saveModuleSettings(db, trainer, { moduleId: MODULE, version: 0, settings: now })).toEqual({
      ok: true,
      changed: false,
    });
    expect(await auditRows()).toHaveLength(1);
  });

  it("lets one of two saves from the same settings through", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const now = settingsOf((await moduleOf(db, MODULE))!);
    const results = await Promise.all(
      [9, 12].map((refresherMonths) =>
        saveModuleSettings(db, trainer, { moduleId: MODULE, version: 1, settings: { ...now, refresherMonths } }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const row = await db.selectFrom("module_settings").selectAll().where("module_id", "=", MODULE).executeTakeFirst();
    expect(row?.row_version).toBe(2);
    expect(await auditRows()).toHaveLength(2);
  });

  it("saves nothing when nothing changed", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const module = (await moduleOf(db, MODULE))!;
    const result = await saveModuleSettings(db, trainer, {
      moduleId: MODULE,
      version: module.settingsVersion,
      settings: settingsOf(module),
    });
    expect(result).toEqual({ ok: true, changed: false });
    expect(await auditRows()).toHaveLength(2);
  });

  it("goes back to following the library file when given its values", async () => {
    const trainer = await currentUserOf(context, "trainer");
    const officer = await currentUserOf(context, "officer");
    const module = (await moduleOf(db, MODULE))!;
    const result = await saveModuleSettings(db, trainer, {
      moduleId: MODULE,
      version: module.settingsVersion,
      settings: module.librarySettings,
    });
    expect(result).toEqual({ ok: true, changed: true });
    const back = (await moduleOf(db, MODULE))!;
    expect(back.settingsChanged).toBeNull();
    expect(settingsOf(back)).toEqual(back.librarySettings);
    expect(back.settingsVersion).toBe(3); // the version never goes back: a form from before is still stale
    expect((await statuses()).get(officer.id)).toBe("competent");
    expect(JSON.parse((await auditRows()).at(-1)!.details!)).toMatchObject({ followsLibrary: true });
    // Other modules were never touched.
    const others = (await getCurriculum(db)).filter((m) => m.id !== MODULE);
    expect(others.every((m) => m.settingsVersion === 0)).toBe(true);
  });
});

describe("modules.yaml changing the pass marks between deploys", () => {
  it("records the file's new marks at start-up for a module that follows it, once", async () => {
    const SUSTAIN = "sustain-talk-and-discord";
    const stored = () =>
      db.selectFrom("app_settings").select("value").where("key", "=", "modules_yaml").executeTakeFirstOrThrow();
    const marksOf = (moduleId: string) =>
      db.selectFrom("module_marks").selectAll().where("module_id", "=", moduleId).orderBy("id").execute();
    // The last deploy's file asked for 0.5 reflections for each question; this one asks for 1.
    const file = (await stored()).value;
    const scenarios = "    scenarios: [parole-mistrust, courses-for-nonces, you-lot-never-listen]\n";
    expect(file).toContain(scenarios);
    const older = file.replace(scenarios, `${scenarios}    thresholds:\n      min_reflection_to_question: 0.5\n`);
    await db.updateTable("app_settings").set({ value: older }).where("key", "=", "modules_yaml").execute();
    const listening = await marksOf(MODULE);

    await importLibrary(db, { log: () => {} });
    expect((await stored()).value).toBe(file);
    const recorded = await marksOf(SUSTAIN);
    expect(recorded.map((m) => [m.min_reflection_to_question, m.from_at === null])).toEqual([
      [0.5, true],
      [1, false],
    ]);
    const rules = (await moduleOf(db, SUSTAIN))!.rules;
    expect(rules.marksHistory?.map((m) => m.thresholds.minReflectionToQuestion)).toEqual([0.5, 1]);
    // Unchanged for the module that follows the file already, and nothing more at the next start-up.
    expect(await marksOf(MODULE)).toEqual(listening);
    await importLibrary(db, { log: () => {} });
    expect(await marksOf(SUSTAIN)).toEqual(recorded);
  });
});

describe("the settings form", () => {
  const valid = {
    intent: "check",
    version: "0",
    reflectionsPerQuestion: "1.5",
    percentComplex: "50",
    nonAdherentAllowed: "0",
    refresherMonths: "6",
    requiresObservation: "yes",
  };

  it("reads the settings", () => {
    const read = readSettingsForm(form(valid));
    expect(read.ok && read.data).toEqual({
      intent: "check",
      version: 0,
      settings: {
        thresholds: { minReflectionToQuestion: 1.5, minPercentComplexReflections: 50, maxMiNonAdherent: 0 },
        refresherMonths: 6,
        requiresObservation: true,
      },
      shown: null,
    });
    // With what the page showed, which a save that clashes with another uses to keep theirs.
    const shown = {
      shownReflectionsPerQuestion: "1",
      shownPercentComplex: "40",
      shownNonAdherentAllowed: "0",
      shownRefresherMonths: "6",
      shownRequiresObservation: "no",
    };
    expect(readSettingsForm(form({ ...valid, ...shown }))).toMatchObject({
      data: {
        shown: {
          reflectionsPerQuestion: "1",
          percentComplex: "40",
          nonAdherentAllowed: "0",
          refresherMonths: "6",
          requiresObservation: "no",
        },
      },
    });
    // One missing or too long, and nothing is taken as shown.
    expect(readSettingsForm(form({ ...valid, ...shown, shownRefresherMonths: "6".repeat(21) }))).toMatchObject({
      data: { shown: null },
    });
  });

  it("says what is wrong with each field", () => {
    const read = readSettingsForm(
      form({
        ...valid,
        reflectionsPerQuestion: "1.234",
        percentComplex: "101",
        nonAdherentAllowed: "-1",
        refresherMonths: "0",
        requiresObservation: "maybe",
      }),
    );
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors).toEqual({
      reflectionsPerQuestion: "Reflections for each question must be a number, like 1 or 1.5",
      percentComplex: "Percentage of complex reflections must be 100 or fewer",
      nonAdherentAllowed: "How many responses against MI are allowed must be a whole number",
      refresherMonths: "Months until a refresher must be 1 or more",
      requiresObservation: "Choose whether a coach's observation is needed",
    });
    expect(readSettingsForm(form({ ...valid, reflectionsPerQuestion: "11" }))).toMatchObject({
      ok: false,
      errors: { reflectionsPerQuestion: "Reflections for each question must be 10 or fewer" },
    });
  });
});
