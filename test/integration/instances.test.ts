/**
 * Several app instances on one database: every write path that used to check-then-insert, raced
 * from two handles (two pools on PostgreSQL; two connections on SQLite). No duplicate, no 500.
 */
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "~db/connection.server";
import { getOrCreateSetting } from "~db/queries/app-settings.server";
import { createUserAccount } from "~/admin/users.server";
import { addUnit, saveEstablishment } from "~/admin/prisons.server";
import { getCurrentUser } from "~/auth/guard.server";
import { getCurriculum, importLibrary, newestVersionOf } from "~/curriculum/curriculum.server";
import { startAttempt, takeStep } from "~/practice/attempts.server";
import { createDraft, publishDraft } from "~/studio/studio.server";
import { wizardScenario } from "~/studio/template.server";
import { exampleAnswers } from "../support/wizard-answers";
import { rewriteExamples } from "../support/studio";
import { anotherInstance, blankDatabase, requestAs, TEST_ENGINE, testContext, testDatabase } from "../support/database";

const a = await testDatabase();
// SQLite is one instance's database (better-sqlite3 is synchronous: two connections in one process
// would only wait on each other), so there the races run inside one instance.
const b = TEST_ENGINE === "postgres" ? anotherInstance(a) : a;
const context = testContext(a);
const admin = (await getCurrentUser(await requestAs(context, "admin"), context))!;
const trainer = (await getCurrentUser(await requestAs(context, "trainer"), context))!;
const officerOf = async (username: string) => {
  const user = (await getCurrentUser(await requestAs(context, username), context))!;
  return { id: user.id, establishmentId: user.establishmentId };
};

