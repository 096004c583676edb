// Removing an assignment is written to the audit log as what it was (module, to whom, due when),
// in the same words as its creation, so a manager can see which one went. The confirmation after
// assigning says what was assigned, to whom and by when, so the manager sees it was the one they meant.
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
    expect(made).toMatchObject({ ok: true, count: 1 });
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

const officers = await db
  .selectFrom("users")
  .select(["id", "display_name"])
  .where("username_key", "in", ["officer2", "officer3"])
  .orderBy("username_key")
  .execute();
const wing = await db
  .selectFrom("units")
  .select("id")
  .where("establishment_id", "=", prison)
  .where("name", "=", "A wing")
  .executeTakeFirstOrThrow();
const none = { unitId: null, officerIds: [], dueOn: null, dueDays: null };

const noticeFor = async (input: Parameters<typeof createAssignments>[3]) => {
  const made = await createAssignments(db, manager, prison, input, [moduleId]);
  if (!made.ok) throw new Error(JSON.stringify(made.errors));
  return made.notice;
};

describe("the confirmation of an assignment", () => {
  it("names the module, the wing and the date", async () => {
    expect(await noticeFor({ ...none, moduleId, audience: "wing", unitId: wing.id, dueOn: "2027-02-28" })).toBe(
      "Training assigned: Listening on the landing to A wing, by 28 February 2027.",
    );
  });

  it("names the one officer, or counts several", async () => {
    const [one, two] = officers;
    expect(
      await noticeFor({ ...none, moduleId: null, audience: "officers", officerIds: [one.id], dueOn: "2027-03-31" }),
    ).toBe(`Training assigned: Whole programme to ${one.display_name}, by 31 March 2027.`);
    expect(
      await noticeFor({ ...none, moduleId, audience: "officers", officerIds: [one.id, two.id], dueOn: "2027-03-31" }),
    ).toBe("Training assigned: Listening on the landing to 2 officers, by 31 March 2027.");
  });

  it("says every officer in the prison, and a number of days from joining", async () => {
    expect(await noticeFor({ ...none, moduleId, audience: "prison", dueDays: 14 })).toMatch(
      /^Training assigned: Listening on the landing to every officer in the prison, within 14 days of joining \(or of \d+ \w+ \d{4}, when it was assigned\)\.$/,
    );
  });
});
