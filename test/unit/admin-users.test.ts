import { describe, expect, it } from "vitest";
import { testDatabase } from "../support/database";

const { createUserAccount, editUser, setUserActive } = await import("~/admin/users.server");
const { EditUserForm, NewUserForm } = await import("~/admin/user-forms.server");
const { parseForm } = await import("~/utils/forms");
const { getUserWithPlace } = await import("~db/queries/users.server");

const db = await testDatabase();

const admin = await db.selectFrom("users").selectAll().where("username_key", "=", "admin").executeTakeFirstOrThrow();
const actor = {
  id: admin.id,
  username: "admin",
  displayName: admin.display_name,
  role: "admin" as const,
  establishmentId: null,
  establishmentName: null,
  unitId: null,
  unitName: null,
  mustChangePassword: false,
};
const prison = await db.selectFrom("establishments").selectAll().executeTakeFirstOrThrow();
const wing = await db
  .selectFrom("units")
  .selectAll()
  .where("establishment_id", "=", prison.id)
  .executeTakeFirstOrThrow();

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

describe("admin user management refuses bad input and changes nothing", () => {
  it("rejects a forged role, odd Unicode and over-long values with field errors", () => {
    const result = parseForm(
      NewUserForm,
      form({
        username: "ok.name",
        password: "long enough password",
        displayName: "Zed\u202eevil",
        role: "superuser",
        establishmentId: "1",
        unitId: "",
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.role).toBe("Choose a role");
      expect(result.errors.displayName).toMatch(/hidden or control characters/);
    }
    const long = parseForm(
      NewUserForm,
      form({ username: "x".repeat(300), password: "p".repeat(201), displayName: "A", role: "officer" }),
    );
    expect(long.ok).toBe(false);
    if (!long.ok) {
      expect(long.errors.username).toMatch(/64 characters or fewer/);
      expect(long.errors.password).toMatch(/200 characters or fewer/);
    }
  });

  it("refuses a forged prison or a wing from another prison, and creates no user", async () => {
    const before = await db.selectFrom("users").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const forgedPrison = await createUserAccount(db, actor, {
      username: "forged1",
      password: "long enough password",
      displayName: "Forged",
      role: "officer",
      establishmentId: 99999,
      unitId: wing.id,
    });
    expect(forgedPrison).toMatchObject({ ok: false, errors: { establishmentId: "Choose a prison from the list" } });
    const otherPrison = await db
      .insertInto("establishments")
      .values({ code: "OTH", name: "Other", created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const wrongWing = await createUserAccount(db, actor, {
      username: "forged2",
      password: "long enough password",
      displayName: "Forged",
      role: "officer",
      establishmentId: otherPrison.id,
      unitId: wing.id,
    });
    expect(wrongWing).toMatchObject({ ok: false, errors: { unitId: "Choose a wing or team in the chosen prison" } });
    const after = await db.selectFrom("users").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("treats usernames as unique ignoring case", async () => {
    const result = await createUserAccount(db, actor, {
      username: "OFFICER",
      password: "long enough password",
      displayName: "Dup",
      role: "officer",
      establishmentId: prison.id,
      unitId: wing.id,
    });
    expect(result).toMatchObject({ ok: false, errors: { username: "That username is already taken" } });
  });

  it("records role changes and deactivation in the audit log and ends the user's sessions", async () => {
    const created = await createUserAccount(db, actor, {
      username: "temp.officer",
      password: "long enough password",
      displayName: "Temp",
      role: "officer",
      establishmentId: prison.id,
      unitId: wing.id,
    });
    if (!created.ok) throw new Error("create failed");
    await db
      .insertInto("sessions")
      .values({
        id: "s1",
        user_id: created.id,
        data: "{}",
        created_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + 60_000).toISOString(),
      })
      .execute();
    expect(
      await editUser(db, actor, created.id, {
        displayName: "Temp",
        role: "trainer",
        establishmentId: prison.id,
        unitId: null,
      }),
    ).toEqual({ ok: true });
    expect((await getUserWithPlace(db, created.id))?.role).toBe("trainer");
    await setUserActive(db, actor, created.id, false);
    const actions = await db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_user_id", "=", created.id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["user.created", "user.role_changed", "user.deactivated"]),
    );
    expect(await db.selectFrom("sessions").selectAll().where("user_id", "=", created.id).execute()).toEqual([]);
    expect(await setUserActive(db, actor, admin.id, false)).toMatchObject({ ok: false });
  });

  it("marks an officer as an MI coach with the checkbox, audited; only officers keep the mark", async () => {
    const sam = await db
      .selectFrom("users")
      .selectAll()
      .where("username_key", "=", "officer")
      .executeTakeFirstOrThrow();
    const edit = (values: Record<string, string>) => {
      const parsed = parseForm(EditUserForm, form({ intent: "edit", ...values }));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.data;
    };
    const placement = {
      displayName: sam.display_name,
      role: "officer",
      establishmentId: String(prison.id),
      unitId: String(sam.unit_id),
    };
    expect(parseForm(EditUserForm, form({ intent: "edit", ...placement, miCoach: "maybe" })).ok).toBe(false);
    expect(await editUser(db, actor, sam.id, edit({ ...placement, miCoach: "yes" }))).toEqual({ ok: true });
    expect((await getUserWithPlace(db, sam.id))?.mi_coach).toBe(true);
    // An unticked box is not sent at all: the mark comes off.
    expect(await editUser(db, actor, sam.id, edit(placement))).toEqual({ ok: true });
    expect((await getUserWithPlace(db, sam.id))?.mi_coach).toBe(false);
    // A trainer coaches by role: the mark is not kept.
    await editUser(db, actor, sam.id, edit({ ...placement, role: "trainer", unitId: "", miCoach: "yes" }));
    expect((await getUserWithPlace(db, sam.id))?.mi_coach).toBe(false);
    const actions = await db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_user_id", "=", sam.id)
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action).filter((a) => a.startsWith("user.") && a.includes("coach"))).toEqual([
      "user.made_coach",
      "user.coach_removed",
    ]);
  });
});
