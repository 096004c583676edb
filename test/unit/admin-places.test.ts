// Admins rename and remove wings (only empty ones), and long lists of staff are counted and paged,
// never silently cut short.
import { describe, expect, it } from "vitest";
import { requestAs, testContext, testDatabase } from "../support/database";
import { settled } from "../support/responses";

const { loader: unitLoader, action: unitAction } = await import("~/routes/admin.prisons.$prisonId.units.$unitId");
const { action: prisonAction } = await import("~/routes/admin.prisons.$prisonId._index");
const { loader: staffLoader } = await import("~/routes/staff");
const { loader: usersLoader } = await import("~/routes/admin.users._index");
const { homeFor } = await import("~/home/home.server");
const { getCurrentUser } = await import("~/auth/guard.server");
const { insertEstablishment, insertUnit } = await import("~db/queries/establishments.server");

const db = await testDatabase();
const context = testContext(db);
const prison = (await db.selectFrom("establishments").select("id").executeTakeFirstOrThrow()).id;
const wingId = async (name: string, establishmentId = prison) =>
  (
    await db
      .selectFrom("units")
      .select("id")
      .where("name", "=", name)
      .where("establishment_id", "=", establishmentId)
      .executeTakeFirstOrThrow()
  ).id;

// A prison of 5,020 officers: more than the staff page's old cap (5,000) and the users list's (500).
const big = await insertEstablishment(db, { code: "BIG", name: "HMP Bigger (test)" });
const bigWing = await insertUnit(db, { establishment_id: big, name: "A wing", kind: "wing" });
const hash = (await db.selectFrom("users").select("password_hash").executeTakeFirstOrThrow()).password_hash;
const now = new Date().toISOString();
const rows = Array.from({ length: 5020 }, (_, i) => ({
  username: `big.officer.${String(i).padStart(4, "0")}`,
  username_key: `big.officer.${String(i).padStart(4, "0")}`,
  display_name: `Officer ${String(i).padStart(4, "0")}`,
  role: "officer" as const,
  establishment_id: big,
  unit_id: bigWing,
  password_hash: hash,
  active: true,
  created_at: now,
  updated_at: now,
}));
for (let i = 0; i < rows.length; i += 500)
  await db
    .insertInto("users")
    .values(rows.slice(i, i + 500))
    .execute();
await db
  .insertInto("users")
  .values({
    ...rows[0],
    username: "big.manager",
    username_key: "big.manager",
    display_name: "Big Manager",
    role: "manager",
    unit_id: null,
  })
  .execute();

function post(values: Record<string, string>) {
  return { method: "POST", body: new URLSearchParams(values) };
}
const audit = (action: string) =>
  db.selectFrom("audit_events").select(["details"]).where("action", "=", action).orderBy("id", "desc").execute();

