// The demo prison as a person evaluating Engage first sees it: three wings of 12 to 20 officers,
// months of training that the competency rules turn into a believable spread, rated replies,
// engagement figures and a target; the published sign-ins untouched; made from a fixed seed on
// the library's real scenario versions, and only when asked for.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { testConfig, testDatabase } from "../support/database";

const { prepareDatabase } = await import("~/server/start-up.server");
const { seedDemo } = await import("~/seed/demo.server");
const { DEMO_SIGN_INS, planDemo } = await import("~/seed/demo-plan");
const { getCurriculum, getScenarioVersion } = await import("~/curriculum/curriculum.server");
const { overviewReport } = await import("~/reports/overview.server");
const { prisonProgress } = await import("~/reports/progress.server");
const { summariseByWing } = await import("~/domain/reporting/aggregate");
const { countUnratedReplies } = await import("~db/queries/written-reply-reviews.server");
const { choose, currentNodeId, endingOf, startConversation, writeReply } = await import("~/domain/scenario");
const { countBehaviours } = await import("~/domain/indicators");
const { isMiCode } = await import("~/domain/mi-codes");

const NOW = new Date("2026-11-30T10:00:00.000Z");
const db = await testDatabase({ demo: false });
await seedDemo(db, { now: NOW });
const prison = (await db.selectFrom("establishments").select("id").executeTakeFirstOrThrow()).id;

