// Removing an assignment is written to the audit log as what it was (module, to whom, due when),
// in the same words as its creation, so a manager can see which one went.
import { describe, expect, it } from "vitest";
import { requestAs, testContext, testDatabase } from "../support/database";

const { createAssignments, removeAssignment, assignmentList } = await import("~/assignments/assignments.server");
const { getCurrentUser } = await import("~/auth/guard.server");

const db = await testDatabase();
const context = testContext(db);
const manager = (await getCurrentUser(await requestAs(context, "manager"), context))!;
const prison = manager.establishmentId!;
const officer = await db
  .selectFrom("users")
  .select(["id", "display_name"])
  .where("username_key", "=", "officer2")
  .executeTakeFirstOrThrow();
const moduleId = "listening-on-the-landing";

const auditOf = (action: string) =>
  db
    .selectFrom("audit_events")
    .selectAll()
    .where("action", "=", action)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();

describe("the audit of assignments", () => {
  it("names the one officer assigned and, on removal, what was removed", async () => {
    const input = { moduleId, audience: "officers" as const, unitId: null, officerIds: [officer.id] };
    const made = await createAssignments(db, manager, prison, { ...input, dueOn: "2027-01-31", dueDays: null }, [
      moduleId,
    ]);
    expect(made).toEqual({ ok: true, count: 1 });
    expect(await auditOf("assignment.created")).toMatchObject({ subject_user_id: officer.id });

    const live = (await assignmentList(db, prison)).find((a) => a.officerId === officer.id)!;
    expect(await removeAssignment(db, manager, prison, live.id)).toEqual({
      kind: "removed",
      notice: `Assignment removed: Listening on the landing for ${officer.display_name}, by 31 January 2027.`,
    });
    const removed = await auditOf("assignment.removed");
    expect(removed).toMatchObject({ subject_user_id: officer.id, establishment_id: prison });
    expect(JSON.parse(removed.details!)).toEqual({
      id: live.id,
      moduleId,
      to: [officer.id],
      dueOn: "2027-01-31",
      dueDays: null,
    });
    // Gone already: nothing removed, nothing written.
    const count = async () => (await db.selectFrom("audit_events").select("id").execute()).length;
    const before = await count();
    expect(await removeAssignment(db, manager, prison, live.id)).toMatchObject({
      kind: "already-removed",
      removedBy: manager.displayName,
    });
    expect(await count()).toBe(before);
  });
});