describe("wings: add, rename, remove", () => {
  it("adds a wing with its own form and says so", async () => {
    const res = (await prisonAction({
      request: await requestAs(
        context,
        "admin",
        `/admin/prisons/${prison}`,
        post({ intent: "add-unit", name: "D wing", kind: "wing" }),
      ),
      params: { prisonId: String(prison) },
      context,
    })) as Response;
    expect(res.status).toBe(302);
    expect(await wingId("D wing")).toBeGreaterThan(0);
    const again = (await prisonAction({
      request: await requestAs(
        context,
        "admin",
        `/admin/prisons/${prison}`,
        post({ intent: "add-unit", name: "d WING", kind: "wing" }),
      ),
      params: { prisonId: String(prison) },
      context,
    })) as { data: { errors: Record<string, string> }; init: ResponseInit };
    expect(again.init.status).toBe(400);
    expect(again.data.errors.name).toBe("This prison already has a wing or team with that name");
  });

  it("renames a wing: its staff stay on it, the audit keeps the old name", async () => {
    const b = await wingId("B wing");
    const params = { prisonId: String(prison), unitId: String(b) };
    const res = (await unitAction({
      request: await requestAs(
        context,
        "admin",
        "/x",
        post({ intent: "rename", version: "1", name: "Beech wing", kind: "wing" }),
      ),
      params,
      context,
    })) as Response;
    expect(res.status).toBe(302);
    const unit = await db.selectFrom("units").selectAll().where("id", "=", b).executeTakeFirstOrThrow();
    expect(unit.name).toBe("Beech wing");
    const tom = await db
      .selectFrom("users")
      .select("unit_id")
      .where("username_key", "=", "officer3")
      .executeTakeFirstOrThrow();
    expect(tom.unit_id).toBe(b);
    expect(JSON.parse((await audit("unit.updated"))[0].details!)).toMatchObject({
      name: "Beech wing",
      previousName: "B wing",
    });
    // A clash with another wing is a field error, and nothing changes.
    const clash = (await unitAction({
      request: await requestAs(
        context,
        "admin",
        "/x",
        post({ intent: "rename", version: "2", name: "a wing", kind: "wing" }),
      ),
      params,
      context,
    })) as { data: { errors: Record<string, string> } };
    expect(clash.data.errors.name).toMatch(/already has a wing or team with that name/);
    expect((await db.selectFrom("units").select("name").where("id", "=", b).executeTakeFirstOrThrow()).name).toBe(
      "Beech wing",
    );
  });

  it("refuses to remove a wing anyone is on, deactivated staff included, with a clear message", async () => {
    const a = await wingId("A wing");
    const params = { prisonId: String(prison), unitId: String(a) };
    const page = (await unitLoader({ request: await requestAs(context, "admin", "/x"), params, context })) as {
      members: { active: number; deactivated: number };
    };
    expect(page.members).toEqual({ active: 2, deactivated: 0 });
    await db.updateTable("users").set({ active: false }).where("username_key", "in", ["officer", "officer2"]).execute();
    const refused = (await unitAction({
      request: await requestAs(context, "admin", "/x", post({ intent: "remove" })),
      params,
      context,
    })) as { data: { errors: Record<string, string> }; init: ResponseInit };
    expect(refused.init.status).toBe(409);
    expect(refused.data.errors.remove).toBe(
      "A wing cannot be removed while staff are on it (2 deactivated). Move them to another wing or team first.",
    );
    expect(await wingId("A wing")).toBe(a);
    await db.updateTable("users").set({ active: true }).where("username_key", "in", ["officer", "officer2"]).execute();
  });

  it("removes an empty wing, audited; a second removal or another prison's wing is a 404", async () => {
    const d = await wingId("D wing");
    const params = { prisonId: String(prison), unitId: String(d) };
    const res = (await unitAction({
      request: await requestAs(context, "admin", "/x", post({ intent: "remove" })),
      params,
      context,
    })) as Response;
    expect(res.status).toBe(302);
    expect(await db.selectFrom("units").select("id").where("id", "=", d).execute()).toEqual([]);
    expect(JSON.parse((await audit("unit.removed"))[0].details!)).toMatchObject({ unitId: d, name: "D wing" });
    const gone = await settled(
      unitAction({ request: await requestAs(context, "admin", "/x", post({ intent: "remove" })), params, context }),
    );
    expect((gone as Response).status).toBe(404);

    const elsewhere = await insertEstablishment(db, { code: "ELS", name: "HMP Elsewhere (test)" });
    const theirs = await insertUnit(db, { establishment_id: elsewhere, name: "Z wing", kind: "wing" });
    const forged = await settled(
      unitAction({
        request: await requestAs(context, "admin", "/x", post({ intent: "remove" })),
        params: { prisonId: String(prison), unitId: String(theirs) },
        context,
      }),
    );
    expect((forged as Response).status).toBe(404);
    expect(await db.selectFrom("units").select("id").where("id", "=", theirs).execute()).toHaveLength(1);
  });

  it("is for admins only", async () => {
    const params = { prisonId: String(prison), unitId: String(await wingId("C wing")) };
    for (const who of ["manager", "officer"]) {
      const res = await settled(
        unitAction({ request: await requestAs(context, who, "/x", post({ intent: "remove" })), params, context }),
      );
      expect((res as Response).status).toBe(403);
    }
  });
});

