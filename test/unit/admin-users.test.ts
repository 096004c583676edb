import { describe, expect, it } from "vitest";
import { currentUserNamed, requestAs, testContext, testDatabase } from "../support/database";

const { createUserAccount, editUser, resetPassword, setUserActive } = await import("~/admin/users.server");
const { EditUserForm, NewUserForm } = await import("~/admin/user-forms.server");
const { changeOwnPassword } = await import("~/auth/change-password.server");
const { chooseOwnWing } = await import("~/auth/choose-wing.server");
const { action: userAction } = await import("~/routes/admin.users.$userId");
const { parseForm } = await import("~/utils/forms");
const { deactivateUsers, getUserWithPlace, updateUser } = await import("~db/queries/users.server");
const { updateImportedUsers } = await import("~db/queries/staff-imports.server");

const db = await testDatabase();
const context = testContext(db);

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

const versionOf = async (id: number) => (await getUserWithPlace(db, id))!.row_version;
const auditCount = async (id: number) =>
  (await db.selectFrom("audit_events").select("id").where("subject_user_id", "=", id).execute()).length;

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
    // The error summary lists problems in the order the form shows its fields.
    const empty = parseForm(NewUserForm, form({}));
    expect(empty.ok ? [] : Object.keys(empty.errors)).toEqual(["username", "displayName", "role", "password"]);
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
        version: await versionOf(created.id),
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
    // Each save from a form made from the user as they are now.
    const edit = async (values: Record<string, string>) => {
      const version = String(await versionOf(sam.id));
      const parsed = parseForm(EditUserForm, form({ intent: "edit", version, ...values }));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.data;
    };
    const placement = {
      displayName: sam.display_name,
      role: "officer",
      establishmentId: String(prison.id),
      unitId: String(sam.unit_id),
    };
    expect(parseForm(EditUserForm, form({ intent: "edit", version: "1", ...placement, miCoach: "maybe" })).ok).toBe(
      false,
    );
    expect(await editUser(db, actor, sam.id, await edit({ ...placement, miCoach: "yes" }))).toEqual({ ok: true });
    expect((await getUserWithPlace(db, sam.id))?.mi_coach).toBe(true);
    // An unticked box is not sent at all: the mark comes off.
    expect(await editUser(db, actor, sam.id, await edit(placement))).toEqual({ ok: true });
    expect((await getUserWithPlace(db, sam.id))?.mi_coach).toBe(false);
    // A trainer coaches by role: the mark is not kept.
    await editUser(db, actor, sam.id, await edit({ ...placement, role: "trainer", unitId: "", miCoach: "yes" }));
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

describe("a save from an out-of-date form is refused", () => {
  const newTrainer = async (username: string) => {
    const created = await createUserAccount(db, actor, {
      username,
      password: "long enough password",
      displayName: "Pat Trainer",
      role: "trainer",
      establishmentId: prison.id,
      unitId: null,
    });
    if (!created.ok) throw new Error("create failed");
    return created.id;
  };
  const placement = { displayName: "Pat Trainer", role: "trainer" as const, establishmentId: prison.id, unitId: null };

  it("two tabs: the second save changes nothing and writes no audit row, with a 409 from the page", async () => {
    const id = await newTrainer("two.tabs");
    const seen = await versionOf(id); // both tabs opened now
    expect(await editUser(db, actor, id, { ...placement, version: seen, role: "manager" })).toEqual({ ok: true });
    const audited = await auditCount(id);
    // Tab B still shows Trainer and changes only the name.
    const refused = await editUser(db, actor, id, { ...placement, version: seen, displayName: "Pat Renamed" });
    expect(refused).toMatchObject({ ok: false, stale: true, message: expect.stringMatching(/^Someone else changed/) });
    expect(await getUserWithPlace(db, id)).toMatchObject({ role: "manager", display_name: "Pat Trainer" });
    expect(await auditCount(id)).toBe(audited);

    // Through the page: a 409 with the message in the error summary and no typed values, so the
    // form is shown again with the user as they are now.
    const res = (await userAction({
      request: await requestAs(context, "admin", "/x", {
        method: "POST",
        body: new URLSearchParams({
          intent: "edit",
          version: String(seen),
          displayName: "Pat Renamed",
          role: "trainer",
          establishmentId: String(prison.id),
          unitId: "",
        }),
      }),
      params: { userId: String(id) },
      context,
    })) as { data: { errors: Record<string, string>; values: unknown }; init: ResponseInit };
    expect(res.init.status).toBe(409);
    expect(res.data.errors.form).toMatch(/^Someone else changed this user while you were looking at it\./);
    expect(res.data.values).toBeNull();
    expect(await getUserWithPlace(db, id)).toMatchObject({ role: "manager", display_name: "Pat Trainer" });
    expect(await auditCount(id)).toBe(audited);
  });

  it("every other write of a user bumps the version, so a form opened before it is refused", async () => {
    const id = await newTrainer("other.writers");
    const officer = await db
      .selectFrom("users")
      .selectAll()
      .where("username_key", "=", "officer4")
      .executeTakeFirstOrThrow();
    const writers: [string, number, () => Promise<unknown>][] = [
      ["deactivation", id, () => setUserActive(db, actor, id, false)],
      ["reactivation", id, () => setUserActive(db, actor, id, true)],
      ["password reset", id, () => resetPassword(db, actor, id, "another long enough password")],
      [
        "own password change",
        id,
        async () =>
          changeOwnPassword(
            db,
            await currentUserNamed(context, "other.writers"),
            "another long enough password",
            "a third password quite long",
          ),
      ],
      ["sign-in service", id, () => updateUser(db, id, { display_name: "Pat From SSO", oidc_subject: "sub-1" })],
      [
        "staff import",
        id,
        () =>
          updateImportedUsers(db, [
            {
              id,
              display_name: "Pat Imported",
              email: null,
              role: "trainer",
              establishment_id: prison.id,
              unit_id: null,
              prison_joined_at: null,
              unit_joined_at: null,
            },
          ]),
      ],
      ["staff import's deactivation", id, () => deactivateUsers(db, [id])],
      [
        "choosing one's own wing",
        officer.id,
        async () => {
          await db.updateTable("users").set({ unit_id: null }).where("id", "=", officer.id).execute();
          const before = await versionOf(officer.id);
          await chooseOwnWing(db, await currentUserNamed(context, "officer4"), wing.id);
          return before;
        },
      ],
    ];
    for (const [writer, userId, write] of writers) {
      const before = await versionOf(userId);
      const returned = await write();
      const seen = typeof returned === "number" ? returned : before;
      expect(await versionOf(userId), writer).toBeGreaterThan(seen);
      const audited = await auditCount(userId);
      const user = (await getUserWithPlace(db, userId))!;
      const stale = await editUser(db, actor, userId, {
        version: seen,
        displayName: "From an old form",
        role: user.role,
        establishmentId: user.establishment_id,
        unitId: user.unit_id,
      });
      expect(stale, writer).toMatchObject({ ok: false, stale: true });
      expect((await getUserWithPlace(db, userId))?.display_name, writer).toBe(user.display_name);
      expect(await auditCount(userId), writer).toBe(audited);
    }
  });
});

