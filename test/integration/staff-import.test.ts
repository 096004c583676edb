// Staff import through the command line and the web pages, on a real database: a file with any
// bad row changes nothing; a clean one is applied once, in one transaction, audited once.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { currentUserOf, requestAs, testContext, testDatabase, userIdOf } from "../support/database";
import { responseOf } from "../support/oidc-flow";

const { runUsersImport } = await import("~/staff/import-command.server");
const { confirmStaffImport, previewStaffImport, uploadStaffFile } = await import("~/staff/import.server");
const upload = await import("~/routes/staff_.import._index");
const preview = await import("~/routes/staff_.import.$importId");

const db = await testDatabase();
const context = testContext(db);
const fixture = (name: string) => `test/fixtures/staff/${name}`;
const count = async (table: "users" | "audit_events") =>
  Number((await db.selectFrom(table).select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

async function cli(...args: string[]) {
  const lines: string[] = [];
  const code = await runUsersImport(db, args, (l) => lines.push(l));
  return { code, lines };
}

function tempFile(text: string | Uint8Array) {
  const file = `${fs.mkdtempSync("/tmp/engage-import-")}/staff.csv`;
  fs.writeFileSync(file, text);
  return file;
}

describe("users:import from the command line", () => {
  it("reports a bad row by line, exits 1 and writes nothing", async () => {
    const [users, audit] = [await count("users"), await count("audit_events")];
    const { code, lines } = await cli(fixture("one-bad-row.csv"));
    expect(code).toBe(1);
    expect(lines).toEqual([
      "line 3: wing Z wing is not a wing or team of HBK: use one of A wing, B wing or C wing",
      "import: 2 new, 0 changed, 0 unchanged, 0 deactivated, 1 errors",
    ]);
    expect([await count("users"), await count("audit_events")]).toEqual([users, audit]);
  });

  it("checks without writing on --dry-run, then imports, audited as one import", async () => {
    const users = await count("users");
    expect(await cli(fixture("good.csv"), "--dry-run")).toEqual({
      code: 0,
      lines: ["import: 3 new, 1 changed, 0 unchanged, 0 deactivated, 0 errors (dry run: nothing written)"],
    });
    expect(await count("users")).toBe(users);
    expect(await cli(fixture("good.csv"))).toEqual({
      code: 0,
      lines: ["import: 3 new, 1 changed, 0 unchanged, 0 deactivated, 0 errors"],
    });
    expect(await count("users")).toBe(users + 3);
    const created = await db
      .selectFrom("users")
      .selectAll()
      .where("username_key", "=", "new.officer1")
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({ role: "officer", password_hash: "none", email: "aled.morgan@justice.example" });
    expect(created.unit_joined_at).not.toBeNull();
    const audit = await db.selectFrom("audit_events").selectAll().where("action", "=", "users.imported").execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details!)).toMatchObject({
      new: 3,
      changed: 1,
      source: "command line",
      file: "good.csv",
    });
    const hbk = await db.selectFrom("establishments").select("id").where("code", "=", "HBK").executeTakeFirstOrThrow();
    expect(audit[0].establishment_id).toBe(hbk.id); // the prison the file was for, though no one limited it
    // Each new person is audited by name, as the add-user form audits them.
    const createdAudit = await db
      .selectFrom("audit_events as e")
      .innerJoin("users as u", "u.id", "e.subject_user_id")
      .select(["u.username", "e.establishment_id", "e.details"])
      .where("e.action", "=", "user.created")
      .orderBy("u.username")
      .execute();
    expect(createdAudit.map((c) => [c.username, c.establishment_id, JSON.parse(c.details!)])).toEqual([
      ["new.officer1", hbk.id, { role: "officer", source: "staff import" }],
      ["new.officer2", hbk.id, { role: "officer", source: "staff import" }],
      ["new.trainer", hbk.id, { role: "trainer", source: "staff import" }],
    ]);
    // The same file again changes nothing.
    expect((await cli(fixture("good.csv"))).lines.at(-1)).toBe(
      "import: 0 new, 0 changed, 4 unchanged, 0 deactivated, 0 errors",
    );
  });

  it("deactivates staff missing from the file when asked", async () => {
    const file = tempFile("username,name,email,role,prison,wing\nofficer,Sam Okafor,,officer,HBK,A wing\n");
    const { code, lines } = await cli(file, "--deactivate-missing", "--dry-run");
    expect(code).toBe(0);
    // Every other active officer, trainer and manager of HBK, but never the admin.
    expect(lines.at(-1)).toMatch(/^import: 0 new, 0 changed, 1 unchanged, (\d+) deactivated, 0 errors/);
    expect(Number(/(\d+) deactivated/.exec(lines.at(-1)!)![1])).toBeGreaterThan(5);
  });

  it("writes each changed person's new details; a new wing restarts its date; a new role signs them out", async () => {
    const db = await testDatabase();
    const context = testContext(db);
    const who = (username: string) =>
      db.selectFrom("users").selectAll().where("username_key", "=", username).executeTakeFirstOrThrow();
    const sessionsOf = async (username: string) =>
      (
        await db
          .selectFrom("sessions")
          .select("id")
          .where("user_id", "=", await userIdOf(db, username))
          .execute()
      ).length;
    await requestAs(context, "officer", "/");
    await requestAs(context, "trainer", "/");
    const [officer, trainer] = [await who("officer"), await who("trainer")];
    const file = tempFile(
      "username,name,email,role,prison,wing\n" +
        "officer,Samuel Okafor,sam.okafor@justice.example,officer,HBK,C wing\n" +
        `trainer,${trainer.display_name},,officer,HBK,A wing\n`,
    );
    const code = await runUsersImport(db, [file, "--deactivate-missing"], () => {});
    expect(code).toBe(0);

    const [officerAfter, trainerAfter] = [await who("officer"), await who("trainer")];
    expect(officerAfter).toMatchObject({
      display_name: "Samuel Okafor",
      email: "sam.okafor@justice.example",
      active: true,
      prison_joined_at: officer.prison_joined_at,
    });
    expect(officerAfter.unit_id).not.toBe(officer.unit_id);
    expect(officerAfter.unit_joined_at! > officer.unit_joined_at!).toBe(true);
    expect(await sessionsOf("officer")).toBe(1); // same role and prison: still signed in
    expect(trainerAfter).toMatchObject({ role: "officer", unit_joined_at: expect.any(String) });
    expect(await sessionsOf("trainer")).toBe(0);
    const others = await db
      .selectFrom("users")
      .select(["username", "active"])
      .where("username_key", "not in", ["officer", "trainer", "admin"])
      .where("role", "!=", "admin")
      .execute();
    expect(others.length).toBeGreaterThan(5);
    expect(others.filter((u) => u.active)).toEqual([]);
    // Each change to what someone may do is audited by name, beside the import's counts.
    const audited = await db
      .selectFrom("audit_events as e")
      .innerJoin("users as u", "u.id", "e.subject_user_id")
      .select(["e.action", "u.username", "e.details"])
      .where("e.action", "in", ["user.role_changed", "user.deactivated", "user.moved", "user.reactivated"])
      .execute();
    expect(audited.filter((a) => a.action === "user.role_changed")).toEqual([
      {
        action: "user.role_changed",
        username: "trainer",
        details: JSON.stringify({ from: "trainer", to: "officer", source: "staff import" }),
      },
    ]);
    expect(audited.filter((a) => a.action === "user.deactivated").map((a) => a.username)).toEqual(
      expect.arrayContaining(others.map((u) => u.username)),
    );
    expect(audited).toHaveLength(1 + others.length);
  });

  it("refuses a file with only the header", async () => {
    const { code, lines } = await cli(tempFile("username,name,email,role,prison,wing\n"), "--deactivate-missing");
    expect(code).toBe(1);
    expect(lines[0]).toBe("line 2: the file has no staff in it");
  });

  it("refuses a file that is not UTF-8, one without the header, and bad arguments", async () => {
    expect((await cli(tempFile(new Uint8Array([0x75, 0x73, 0xff, 0xfe, 0x0a])))).lines[0]).toBe(
      "line 1: the file must be a CSV file saved as UTF-8 text",
    );
    const noHeader = await cli(tempFile("jo,Jo,,officer,HBK,\n"));
    expect(noHeader.code).toBe(1);
    expect(noHeader.lines[0]).toMatch(
      /^line 1: the first line must be the header username,name,email,role,prison,wing/,
    );
    expect((await cli()).code).toBe(2);
    expect((await cli(fixture("good.csv"), "--force")).lines[0]).toBe("unknown option --force");
  });
});

