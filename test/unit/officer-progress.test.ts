// What an officer's home page says is left in a module, on a real database.
import { describe, expect, it } from "vitest";
import { requestAs, testContext, testDatabase, userIdOf } from "../support/database";
import { insertAttempts, LISTENING_SCENARIOS } from "../support/attempts";
import { addUser } from "../support/people";

const { officerProgress, progressAndAssigned } = await import("~/practice/progress.server");
const { createAssignments } = await import("~/assignments/assignments.server");
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
    const listening = (await officerProgress(db, await userIdOf(db, "new.starter"))).modules[0];
    expect(listening.statusKey).toBe("practised");
    expect(listening.left).toBe(
      "Every scenario finished at least once, in practice or assessment. 2 of 3 scenarios still to take as an assessment.",
    );
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