describe("an email address belongs to one user, in any capitals", () => {
  const create = (username: string, email: string) =>
    createUserAccount(db, actor, {
      username,
      email,
      password: "long enough password",
      displayName: `Pat ${username}`,
      role: "trainer",
      establishmentId: prison.id,
      unitId: null,
    });
  const emailOf = async (id: number) => (await getUserWithPlace(db, id))!.email;
  const users = async () =>
    Number((await db.selectFrom("users").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  it("refuses another user's address on the new user and edit forms, naming who has it", async () => {
    const first = await create("email.first", "Sam.Shared@justice.example");
    if (!first.ok) throw new Error("create failed");
    const before = await users();
    expect(await create("email.second", "SAM.SHARED@JUSTICE.EXAMPLE")).toEqual({
      ok: false,
      errors: { email: "That email address is already used by Pat email.first (email.first)" },
    });
    expect(await users()).toBe(before);

    const other = await create("email.other", "other@justice.example");
    if (!other.ok) throw new Error("create failed");
    const placement = {
      displayName: "Pat email.other",
      role: "trainer" as const,
      establishmentId: prison.id,
      unitId: null,
    };
    const version = await versionOf(other.id);
    expect(await editUser(db, actor, other.id, { ...placement, version, email: "sam.shared@Justice.Example" })).toEqual(
      {
        ok: false,
        errors: { email: "That email address is already used by Pat email.first (email.first)" },
      },
    );
    expect(await emailOf(other.id)).toBe("other@justice.example");
    // Their own address in other capitals is still theirs.
    const own = { ...placement, displayName: "Pat email.first", version: await versionOf(first.id) };
    expect(await editUser(db, actor, first.id, { ...own, email: "sam.shared@justice.example" })).toEqual({ ok: true });

    // Through the page: the message is on the email field, with what was typed kept.
    const res = (await userAction({
      request: await requestAs(context, "admin", "/x", {
        method: "POST",
        body: new URLSearchParams({
          intent: "edit",
          version: String(version),
          displayName: "Pat email.other",
          email: "SAM.shared@justice.example",
          role: "trainer",
          establishmentId: String(prison.id),
          unitId: "",
        }),
      }),
      params: { userId: String(other.id) },
      context,
    })) as { data: { errors: Record<string, string> }; init: ResponseInit };
    expect(res.data.errors).toEqual({ email: "That email address is already used by Pat email.first (email.first)" });
    expect(await emailOf(other.id)).toBe("other@justice.example");
  });

  it("two admins saving the same address at once: the database lets one have it, the other gets the field error", async () => {
    // Both checks pass before either writes (the password hashing between them takes a while): the unique index decides.
    const created = await Promise.all([
      create("race.one", "race@justice.example"),
      create("race.two", "RACE@justice.example"),
    ]);
    expect(created.filter((r) => r.ok)).toHaveLength(1);
    expect(created.find((r) => !r.ok)).toEqual({
      ok: false,
      errors: {
        email: expect.stringMatching(/^That email address is already used by Pat race\.(one|two) \(race\.(one|two)\)$/),
      },
    });

    const [a, b] = await Promise.all([
      create("race.three", "three@justice.example"),
      create("race.four", "four@justice.example"),
    ]);
    if (!a.ok || !b.ok) throw new Error("create failed");
    const edit = async (id: number, username: string) =>
      editUser(db, actor, id, {
        version: await versionOf(id),
        displayName: `Pat ${username}`,
        email: "race.edit@justice.example",
        role: "trainer",
        establishmentId: prison.id,
        unitId: null,
      });
    const edited = await Promise.all([edit(a.id, "race.three"), edit(b.id, "race.four")]);
    expect(edited.filter((r) => r.ok)).toHaveLength(1);
    expect(edited.find((r) => !r.ok)).toMatchObject({
      ok: false,
      errors: { email: expect.stringMatching(/^That email address is already used by/) },
    });
    // The one refused keeps their own address.
    expect([await emailOf(a.id), await emailOf(b.id)]).toEqual(
      edited[0].ok
        ? ["race.edit@justice.example", "four@justice.example"]
        : ["three@justice.example", "race.edit@justice.example"],
    );
  });
});