function multipart(text: string, name = "staff.csv", deactivate = false) {
  const form = new FormData();
  form.set("file", new File([text], name, { type: "text/csv" }));
  if (deactivate) form.set("deactivateMissing", "yes");
  return form;
}

describe("staff import pages", () => {
  it("warns above the button when the file would deactivate staff", async () => {
    const db = await testDatabase();
    const context = testContext(db);
    const text = "username,name,email,role,prison,wing\nofficer,Sam Okafor,,officer,HBK,\n";
    const request = await requestAs(context, "admin", "/staff/import", {
      method: "POST",
      body: multipart(text, "staff.csv", true),
    });
    const path = (await responseOf(() => upload.action({ request, params: {}, context }))).headers.get("location")!;
    const shown = await responseOf(async () =>
      preview.loader({
        request: await requestAs(context, "admin", path),
        params: { importId: path.split("/").pop()! },
        context,
      }),
    );
    const { warning, counts } = JSON.parse(await shown.text());
    expect(warning).toMatch(
      new RegExp(
        `^Importing this file will leave HMP Hollowbrook \\(demo\\) with no active manager and deactivate ` +
          `${counts.deactivated} people \\(\\d+ officers, \\d+ trainers? and \\d+ managers?\\)`,
      ),
    );
  });

  it("officers and trainers get 403", async () => {
    for (const who of ["officer", "trainer"]) {
      const request = await requestAs(context, who, "/staff/import");
      expect((await responseOf(() => upload.loader({ request, params: {}, context }))).status).toBe(403);
    }
  });

  it("a manager's file naming another prison is refused line by line; nothing is kept", async () => {
    await db
      .insertInto("establishments")
      .values({ code: "OTH", name: "HMP Other", created_at: new Date().toISOString() })
      .execute();
    const request = await requestAs(context, "manager", "/staff/import", {
      method: "POST",
      body: multipart("username,name,email,role,prison,wing\nzed,Zed Other,,officer,OTH,\n"),
    });
    const response = await responseOf(() => upload.action({ request, params: {}, context }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(
      "Line 2: prison OTH is not HBK: you can import only your own prison's staff",
    );
    expect(
      Number((await db.selectFrom("staff_imports").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n),
    ).toBe(0);
  });

  it("a manager's file may not add a trainer, change a role or reactivate an account; nothing is kept", async () => {
    const officer2 = await userIdOf(db, "officer2");
    await db.updateTable("users").set({ active: false }).where("id", "=", officer2).execute();
    const request = await requestAs(context, "manager", "/staff/import", {
      method: "POST",
      body: multipart(
        "username,name,email,role,prison,wing\n" +
          "officer2,Priya Lindqvist,,officer,HBK,\n" +
          "officer3,Dev Okonjo,,manager,HBK,\n" +
          "web.trainer,Tam Trainer,,trainer,HBK,\n",
      ),
    });
    const response = await responseOf(() => upload.action({ request, params: {}, context }));
    expect(response.status).toBe(400);
    const shown = JSON.stringify(await response.json());
    expect(shown).toContain("Line 2: officer2's account is deactivated: only an administrator can reactivate it");
    expect(shown).toContain("Line 3: officer3 is an officer: only an administrator can change someone's role");
    expect(shown).toContain(
      "Line 4: web.trainer would be a new trainer: only an administrator can add trainers and managers",
    );
    expect(
      Number((await db.selectFrom("staff_imports").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n),
    ).toBe(0);
    await db.updateTable("users").set({ active: true }).where("id", "=", officer2).execute();
  });

  it("previews, then imports once; another user's preview is a 404", async () => {
    const text = "username,name,email,role,prison,wing\nweb.officer,Wen Bo,,officer,HBK,C wing\n";
    const request = await requestAs(context, "manager", "/staff/import", { method: "POST", body: multipart(text) });
    const uploaded = await responseOf(() => upload.action({ request, params: {}, context }));
    expect(uploaded.status).toBe(302);
    const path = uploaded.headers.get("location")!;
    const importId = path.split("/").pop()!;
    const shown = await responseOf(async () =>
      preview.loader({ request: await requestAs(context, "manager", path), params: { importId }, context }),
    );
    expect(JSON.parse(await shown.text())).toMatchObject({
      counts: { new: 1 },
      rows: [{ username: "web.officer", whatHappens: "New officer, C wing" }],
      warning: null,
    });
    expect(
      await db.selectFrom("users").select("id").where("username_key", "=", "web.officer").executeTakeFirst(),
    ).toBeUndefined();

    const asAdmin = await responseOf(async () =>
      preview.loader({ request: await requestAs(context, "admin", path), params: { importId }, context }),
    );
    expect(asAdmin.status).toBe(404);

    const confirm = async () =>
      responseOf(async () =>
        preview.action({
          request: await requestAs(context, "manager", path, { method: "POST", body: new URLSearchParams() }),
          params: { importId },
          context,
        }),
      );
    expect((await confirm()).status).toBe(302);
    expect(await userIdOf(db, "web.officer")).toBeGreaterThan(0);
    const again = await confirm();
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already been imported");
  });
});

describe("an email address stays one user's", () => {
  const header = "username,name,email,role,prison,wing\n";
  const setEmail = async (username: string, email: string | null) =>
    db
      .updateTable("users")
      .set({ email })
      .where("id", "=", await userIdOf(db, username))
      .execute();
  const emailOf = async (username: string) =>
    (await db.selectFrom("users").select("email").where("username_key", "=", username).executeTakeFirstOrThrow()).email;

  it("refuses by line a row giving another user's address, on the command line, and writes nothing", async () => {
    await setEmail("officer4", "jo.marchetti@justice.example");
    const [users, audit] = [await count("users"), await count("audit_events")];
    const file = tempFile(`${header}email.taker,Ed Taker,JO.Marchetti@justice.example,officer,HBK,A wing\n`);
    expect(await cli(file)).toEqual({
      code: 1,
      lines: [
        "line 2: email JO.Marchetti@justice.example is already used by another user",
        "import: 0 new, 0 changed, 0 unchanged, 0 deactivated, 1 errors",
      ],
    });
    expect([await count("users"), await count("audit_events")]).toEqual([users, audit]);
  });

  it("applies a file that swaps two people's addresses and gives a third's to someone new", async () => {
    await setEmail("officer5", "kieran@justice.example");
    await setEmail("officer6", "dana@justice.example");
    await setEmail("officer4", "jo@justice.example");
    const file = tempFile(
      header +
        "officer5,Kieran Ashdown,Dana@justice.example,officer,HBK,\n" +
        "officer6,Dana Whitfield,kieran@justice.example,officer,HBK,\n" +
        "officer4,Jo Marchetti,jo.m@justice.example,officer,HBK,\n" +
        "email.newcomer,Nell Comer,jo@justice.example,officer,HBK,A wing\n",
    );
    expect(await cli(file)).toEqual({
      code: 0,
      lines: ["import: 1 new, 3 changed, 0 unchanged, 0 deactivated, 0 errors"],
    });
    expect(await Promise.all(["officer5", "officer6", "officer4", "email.newcomer"].map(emailOf))).toEqual([
      "Dana@justice.example",
      "kieran@justice.example",
      "jo.m@justice.example",
      "jo@justice.example",
    ]);
  });

  it("a manager's preview shows the refusal when the address was taken after the upload; confirming writes nothing", async () => {
    const manager = await currentUserOf(context, "manager");
    const uploaded = await uploadStaffFile(
      db,
      manager,
      {
        name: "late.csv",
        bytes: new TextEncoder().encode(`${header}email.late,Lee Late,late@justice.example,officer,HBK,A wing\n`),
      },
      false,
    );
    if (!uploaded.ok) throw new Error("upload refused");
    await setEmail("officer3", "LATE@justice.example"); // an admin gives it to someone meanwhile
    const shown = await previewStaffImport(db, manager, uploaded.importId);
    expect(shown?.errors).toEqual([{ line: 2, message: "email late@justice.example is already used by another user" }]);
    const users = await count("users");
    expect(await confirmStaffImport(db, manager, uploaded.importId)).toMatchObject({ ok: false });
    expect(await count("users")).toBe(users);
  });
});
