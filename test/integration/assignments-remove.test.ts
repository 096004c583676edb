// Removing an assignment through its confirmation page's loader and action on a real database: the
// page says what will go; another prison's manager gets a 404 from both; removing it writes one audit
// row, and a second submit changes nothing and leads back to the page saying it has gone.
import { describe, expect, it } from "vitest";
import { addDays, dayOf, formatDay } from "~/domain/dates.server";
import { requestAs, testContext, testDatabase } from "../support/database";
import { responseOf } from "../support/oidc-flow";
import { addUser, anotherPrison } from "../support/people";

const page = await import("~/routes/reports.assignments_.$assignmentId.remove");
const { createAssignments } = await import("~/assignments/assignments.server");
const { currentUserOf } = await import("../support/database");

const db = await testDatabase();
const context = testContext(db);
const manager = await currentUserOf(context, "manager");
const prison = manager.establishmentId!;
const other = await anotherPrison(db, { code: "ELS", wing: "Jubilee wing" });
await addUser(db, {
  username: "els.manager",
  display_name: "Elsewhere manager",
  role: "manager",
  establishment_id: other.id,
});

const wingB = await db
  .selectFrom("units")
  .select(["id", "name"])
  .where("establishment_id", "=", prison)
  .where("name", "=", "B wing")
  .executeTakeFirstOrThrow();
const due = addDays(dayOf(new Date()), 30);
const moduleId = "listening-on-the-landing";
const made = await createAssignments(
  db,
  manager,
  prison,
  { moduleId, audience: "wing", unitId: wingB.id, officerIds: [], dueOn: due, dueDays: null },
  [moduleId],
);
if (!made.ok) throw new Error("could not assign");
const { id } = await db.selectFrom("assignments").select("id").executeTakeFirstOrThrow();
const path = `/reports/assignments/${id}/remove`;

const get = (who: string, query = "") =>
  responseOf(async () =>
    page.loader({
      request: await requestAs(context, who, `${path}${query}`),
      params: { assignmentId: String(id) },
      context,
    }),
  );
const post = (who: string, fields: Record<string, string> = {}, query = "") =>
  responseOf(async () => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    return page.action({
      request: await requestAs(context, who, `${path}${query}`, { method: "POST", body }),
      params: { assignmentId: String(id) },
      context,
    });
  });
const removals = async () =>
  (await db.selectFrom("audit_events").select("id").where("action", "=", "assignment.removed").execute()).length;
const isLive = async () =>
  (await db.selectFrom("assignments").select("removed_at").where("id", "=", id).executeTakeFirstOrThrow())
    .removed_at === null;

describe("the page confirming an assignment's removal", () => {
  it("says what will be removed: the training, all officers on the wing, the due date and how many it covers", async () => {
    const res = await get("manager");
    expect(res.status).toBe(200);
    const onWingB = await db
      .selectFrom("users")
      .select("id")
      .where("unit_id", "=", wingB.id)
      .where("role", "=", "officer")
      .where("active", "=", true)
      .execute();
    expect(onWingB.length).toBeGreaterThan(0);
    expect((await res.json()).assignment).toEqual({
      kind: "live",
      id,
      what: "Listening on the landing",
      to: "B wing",
      audience: "All officers on B wing",
      due: `By ${formatDay(due)}`,
      officers: onWingB.length,
    });
  });

  it("is a 404 for another prison's manager and a manager asking for another prison, from loader and action", async () => {
    expect((await get("els.manager")).status).toBe(404);
    expect((await post("els.manager")).status).toBe(404);
    expect((await get("manager", `?prison=${other.id}`)).status).toBe(404);
    expect((await post("manager", { prison: String(other.id) })).status).toBe(404);
    // An admin looking at the other prison finds no such assignment there either.
    expect((await post("admin", { prison: String(other.id) })).status).toBe(404);
    expect((await get("officer")).status).toBe(403);
    expect((await post("officer")).status).toBe(403);
    expect(await isLive()).toBe(true);
    expect(await removals()).toBe(0);
  });

  it("removes it with one audit row; a second submit changes nothing and leads to the page saying it has gone", async () => {
    const first = await post("manager");
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/reports/assignments");
    expect(await isLive()).toBe(false);
    expect(await removals()).toBe(1);

    const second = await post("manager");
    expect(second.status).toBe(302);
    expect(second.headers.get("Location")).toBe(path);
    expect(await removals()).toBe(1);

    const gone = await get("manager");
    expect(gone.status).toBe(200);
    expect((await gone.json()).assignment).toMatchObject({
      kind: "removed",
      what: "Listening on the landing",
      to: "B wing",
      audience: "All officers on B wing",
      removedBy: manager.displayName,
    });
    // Still another prison's business only to its own: a 404, not "already removed".
    expect((await get("els.manager")).status).toBe(404);
    expect((await post("els.manager")).status).toBe(404);
  });

  it("is a 404 for an assignment that never was", async () => {
    const res = await responseOf(async () =>
      page.loader({
        request: await requestAs(context, "manager", "/reports/assignments/999999/remove"),
        params: { assignmentId: "999999" },
        context,
      }),
    );
    expect(res.status).toBe(404);
    expect(
      (
        await responseOf(async () =>
          page.loader({ request: await requestAs(context, "manager"), params: { assignmentId: "x" }, context }),
        )
      ).status,
    ).toBe(404);
  });
});