// Playing a prison's history and replaying it to check takes seconds on a busy machine.
describe("the demo prison", { timeout: 60_000 }, () => {
  it("has three wings of 12 to 20 active officers, a small team, and every published sign-in", async () => {
    const units = await db
      .selectFrom("units")
      .leftJoin("users", (j) => j.onRef("users.unit_id", "=", "units.id").on("users.active", "=", true))
      .select(["units.name", "units.kind", (eb) => eb.fn.count<number>("users.id").as("n")])
      .groupBy(["units.name", "units.kind"])
      .orderBy("units.name")
      .execute();
    const wings = units.filter((u) => u.kind === "wing");
    expect(wings.map((w) => w.name)).toEqual(["A wing", "B wing", "C wing"]);
    for (const w of wings) {
      expect(Number(w.n)).toBeGreaterThanOrEqual(12);
      expect(Number(w.n)).toBeLessThanOrEqual(20);
    }
    expect(units.filter((u) => u.kind === "team").map((u) => [u.name, Number(u.n)])).toEqual([["Reception team", 3]]);

    for (const s of DEMO_SIGN_INS) {
      const user = await db
        .selectFrom("users")
        .leftJoin("units", "units.id", "users.unit_id")
        .select(["users.id", "users.display_name", "users.role", "units.name as unit", "users.active"])
        .where("users.username_key", "=", s.username)
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({ display_name: s.displayName, role: s.role, unit: s.unit, active: true });
      // The sign-in officers start with nothing, so anyone can try the officer's journey from the beginning.
      const attempts = await db.selectFrom("attempts").select("id").where("officer_id", "=", user.id).execute();
      expect(attempts).toEqual([]);
    }
  });

  it("shows a believable spread: competent, refresher due, part-way and not started, with activity this week", async () => {
    const p = await prisonProgress(db, prison, { now: NOW });
    const statuses = p.officers.flatMap((o) => o.progress.modules.map((m) => m.status));
    for (const s of ["not_started", "in_progress", "competent", "refresher_due"] as const)
      expect(statuses.filter((x) => x === s).length, s).toBeGreaterThan(0);
    // Some officers competent in everything, some in nothing yet, most in between.
    const competentModules = p.officers.map((o) => o.progress.modules.filter((m) => m.status === "competent").length);
    expect(competentModules.filter((n) => n === 6).length).toBeGreaterThan(3);
    expect(competentModules.filter((n) => n === 0).length).toBeGreaterThan(5);
    expect(competentModules.filter((n) => n > 0 && n < 6).length).toBeGreaterThan(10);

    const weekAgo = new Date(NOW.getTime() - 7 * 86_400_000).toISOString();
    const recent = await db
      .selectFrom("attempts")
      .select((eb) => eb.fn.count<number>("officer_id").distinct().as("n"))
      .where("started_at", ">", weekAgo)
      .where("establishment_id", "=", prison)
      .executeTakeFirstOrThrow();
    expect(Number(recent.n)).toBeGreaterThan(3);
    expect(await countUnratedReplies(db, prison)).toBe(5);
    const rated = await db
      .selectFrom("written_reply_reviews")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .execute();
    expect(Number(rated[0].n)).toBeGreaterThan(50);
  });

  it("fills every report: a target with a projection, engagement figures, wings shown and the small team hidden", async () => {
    const o = await overviewReport(db, prison, NOW);
    expect(o.summary.officers).toBeGreaterThan(40);
    expect(o.target).toMatchObject({ percent: 60 });
    expect(o.projection!.competentNow).toBeGreaterThan(0);
    expect(o.targetChart!.actual.filter((v) => v !== null && v > 0).length).toBeGreaterThan(3);
    expect(o.engagement.slice(0, 11).every((e) => e.refusalPercent !== null)).toBe(true);
    for (const m of o.summary.modules) expect(m.competent.shown).toBe(true);

    const p = await prisonProgress(db, prison, { now: NOW });
    const wings = summariseByWing(
      p.rules.map((r) => r.id),
      p.officers,
    );
    const hidden = (why: string) =>
      wings.filter((w) => !w.programme.competent.shown && w.programme.competent.hidden === why).map((w) => w.wingName);
    expect(hidden("small")).toEqual(["Reception team"]);
    // The smallest wing is hidden too, else the whole prison's figures minus the other wings' give Reception's.
    const smallestWing = wings.filter((w) => w.officers >= 5).sort((a, b) => a.officers - b.officers)[0];
    expect(hidden("besideSmall")).toEqual([smallestWing.wingName]);
    expect(wings.filter((w) => w.programme.competent.shown && w.programme.competent.count > 0)).toHaveLength(2);
  });

  it("keeps a deactivated officer's training without counting them", async () => {
    const leavers = await db.selectFrom("users").select("id").where("active", "=", false).execute();
    expect(leavers).toHaveLength(1);
    const theirs = await db.selectFrom("attempts").select("id").where("officer_id", "=", leavers[0].id).execute();
    expect(theirs.length).toBeGreaterThan(0);
  });

  it("records only real conversations: each attempt replays on its scenario version to the same ending and counts", async () => {
    const attempts = await db.selectFrom("attempts").selectAll().where("establishment_id", "=", prison).execute();
    const steps = await db.selectFrom("attempt_steps").selectAll().orderBy("attempt_id").orderBy("seq").execute();
    const byAttempt = new Map<string, typeof steps>();
    for (const s of steps) byAttempt.set(s.attempt_id, [...(byAttempt.get(s.attempt_id) ?? []), s]);
    for (const a of attempts) {
      const version = (await getScenarioVersion(db, a.scenario_version_id))!;
      expect(version.scenarioId).toBe(a.scenario_id);
      let snapshot = startConversation(version.machine);
      const mine = byAttempt.get(a.id) ?? [];
      expect(mine.map((s) => s.seq)).toEqual(mine.map((_, i) => i + 1));
      for (const s of mine) {
        expect(currentNodeId(snapshot)).toBe(s.node_id);
        snapshot = s.choice_id
          ? choose(version.machine, snapshot, s.choice_id)
          : writeReply(version.machine, snapshot, s.free_text!);
        expect(currentNodeId(snapshot)).toBe(s.reply_node_id);
        expect(version.scenario.nodes[s.reply_node_id].talk).toBe(s.reply_talk);
        expect(s.mi_code).toBe(
          s.choice_id ? version.scenario.nodes[s.node_id].choices!.find((c) => c.id === s.choice_id)!.mi : null,
        );
      }
      expect(JSON.parse(a.snapshot).value).toBe(currentNodeId(snapshot));
      expect(a.step_count).toBe(mine.length);
      const ending = endingOf(snapshot);
      if (a.status === "finished") {
        expect(ending).toMatchObject({ nodeId: a.ending_node, outcome: a.outcome });
        const counts = countBehaviours(mine.map((s) => s.mi_code).filter(isMiCode));
        expect([
          a.open_questions,
          a.closed_questions,
          a.simple_reflections,
          a.complex_reflections,
          a.mi_adherent,
          a.mi_non_adherent,
        ]).toEqual([
          counts.openQuestions,
          counts.closedQuestions,
          counts.simpleReflections,
          counts.complexReflections,
          counts.miAdherent,
          counts.miNonAdherent,
        ]);
      } else {
        expect(ending).toBeNull();
        // As the practice loop keeps them: counted only when the conversation ends.
        expect(a.open_questions + a.closed_questions + a.simple_reflections + a.complex_reflections).toBe(0);
      }
    }
  });

  it("is the same prison from the same seed and moment, and another from another seed", async () => {
    const curriculum = await getCurriculum(db);
    const modules = await Promise.all(
      curriculum.map(async (m) => ({
        id: m.id,
        rules: m.rules,
        scenarios: await Promise.all(
          m.scenarios.map(async (s) => ({
            id: s.id,
            versionId: s.versionId,
            version: (await getScenarioVersion(db, s.versionId))!,
          })),
        ),
      })),
    );
    const a = planDemo(modules, NOW);
    expect(planDemo(modules, NOW)).toEqual(a);
    expect(planDemo(modules, NOW, 7).people.map((p) => p.displayName)).not.toEqual(a.people.map((p) => p.displayName));
    expect(a.attempts.every((x) => x.startedAt < NOW.toISOString() && x.updatedAt < NOW.toISOString())).toBe(true);
  });
});

describe("loading the demo", { timeout: 60_000 }, () => {
  it("happens at first start only when asked for, after the scenario library it is played on", async () => {
    const none = await testDatabase({ demo: false });
    await prepareDatabase(none, testConfig({ ENGAGE_DEMO: "false" }), pino({ level: "silent" }));
    expect(await none.selectFrom("users").select("id").execute()).toEqual([]);

    const production = testConfig({ NODE_ENV: "production" });
    expect(production.demo).toBe(false);

    const fresh = await testDatabase({ demo: false });
    await prepareDatabase(fresh, testConfig({ ENGAGE_DEMO: "true" }), pino({ level: "silent" }));
    const officers = await fresh.selectFrom("users").select("id").where("role", "=", "officer").execute();
    expect(officers.length).toBeGreaterThan(40);
    // Starting again keeps what is there: no second demo.
    await prepareDatabase(fresh, testConfig({ ENGAGE_DEMO: "true" }), pino({ level: "silent" }));
    expect(await fresh.selectFrom("establishments").select("id").execute()).toHaveLength(1);
  });
});
