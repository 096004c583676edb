// What an officer's home page says is left in a module, on a real database.
import { describe, expect, it } from "vitest";
import { requestAs, testContext, testDatabase, userIdOf } from "../support/database";
import { insertAttempts, LISTENING_SCENARIOS } from "../support/attempts";
import { addUser, anotherPrison } from "../support/people";

const { officerProgress, progressAndAssigned } = await import("~/practice/progress.server");
const { createAssignments } = await import("~/assignments/assignments.server");
const { getCurriculum } = await import("~/curriculum/curriculum.server");
const { listAssignmentsFor } = await import("~db/queries/assignments.server");
const { getCurrentUser } = await import("~/auth/guard.server");
const { homeFor } = await import("~/home/home.server");

const db = await testDatabase();

describe("what is left in a module", () => {
  it("counts a scenario taken only as an assessment as finished, and does not call it practised", async () => {
    const prison = await db.selectFrom("establishments").select("id").executeTakeFirstOrThrow();
    await addUser(db, { username: "new.starter", role: "officer", establishment_id: prison.id });
    const [first, second, third] = LISTENING_SCENARIOS;
    await insertAttempts(db, [
      { username: "new.starter", scenarioId: first, mode: "practice" },
      { username: "new.starter", scenarioId: second, mode: "practice" },
      { username: "new.starter", scenarioId: third, mode: "assessment" },
    ]);
    const progress = await officerProgress(db, await userIdOf(db, "new.starter"));
    const listening = progress.modules[0];
    expect(listening.statusKey).toBe("practised");
    expect(listening.left).toBe(
      "Every scenario finished at least once, in practice or assessment. 2 of 3 scenarios still to take as an assessment.",
    );
    // The next step is an assessment, which its button starts at once.
    expect(progress.next).toMatchObject({ text: "Take the assessment", starts: "assessment" });
  });
});

describe("the next step", () => {
  it("comes from the soonest-due assigned module before the curriculum's order", async () => {
    const prison = await db.selectFrom("establishments").select("id").executeTakeFirstOrThrow();
    await addUser(db, { username: "dayo", role: "officer", establishment_id: prison.id });
    const dayo = await userIdOf(db, "dayo");
    const context = testContext(db);
    const user = (await getCurrentUser(await requestAs(context, "dayo"), context))!;
    const unassigned = await progressAndAssigned(db, user);
    expect(unassigned.progress.next?.moduleTitle).toBe(unassigned.progress.modules[0].title);
    expect(unassigned.progress.next).toMatchObject({ text: "Practise", starts: "practice" });

    const manager = (await getCurrentUser(await requestAs(context, "manager"), context))!;
    const moduleIds = unassigned.progress.modules.map((m) => m.id);
    const assign = (moduleId: string, dueOn: string) =>
      createAssignments(
        db,
        manager,
        prison.id,
        { moduleId, audience: "officers", unitId: null, officerIds: [dayo], dueOn, dueDays: null },
        moduleIds,
      );
    expect(await assign("information-with-permission", "2027-03-01")).toMatchObject({ ok: true });
    expect(await assign("evoking-change-talk", "2027-02-01")).toMatchObject({ ok: true });
    const assigned = await progressAndAssigned(db, user);
    expect(assigned.assigned.map((a) => a.moduleId)).toEqual(["evoking-change-talk", "information-with-permission"]);
    const evoking = assigned.progress.modules.find((m) => m.id === "evoking-change-talk")!;
    expect(assigned.progress.next?.moduleTitle).toBe(evoking.title);
  });
});

describe("what is assigned to an officer", () => {
  it("is what the prison, their wing and their name were given, read without the prison's other officers", async () => {
    const prison = await db.selectFrom("establishments").select("id").executeTakeFirstOrThrow();
    const [wing, otherWing] = await db
      .selectFrom("units")
      .select("id")
      .where("establishment_id", "=", prison.id)
      .orderBy("id")
      .limit(2)
      .execute();
    await addUser(db, { username: "on.wing", role: "officer", establishment_id: prison.id, unit_id: wing.id });
    await addUser(db, { username: "other.wing", role: "officer", establishment_id: prison.id, unit_id: otherWing.id });
    await addUser(db, { username: "wingless", role: "officer", establishment_id: prison.id });
    const elsewhere = await anotherPrison(db);
    await addUser(db, {
      username: "elsewhere",
      role: "officer",
      establishment_id: elsewhere.id,
      unit_id: elsewhere.wing,
    });
    const context = testContext(db);
    const userOf = async (username: string) => (await getCurrentUser(await requestAs(context, username), context))!;
    const manager = await userOf("manager");
    const curriculum = await getCurriculum(db);
    const ids = curriculum.map((m) => m.id);
    const assign = async (
      moduleId: string,
      to: { audience: "prison" | "wing" | "officers"; unitId?: number; officer?: string },
      prisonId = prison.id,
    ) =>
      expect(
        await createAssignments(
          db,
          prisonId === prison.id ? manager : { ...manager, establishmentId: prisonId },
          prisonId,
          {
            moduleId,
            audience: to.audience,
            unitId: to.unitId ?? null,
            officerIds: to.officer ? [await userIdOf(db, to.officer)] : [],
            dueOn: "2027-06-01",
            dueDays: null,
          },
          ids,
        ),
      ).toMatchObject({ ok: true });
    await assign(ids[1], { audience: "prison" });
    await assign(ids[2], { audience: "wing", unitId: wing.id });
    await assign(ids[3], { audience: "wing", unitId: otherWing.id });
    await assign(ids[4], { audience: "officers", officer: "other.wing" });
    await assign(ids[5], { audience: "prison" }, elsewhere.id);

    const officers: { assigned: string[] }[] = [];
    for (const username of ["on.wing", "other.wing", "wingless"]) {
      const { assigned } = await progressAndAssigned(db, await userOf(username));
      officers.push({ assigned: assigned.map((a) => a.moduleId) });
    }
    const mine = (username: string) => officers[["on.wing", "other.wing", "wingless"].indexOf(username)].assigned;
    expect(mine("on.wing")).toEqual(expect.arrayContaining([ids[1], ids[2]]));
    expect(mine("on.wing")).not.toContain(ids[3]);
    expect(mine("other.wing")).toEqual(expect.arrayContaining([ids[1], ids[3], ids[4]]));
    expect(mine("other.wing")).not.toContain(ids[2]);
    expect(mine("wingless")).toContain(ids[1]);
    expect(mine("wingless")).not.toEqual(expect.arrayContaining([ids[2]]));
    for (const id of [ids[5]]) for (const o of officers) expect(o.assigned).not.toContain(id);
    // Read for one officer: nothing given to another wing, another officer or another prison.
    const read = await listAssignmentsFor(db, prison.id, { id: await userIdOf(db, "on.wing"), unitId: wing.id });
    expect(read.map((a) => a.module_id).filter((id) => id === ids[3] || id === ids[4] || id === ids[5])).toEqual([]);
  });
});

describe("an officer with no wing", () => {
  it("is asked on their home page to choose one, while their prison has wings", async () => {
    const context = testContext(db);
    const home = async (username: string) => {
      const h = await homeFor(db, (await getCurrentUser(await requestAs(context, username), context))!);
      return h.role === "officer" ? h.chooseWing : null;
    };
    const prison = await db.selectFrom("establishments").select("id").executeTakeFirstOrThrow();
    await addUser(db, { username: "no.wing", role: "officer", establishment_id: prison.id });
    expect(await home("no.wing")).toBe(true);
    expect(await home("officer")).toBe(false);
  });
});