describe(
  TEST_ENGINE === "postgres" ? "two instances on one PostgreSQL database" : "concurrent requests on SQLite",
  () => {
    it("starting the same scenario on both at once gives one attempt in progress, which both resume", async () => {
      const officer = await officerOf("officer3");
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => startAttempt(i % 2 ? a : b, officer, "wing-safety", "practice")),
      );
      const ids = new Set(results.map((r) => (r.ok ? r.attemptId : "refused")));
      expect(ids.size).toBe(1);
      expect(ids.has("refused")).toBe(false);
      const rows = await a
        .selectFrom("attempts")
        .select("id")
        .where("officer_id", "=", officer.id)
        .where("scenario_id", "=", "wing-safety")
        .where("status", "=", "in_progress")
        .execute();
      expect(rows).toHaveLength(1);
    });

    it("an officer steps on one instance and continues on the other; a replayed step is stale on both", async () => {
      const officer = await officerOf("officer4");
      const started = await startAttempt(a, officer, "appeal-denial", "practice");
      if (!started.ok) throw new Error("not started");
      const version = (await newestVersionOf(a, "appeal-denial"))!;
      const start = version.scenario.nodes[version.scenario.start];
      const choice = start.choices!.find((c) => typeof c.goto === "string")!;
      const goto = choice.goto as string;
      const step = { nodeId: version.scenario.start, rowVersion: 1, choiceId: choice.id };
      const [first, second] = await Promise.all([
        takeStep(a, officer, started.attemptId, step),
        takeStep(b, officer, started.attemptId, step),
      ]);
      expect([first.kind, second.kind].sort()).toEqual(["ok", "stale"]);
      const next = version.scenario.nodes[goto];
      const onward = next.choices?.[0];
      if (onward) {
        expect(
          await takeStep(b, officer, started.attemptId, { nodeId: goto, rowVersion: 2, choiceId: onward.id }),
        ).toMatchObject({ kind: "ok" });
      }
      const steps = await a
        .selectFrom("attempt_steps")
        .select("seq")
        .where("attempt_id", "=", started.attemptId)
        .execute();
      expect(steps.map((s) => s.seq)).toEqual(onward ? [1, 2] : [1]);
    });

    it("two admins creating the same username at once: one account, one clear message", async () => {
      const input = {
        username: "Same.Name",
        displayName: "Same Name",
        password: "a long enough password",
        role: "officer" as const,
        establishmentId: (await officerOf("officer")).establishmentId,
        unitId: (
          await a.selectFrom("users").select("unit_id").where("username_key", "=", "officer").executeTakeFirstOrThrow()
        ).unit_id,
      };
      const results = await Promise.all([createUserAccount(a, admin, input), createUserAccount(b, admin, input)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ errors: { username: "That username is already taken" } });
      expect(await a.selectFrom("users").select("id").where("username_key", "=", "same.name").execute()).toHaveLength(
        1,
      );
    });

    it("two admins adding the same prison code, or the same wing name, at once: one saved, one message", async () => {
      const prisons = await Promise.all([
        saveEstablishment(a, admin, null, { code: "RCE", name: "HMP Race" }),
        saveEstablishment(b, admin, null, { code: "RCE", name: "HMP Race Too" }),
      ]);
      expect(prisons.filter((r) => r.ok)).toHaveLength(1);
      expect(prisons.find((r) => !r.ok)).toMatchObject({ errors: { code: "Another prison already uses that code" } });
      const saved = prisons.find((r) => r.ok);
      const prisonId = saved?.ok ? saved.id : 0;
      const wings = await Promise.all([
        addUnit(a, admin, prisonId, { name: "D wing", kind: "wing" }),
        addUnit(b, admin, prisonId, { name: "D wing", kind: "wing" }),
      ]);
      expect(wings.filter((r) => r.ok)).toHaveLength(1);
      expect(await a.selectFrom("units").select("id").where("establishment_id", "=", prisonId).execute()).toHaveLength(
        1,
      );
    });

    it("a version published on one instance is what the other serves at once", async () => {
      const module = (await getCurriculum(b))[0].id;
      // Instance b has the curriculum cached before the publish.
      const before = (await getCurriculum(b)).flatMap((m) => m.scenarios.map((s) => s.id));
      expect(before).not.toContain("raced-publish");
      expect(
        await createDraft(
          a,
          trainer,
          "raced-publish",
          rewriteExamples(wizardScenario(exampleAnswers({ id: "raced-publish", title: "Raced publish", module }))),
        ),
      ).toBe(true);
      const draft = await a
        .selectFrom("scenario_drafts")
        .select("revision")
        .where("scenario_id", "=", "raced-publish")
        .executeTakeFirstOrThrow();
      const results = await Promise.all([
        publishDraft(a, trainer, "raced-publish", draft.revision, "First"),
        publishDraft(b, trainer, "raced-publish", draft.revision, "Same moment"),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const after = (await getCurriculum(b)).flatMap((m) => m.scenarios);
      const published = after.find((s) => s.id === "raced-publish");
      expect(published?.versionId).toBe((results.find((r) => r.ok) as { versionId: number }).versionId);
      expect(
        await a.selectFrom("scenario_versions").select("id").where("scenario_id", "=", "raced-publish").execute(),
      ).toHaveLength(1);
    });

    it("both generate the session secret at once and get the same one", async () => {
      const [x, y] = await Promise.all([
        getOrCreateSetting(a, "raced_secret", () => "from-a"),
        getOrCreateSetting(b, "raced_secret", () => "from-b"),
      ]);
      expect(x).toBe(y);
    });
  },
);

describe.runIf(TEST_ENGINE === "postgres")("instances booting at once on an empty database", () => {
  it("import each version of the built-in library exactly once", async () => {
    const { db, reopen } = await blankDatabase();
    const others = [reopen(), reopen()];
    await migrateToLatest(db);
    const quiet = () => {};
    await Promise.all([db, ...others].map((handle) => importLibrary(handle, { log: quiet })));
    const versions = await db.selectFrom("scenario_versions").select(["scenario_id"]).execute();
    const ids = versions.map((v) => v.scenario_id);
    expect(ids.length).toBeGreaterThanOrEqual(15);
    expect(new Set(ids).size).toBe(ids.length);
    for (const handle of [db, ...others]) await handle.destroy();
  });
});