describe("a save from an out-of-date form is refused with a 409 and changes nothing", () => {
  type Refused = { data: { errors: Record<string, string>; values: unknown }; init: ResponseInit };
  const auditRows = async () =>
    Number((await db.selectFrom("audit_events").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const expectRefused = (res: unknown, what: RegExp) => {
    const r = res as Refused;
    expect(r.init.status).toBe(409);
    expect(r.data.errors.form).toMatch(what);
    // No typed values: the page shows the row as it is now.
    expect(r.data.values ?? {}).toEqual({});
  };

  it("a prison's details and its list of names: either change refuses the other's old form", async () => {
    const id = await insertEstablishment(db, { code: "TAB", name: "HMP Two Tabs (test)" });
    const params = { prisonId: String(id) };
    const send = async (values: Record<string, string>) =>
      prisonAction({ request: await requestAs(context, "admin", "/x", post(values)), params, context });
    const row = () => db.selectFrom("establishments").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const seen = String((await row()).row_version);
    expect(
      ((await send({ intent: "prison", version: seen, code: "TAB", name: "HMP Tabs (test)" })) as Response).status,
    ).toBe(302);
    const audited = await auditRows();
    // The other tab, made before that save, renames it back and then saves the list.
    expectRefused(
      await send({ intent: "prison", version: seen, code: "TAB", name: "HMP Two Tabs (test)" }),
      /^Someone else changed this prison while you were looking at it\./,
    );
    expectRefused(await send({ intent: "names", version: seen, names: "Mr *" }), /^Someone else changed this prison/);
    expect(await row()).toMatchObject({ name: "HMP Tabs (test)", listed_name_patterns: "" });
    expect(await auditRows()).toBe(audited);
    // From the page as it is now, the list saves.
    const now = String((await row()).row_version);
    expect(((await send({ intent: "names", version: now, names: "Mr *" })) as Response).status).toBe(302);
    expect((await row()).listed_name_patterns).toBe("Mr *");
  });

  it("a wing renamed in another tab", async () => {
    const id = await insertUnit(db, { establishment_id: prison, name: "F wing", kind: "wing" });
    const params = { prisonId: String(prison), unitId: String(id) };
    const rename = async (name: string, version: string) =>
      unitAction({
        request: await requestAs(context, "admin", "/x", post({ intent: "rename", version, name, kind: "wing" })),
        params,
        context,
      });
    expect(((await rename("Fir wing", "1")) as Response).status).toBe(302);
    const audited = await auditRows();
    expectRefused(
      await rename("Fen wing", "1"),
      /^Someone else changed this wing or team while you were looking at it\./,
    );
    expect((await db.selectFrom("units").select("name").where("id", "=", id).executeTakeFirstOrThrow()).name).toBe(
      "Fir wing",
    );
    expect(await auditRows()).toBe(audited);
  });
});

describe("long lists are counted, and paged", () => {
  it("the manager's home counts every officer", async () => {
    const manager = (await getCurrentUser(await requestAs(context, "big.manager"), context))!;
    const home = await homeFor(db, manager);
    expect(home).toMatchObject({ role: "manager", officers: 5020, staff: 5021 });
  });

  it("the staff page counts everyone and pages through them all", async () => {
    const first = await staffLoader({
      request: await requestAs(context, "big.manager", "/staff"),
      params: {},
      context,
    });
    expect(first).toMatchObject({ total: 5021, page: 1, pages: 51 });
    expect(first.staff).toHaveLength(100);
    const last = await staffLoader({
      request: await requestAs(context, "big.manager", "/staff?page=51"),
      params: {},
      context,
    });
    expect(last.staff).toHaveLength(21);
    expect(last.staff.at(-1)?.display_name).toBe("Officer 5019");
    // Officers' names lead to their records.
    expect(last.staff[0].role).toBe("officer");
  });

  it("the admin's user list counts every match and pages through them", async () => {
    const res = await usersLoader({
      request: await requestAs(context, "admin", `/admin/users?prison=${big}&page=11`),
      params: {},
      context,
    });
    expect(res).toMatchObject({ total: 5021, page: 11, pages: 101, query: { prison: String(big) } });
    expect(res.users).toHaveLength(50);
    const search = await usersLoader({
      request: await requestAs(context, "admin", "/admin/users?q=officer%20501"),
      params: {},
      context,
    });
    expect(search.total).toBe(10);
    // A page past the end shows the last page, not an empty one.
    const past = await usersLoader({
      request: await requestAs(context, "admin", `/admin/users?prison=${big}&page=999`),
      params: {},
      context,
    });
    expect(past.page).toBe(101);
    expect(past.users).toHaveLength(21);
  });

  it("a wing's staff can be listed on their own, within their prison", async () => {
    const res = await usersLoader({
      request: await requestAs(context, "admin", `/admin/users?prison=${prison}&unit=${await wingId("A wing")}`),
      params: {},
      context,
    });
    expect(res.users.map((u: { display_name: string }) => u.display_name)).toEqual(["Priya Lindqvist", "Sam Okafor"]);
    const mismatched = await usersLoader({
      request: await requestAs(context, "admin", `/admin/users?prison=${big}&unit=${await wingId("A wing")}`),
      params: {},
      context,
    });
    expect(mismatched.wing).toBeNull();
    expect(mismatched.total).toBe(5021);
  });
});
