/**
 * Administrators removing each other's access at the same moment: Engage must always keep an active
 * administrator, a change (or staff import) whose administrator lost their access on its way changes nothing,
 * and an import never changes someone made an administrator after its file was checked. On PostgreSQL
 * the interleaving is made, not raced for: a third connection holds the users' rows while both changes start
 * and queue behind it, in a known order, then lets them go. SQLite runs one transaction at a time, so there
 * the same changes run one after the other, each made by an administrator read before the other's change.
 */
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "~db/schema";
import { countUsers, getUserWithPlace, insertUser, updateUser } from "~db/queries/users.server";
import { editUser, setUserActive } from "~/admin/users.server";
import type { CurrentUser } from "~/auth/guard.server";
import { NO_PASSWORD } from "~/auth/password.server";
import { action as userAction } from "~/routes/admin.users.$userId";
import { action as importAction } from "~/routes/staff_.import.$importId";
import { applyStaffPlan, confirmStaffImport, planStaffFile, uploadStaffFile } from "~/staff/import.server";
import {
  anotherInstance,
  currentUserNamed,
  requestAs,
  TEST_ENGINE,
  testContext,
  testDatabase,
  userIdOf,
} from "../support/database";
import { holdUsers } from "../support/locks";

const ACCESS_REMOVED = "Your administrator access was removed while you were making this change. Nothing was changed.";

/** A demo database whose only active administrators are Ana and Ben, both signed in. */
async function twoAdministrators() {
  const db = await testDatabase();
  const context = testContext(db);
  await updateUser(db, await userIdOf(db, "admin"), { active: false });
  for (const [username, name] of [
    ["ana", "Ana Admin"],
    ["ben", "Ben Admin"],
  ])
    await insertUser(db, {
      username,
      display_name: name,
      role: "admin",
      establishment_id: null,
      unit_id: null,
      password_hash: NO_PASSWORD,
      must_change_password: false,
      active: true,
    });
  const [ana, ben] = [await currentUserNamed(context, "ana"), await currentUserNamed(context, "ben")];
  const prison = await db.selectFrom("establishments").select("id").where("code", "=", "HBK").executeTakeFirstOrThrow();
  return { db, context, ana, ben, prisonId: prison.id };
}

const activeAdmins = (db: Kysely<Database>) => countUsers(db, { role: "admin", active: true });
const state = async (db: Kysely<Database>, id: number) => {
  const user = (await getUserWithPlace(db, id))!;
  return { role: user.role, active: user.active };
};
const sessionsOf = async (db: Kysely<Database>, id: number) =>
  (await db.selectFrom("sessions").select("id").where("user_id", "=", id).execute()).length;

/** An edit that makes an administrator a manager of a prison, from the form as it is now. */
async function demotion(db: Kysely<Database>, user: CurrentUser, prisonId: number) {
  const version = (await getUserWithPlace(db, user.id))!.row_version;
  return { version, displayName: user.displayName, role: "manager" as const, establishmentId: prisonId, unitId: null };
}

const post = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });

