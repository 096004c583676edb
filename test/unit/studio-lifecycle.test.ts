/**
 * Changing a module's scenarios on a real database: what the publish page predicts for officers'
 * statuses, and that the statuses afterwards are exactly that (the policy in competency.ts);
 * retiring, returning and rolling back; placeholders; and the races each one can meet.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { currentUserOf, testContext, testDatabase } from "../support/database";
import { insertAttempts, LISTENING_SCENARIOS, POOR_COUNTS } from "../support/attempts";
import { ownWords, templateDraft } from "../support/studio";

const { createDraft, loadStudioScenario, publishDraft, saveDraft } = await import("~/studio/studio.server");
const { changeForVersion, impactOf } = await import("~/studio/impact.server");
const { numberedVersions, placeOf, retireScenario, returnScenario, rollBack } =
  await import("~/studio/lifecycle.server");
const { getCurriculum } = await import("~/curriculum/curriculum.server");
const { attemptsCsv } = await import("~/reports/exports.server");
const { officerProgress } = await import("~/practice/progress.server");
const { recordOf } = await import("~/practice/record.server");
const { startAttempt, takeStep } = await import("~/practice/attempts.server");

const db = await testDatabase();
const context = testContext(db);
const MODULE = "listening-on-the-landing";
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

const userNamed = (username: string) => currentUserOf(context, username);

async function moduleStatus(username: string) {
  const user = await userNamed(username);
  return (await officerProgress(db, user.id)).modules.find((m) => m.id === MODULE)!;
}

beforeAll(async () => {
  const [ws, ad, bn] = LISTENING_SCENARIOS;
  await insertAttempts(db, [
    // officer: Competent
    ...LISTENING_SCENARIOS.map((scenarioId) => ({ username: "officer", scenarioId, finishedAt: daysAgo(30) })),
    // officer2: practised every scenario
    ...LISTENING_SCENARIOS.map((scenarioId) => ({ username: "officer2", scenarioId, mode: "practice" as const })),
    // officer3: passed two, not the third
    { username: "officer3", scenarioId: ws },
    { username: "officer3", scenarioId: ad },
    { username: "officer3", scenarioId: bn, counts: POOR_COUNTS },
    // officer4: passed two, the third under way
    { username: "officer4", scenarioId: ws },
    { username: "officer4", scenarioId: ad },
  ]);
  const officer4 = await userNamed("officer4");
  const started = await startAttempt(db, officer4, bn, "practice");
  expect(started.ok).toBe(true);
});

describe("the curriculum as installed", () => {
  it("has every library scenario in its module from the start", async () => {
    const rows = await db.selectFrom("module_memberships").selectAll().execute();
    expect(rows.length).toBe((await getCurriculum(db)).flatMap((m) => m.scenarios).length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.added_at === null && r.removed_at === null)).toBe(true);
  });
});

describe("publishing a new scenario into a module", () => {
  it("refuses the template's placeholder text, then says before publishing how statuses change, and they do", async () => {
    const trainer = await userNamed("trainer");
    await createDraft(db, trainer, "new-one", templateDraft({ id: "new-one", title: "New one", module: MODULE }));
    const template = (await loadStudioScenario(db, "new-one"))!;
    expect(await publishDraft(db, trainer, "new-one", template.revision, "First")).toMatchObject({ ok: false });
    await saveDraft(db, trainer, "new-one", ownWords(template.yaml), template.revision);
    const draft = (await loadStudioScenario(db, "new-one"))!;

    expect(await moduleStatus("officer")).toMatchObject({ statusKey: "competent" });
    expect(await moduleStatus("officer2")).toMatchObject({ statusKey: "practised" });
    expect(await moduleStatus("officer3")).toMatchObject({ statusKey: "assessed" });
    expect(await moduleStatus("officer4")).toMatchObject({ statusKey: "in_progress" });

    const change = await changeForVersion(db, "new-one", MODULE);
    expect(change).toEqual({ kind: "join", moduleId: MODULE });
    const impact = await impactOf(db, "new-one", change);
    expect(impact.keptCompetent).toBe(1);
    expect(impact.shifts).toEqual(
      expect.arrayContaining([
        { moduleTitle: "Listening on the landing", from: "practised", to: "in_progress", officers: 1 },
        { moduleTitle: "Listening on the landing", from: "assessed", to: "in_progress", officers: 1 },
      ]),
    );
    expect(impact.shifts).toHaveLength(2);

    expect(await publishDraft(db, trainer, "new-one", draft.revision, "First")).toMatchObject({ ok: true });
    const officer = await moduleStatus("officer");
    expect(officer.statusKey).toBe("competent");
    const waiting = officer.scenarios.find((s) => s.id === "new-one")!;
    expect(waiting.waiting).toBe(true);
    expect(waiting.hint).toMatch(/^New in this module since you became competent: take it by your refresher on /);
    expect(officer.left).toMatch(/Before then, take the new scenario New one\./);
    expect(await moduleStatus("officer2")).toMatchObject({ statusKey: "in_progress" });
    expect(await moduleStatus("officer3")).toMatchObject({ statusKey: "in_progress" });
    const row = await db
      .selectFrom("module_memberships")
      .selectAll()
      .where("scenario_id", "=", "new-one")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ module_id: MODULE, removed_at: null, added_by: trainer.id });
    expect(row.added_at).not.toBeNull();
  });

  it("a new version in the same module changes nobody's status", async () => {
    expect(await changeForVersion(db, "new-one", MODULE)).toEqual({ kind: "none", retired: false });
    const impact = await impactOf(db, "new-one", { kind: "none", retired: false });
    expect(impact).toMatchObject({ shifts: [], keptCompetent: 0 });
  });
});

describe("retiring and returning", () => {
  it("retiring says who moves on, keeps every record, lets unfinished attempts finish, and stops new starts", async () => {
    const trainer = await userNamed("trainer");
    const [, , bn] = LISTENING_SCENARIOS;
    const impact = await impactOf(db, bn, { kind: "leave", moduleId: MODULE });
    // Only the new scenario now stands between officers 3 and 4 and Competent; officer2 has not practised it.
    expect(impact.shifts).toEqual([]);
    const officer3Before = (await recordOf(db, (await userNamed("officer3")).id)).length;

    expect(await retireScenario(db, trainer, bn)).toEqual({ ok: true });
    expect(await retireScenario(db, trainer, bn)).toMatchObject({ ok: false });
    expect((await getCurriculum(db)).find((m) => m.id === MODULE)!.scenarios.map((s) => s.id)).not.toContain(bn);
    expect(await placeOf(db, bn)).toMatchObject({ retired: true, moduleId: MODULE, moduleExists: true });
    expect((await recordOf(db, (await userNamed("officer3")).id)).length).toBe(officer3Before);
    const audit = await db.selectFrom("audit_events").selectAll().where("action", "=", "scenario.retired").execute();
    expect(audit).toHaveLength(1);
    // The downloads still name it by its title, not its id.
    const prison = (await userNamed("officer3")).establishmentId!;
    const title = (
      await db.selectFrom("scenario_versions").select("title").where("scenario_id", "=", bn).executeTakeFirstOrThrow()
    ).title;
    const csv = await new Response((await attemptsCsv(db, prison, { moduleId: MODULE })).body).text();
    expect(csv).toContain(`,${title},`);
    expect(csv).not.toContain(`,${bn},`);

    // Officer 4's practice of it carries on; nobody can start it afresh.
    const officer4 = await userNamed("officer4");
    expect((await officerProgress(db, officer4.id)).next).toMatchObject({
      href: expect.stringMatching(/^\/attempts\//),
    });
    const open = await db
      .selectFrom("attempts")
      .selectAll()
      .where("officer_id", "=", officer4.id)
      .where("status", "=", "in_progress")
      .executeTakeFirstOrThrow();
    const node = JSON.parse(open.snapshot).value as string;
    const version = (await import("~/curriculum/curriculum.server")).getScenarioVersion;
    const choice = (await version(db, open.scenario_version_id))!.scenario.nodes[node].choices![0].id;
    expect(await takeStep(db, officer4, open.id, { nodeId: node, rowVersion: 1, choiceId: choice })).toMatchObject({
      kind: "ok",
    });
    expect(await startAttempt(db, await userNamed("officer5"), bn, "practice")).toEqual({
      ok: false,
      reason: "unknown-scenario",
    });
  });

  it("retiring the new scenario completes a Competent officer's set; returning it makes it new again", async () => {
    const trainer = await userNamed("trainer");
    const leave = await impactOf(db, "new-one", { kind: "leave", moduleId: MODULE });
    // Officers 3 and 4 passed the two scenarios left; officer2 only practised them.
    expect(leave.shifts).toEqual(
      expect.arrayContaining([
        { moduleTitle: "Listening on the landing", from: "in_progress", to: "competent", officers: 2 },
        { moduleTitle: "Listening on the landing", from: "in_progress", to: "practised", officers: 1 },
      ]),
    );
    expect(await retireScenario(db, trainer, "new-one")).toEqual({ ok: true });
    expect(await moduleStatus("officer3")).toMatchObject({ statusKey: "competent" });
    expect(await moduleStatus("officer2")).toMatchObject({ statusKey: "practised" });

    const back = await impactOf(db, "new-one", { kind: "join", moduleId: MODULE });
    // Competent officers keep Competent with it at their refresher; officer2 needs it now.
    expect(back.keptCompetent).toBe(3);
    expect(back.shifts).toEqual([
      { moduleTitle: "Listening on the landing", from: "practised", to: "in_progress", officers: 1 },
    ]);
    const [first, second] = await Promise.all([
      returnScenario(db, trainer, "new-one"),
      returnScenario(db, trainer, "new-one"),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect(await moduleStatus("officer3")).toMatchObject({ statusKey: "competent" });
    expect(await moduleStatus("officer2")).toMatchObject({ statusKey: "in_progress" });
  });
});

describe("rolling back", () => {
  it("publishes an earlier version's text again, changes no status, and refuses stale or empty roll-backs", async () => {
    const trainer = await userNamed("trainer");
    const id = "wing-safety";
    const opened = (await loadStudioScenario(db, id))!;
    await saveDraft(db, trainer, id, opened.yaml.replace(/^title: .*$/m, "title: Renamed for a week"), 0);
    const draft = (await loadStudioScenario(db, id))!;
    expect(await publishDraft(db, trainer, id, draft.revision, "Rename")).toMatchObject({ ok: true });
    const before = await moduleStatus("officer");
    const versions = await numberedVersions(db, id);
    expect(versions.map((v) => v.number)).toEqual([2, 1]);

    expect(await rollBack(db, trainer, id, { number: 1, currentVersionId: versions[1].id, changeNote: "x" })).toEqual({
      ok: false,
      message: expect.stringMatching(/A new version was published after you opened this page/),
    });
    expect(
      await rollBack(db, trainer, id, { number: 1, currentVersionId: versions[0].id, changeNote: "Old title back" }),
    ).toEqual({ ok: true });
    const after = await numberedVersions(db, id);
    expect(after).toHaveLength(3);
    expect(after[0]).toMatchObject({ number: 3, change_note: "Rolled back to v1: Old title back", source: "studio" });
    expect(after[0].content_hash).toBe(versions[1].content_hash);
    expect((await getCurriculum(db)).flatMap((m) => m.scenarios).find((s) => s.id === id)!.title).toBe(
      "Everyone on the wing will know",
    );
    expect((await moduleStatus("officer")).statusKey).toBe(before.statusKey);
    expect(
      await rollBack(db, trainer, id, { number: 1, currentVersionId: after[0].id, changeNote: "again" }),
    ).toMatchObject({ ok: false, message: "The published version is already the same as v1." });
    expect(
      await db.selectFrom("audit_events").select("details").where("action", "=", "scenario.rolled_back").execute(),
    ).toHaveLength(1);
  });
});
