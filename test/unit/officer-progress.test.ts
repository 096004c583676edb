// What an officer's home page says is left in a module, on a real database.
import { describe, expect, it } from "vitest";
import { testDatabase, userIdOf } from "../support/database";
import { insertAttempts, LISTENING_SCENARIOS } from "../support/attempts";
import { addUser } from "../support/people";

const { officerProgress } = await import("~/practice/progress.server");

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