describe.runIf(TEST_ENGINE === "postgres")("two administrators on PostgreSQL, each removing the other", () => {
  it("deactivating each other at once: exactly one succeeds, the other is told nothing changed", async () => {
    const { db, context, ana, ben } = await twoAdministrators();
    const other = testContext(anotherInstance(db)); // a second instance of Engage
    // Both pages are open and both guards pass before either change is written.
    const anaAsks = await requestAs(context, "ana", `/admin/users/${ben.id}`, post({ intent: "deactivate" }));
    const benAsks = await requestAs(other, "ben", `/admin/users/${ana.id}`, post({ intent: "deactivate" }));
    const held = await holdUsers(db, [ana.id, ben.id]);
    const first = await held.start(() => userAction({ request: anaAsks, params: { userId: String(ben.id) }, context }));
    const second = await held.start(() =>
      userAction({ request: benAsks, params: { userId: String(ana.id) }, context: other }),
    );
    await held.release();

    const [anaGot, benGot] = [await first.result, await second.result];
    // Ana's change: her page again, with its notice; Ben, signed out by it: the sign-in page, saying why nothing changed.
    const [anaAnswer, benAnswer] = [anaGot as Response, benGot as Response];
    expect([anaAnswer.headers.get("location"), benAnswer.headers.get("location")]).toEqual([
      `/admin/users/${ben.id}`,
      "/sign-in",
    ]);
    const benNext = await other.sessions.getSession(
      new Request("http://localhost/sign-in", { headers: { Cookie: benAnswer.headers.get("Set-Cookie")! } }),
    );
    expect(benNext.get("important")).toBe(ACCESS_REMOVED);
    expect([await state(db, ana.id), await state(db, ben.id)]).toEqual([
      { role: "admin", active: true },
      { role: "admin", active: false },
    ]);
    expect(await activeAdmins(db)).toBe(1);
    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "actor_user_id"])
      .where("subject_user_id", "in", [ana.id, ben.id])
      .execute();
    expect(audit).toEqual([{ action: "user.deactivated", actor_user_id: ana.id }]);
  });

  it("demoting each other at once: exactly one succeeds, the other is told nothing changed", async () => {
    const { db, ana, ben, prisonId } = await twoAdministrators();
    const b = anotherInstance(db);
    const [anaDemotesBen, benDemotesAna] = [await demotion(db, ben, prisonId), await demotion(db, ana, prisonId)];
    const held = await holdUsers(db, [ana.id, ben.id]);
    const first = await held.start(() => editUser(db, ana, ben.id, anaDemotesBen));
    const second = await held.start(() => editUser(b, ben, ana.id, benDemotesAna));
    await held.release();

    expect(await first.result).toEqual({ ok: true });
    expect(await second.result).toEqual({ ok: false, accessRemoved: true, message: ACCESS_REMOVED });
    expect([await state(db, ana.id), await state(db, ben.id)]).toEqual([
      { role: "admin", active: true },
      { role: "manager", active: true },
    ]);
    expect(await activeAdmins(db)).toBe(1);
  });

  it("an administrator's import queued behind their own deactivation imports nothing, and says why", async () => {
    const { db, context, ana, ben } = await twoAdministrators();
    const uploaded = await uploadStaffFile(db, ana, upload("officer,Samuel Okafor,,manager,HBK,"), false);
    if (!uploaded.ok) throw new Error(JSON.stringify(uploaded.errors));
    const officer = await userIdOf(db, "officer");
    // Ana's confirmation is past the page's guard before Ben's deactivation is written.
    const anaConfirms = await requestAs(context, "ana", `/staff/import/${uploaded.importId}`, post({}));
    const held = await holdUsers(db, [ana.id, ben.id]);
    const deactivation = await held.start(() => setUserActive(anotherInstance(db), ben, ana.id, false));
    const importing = await held.start(() =>
      importAction({ request: anaConfirms, params: { importId: String(uploaded.importId) }, context }),
    );
    await held.release();

    expect(await deactivation.result).toEqual({ ok: true });
    // Signed out by the deactivation: the sign-in page says why nothing was imported.
    const answer = (await importing.result) as Response;
    expect(answer.headers.get("location")).toBe("/sign-in");
    const next = await context.sessions.getSession(
      new Request("http://localhost/sign-in", { headers: { Cookie: answer.headers.get("Set-Cookie")! } }),
    );
    expect(next.get("important")).toBe(IMPORT_ACCESS_REMOVED);
    expect(await state(db, officer)).toEqual({ role: "officer", active: true });
  });
});

const IMPORT_ACCESS_REMOVED =
  "Your access to import staff was removed while you were importing this file. Nothing was imported.";
const staffFile = (...rows: string[]) =>
  new TextEncoder().encode(["username,name,email,role,prison,wing", ...rows].join("\n") + "\n");
const upload = (...rows: string[]) => ({ name: "staff.csv", bytes: staffFile(...rows) });

describe(`an administrator's change made after their own access was removed (${TEST_ENGINE})`, () => {
  it("does not deactivate the last active administrator, and says why", async () => {
    const { db, ana, ben } = await twoAdministrators();
    expect(await setUserActive(db, ben, ana.id, false)).toEqual({ ok: true });
    // Ana's page was open, and her request already past the guard.
    expect(await setUserActive(db, ana, ben.id, false)).toEqual({
      ok: false,
      accessRemoved: true,
      message: ACCESS_REMOVED,
    });
    expect(await state(db, ben.id)).toEqual({ role: "admin", active: true });
    expect(await sessionsOf(db, ben.id)).toBe(1);
    expect(await activeAdmins(db)).toBe(1);
  });

  it("does not demote the last active administrator, nor change anything else on the form", async () => {
    const { db, ana, ben, prisonId } = await twoAdministrators();
    const anaDemotesBen = await demotion(db, ben, prisonId);
    expect(await editUser(db, ben, ana.id, await demotion(db, ana, prisonId))).toEqual({ ok: true });
    expect(await editUser(db, ana, ben.id, { ...anaDemotesBen, displayName: "Ben Renamed" })).toEqual({
      ok: false,
      accessRemoved: true,
      message: ACCESS_REMOVED,
    });
    expect(await getUserWithPlace(db, ben.id)).toMatchObject({ role: "admin", display_name: "Ben Admin" });
    expect(await activeAdmins(db)).toBe(1);
  });

  it("refuses an administrator deactivating or demoting themself, the only one left", async () => {
    const { db, ana, ben, prisonId } = await twoAdministrators();
    await setUserActive(db, ana, ben.id, false);
    expect(await setUserActive(db, ana, ana.id, false)).toMatchObject({ ok: false });
    expect(await editUser(db, ana, ana.id, await demotion(db, ana, prisonId))).toMatchObject({
      ok: false,
      errors: { role: "You cannot remove your own administrator role" },
    });
    expect(await state(db, ana.id)).toEqual({ role: "admin", active: true });
  });

  it("still lets an active administrator deactivate and demote another, audited, their sessions ended", async () => {
    const { db, ana, ben, prisonId } = await twoAdministrators();
    expect(await editUser(db, ana, ben.id, await demotion(db, ben, prisonId))).toEqual({ ok: true });
    expect(await sessionsOf(db, ben.id)).toBe(0);
    const manager = await userIdOf(db, "manager");
    expect(await setUserActive(db, ana, manager, false)).toEqual({ ok: true });
    const audit = await db
      .selectFrom("audit_events")
      .select("action")
      .where("actor_user_id", "=", ana.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["user.role_changed", "user.moved", "user.deactivated"]);
  });
});

describe(`a staff import and administrators' changes meeting (${TEST_ENGINE})`, () => {
  it("imports nothing for an administrator deactivated since they uploaded the file", async () => {
    const { db, ana, ben } = await twoAdministrators();
    const uploaded = await uploadStaffFile(db, ana, upload("officer,Samuel Okafor,,manager,HBK,"), false);
    if (!uploaded.ok) throw new Error(JSON.stringify(uploaded.errors));
    await setUserActive(db, ben, ana.id, false);
    expect(await confirmStaffImport(db, ana, uploaded.importId)).toEqual({
      ok: false,
      accessRemoved: true,
      message: IMPORT_ACCESS_REMOVED,
    });
    const officer = (await getUserWithPlace(db, await userIdOf(db, "officer")))!;
    expect(officer).toMatchObject({ role: "officer", display_name: "Sam Okafor" });
    expect(await db.selectFrom("staff_imports").select("applied_at").executeTakeFirstOrThrow()).toEqual({
      applied_at: null,
    });
  });

  it("changes no one made an administrator after the file was checked, so it cannot remove the last one", async () => {
    const { db, ana, ben } = await twoAdministrators();
    const options = { onlyPrisonId: null, deactivateMissing: false, actorId: null };
    const { plan } = await planStaffFile(db, staffFile("officer,Sam Okafor,,manager,HBK,"), options);
    // Meanwhile the officer is made an administrator and is left the only one.
    const officer = await userIdOf(db, "officer");
    await updateUser(db, officer, { role: "admin", establishment_id: null, unit_id: null });
    await setUserActive(db, ana, ben.id, false);
    await setUserActive(db, await currentUserNamed(testContext(db), "officer"), ana.id, false);
    expect(await activeAdmins(db)).toBe(1);
    expect(await applyStaffPlan(db, plan!, { ...options, source: "command line", fileName: "staff.csv" })).toEqual({
      ok: false,
      message:
        "Sam Okafor was made an administrator after the file was checked: nothing was imported. " +
        "Administrators are not imported; check the file again.",
    });
    expect(await state(db, officer)).toEqual({ role: "admin", active: true });
    expect(await activeAdmins(db)).toBe(1);
  });

  it("still applies an administrator's file as before", async () => {
    const { db, ana } = await twoAdministrators();
    const uploaded = await uploadStaffFile(db, ana, upload("officer,Samuel Okafor,,manager,HBK,"), true);
    if (!uploaded.ok) throw new Error(JSON.stringify(uploaded.errors));
    expect(await confirmStaffImport(db, ana, uploaded.importId)).toMatchObject({ ok: true, counts: { changed: 1 } });
    expect(await state(db, await userIdOf(db, "officer"))).toEqual({ role: "manager", active: true });
    expect(await state(db, await userIdOf(db, "officer2"))).toEqual({ role: "officer", active: false });
    expect(await activeAdmins(db)).toBe(2);
  });
});
