import { describe, expect, it } from "vitest";
import {
  checkHeader,
  planImport,
  importWarning,
  whatHappens,
  type ExistingStaff,
  type ImportContext,
  type StaffRow,
} from "~/domain/staff-import";

const prisons = [
  {
    id: 1,
    code: "HBK",
    name: "HMP Hollowbrook",
    units: [
      { id: 10, name: "A wing" },
      { id: 11, name: "B wing" },
    ],
  },
  { id: 2, code: "MDI", name: "HMP Moorland", units: [{ id: 20, name: "Houseblock 1" }] },
];
const users: ExistingStaff[] = [
  {
    id: 100,
    username: "officer",
    displayName: "Sam Okafor",
    email: null,
    role: "officer",
    establishmentId: 1,
    unitId: 10,
    active: true,
  },
  {
    id: 101,
    username: "officer2",
    displayName: "Priya Lindqvist",
    email: null,
    role: "officer",
    establishmentId: 1,
    unitId: 10,
    active: true,
  },
  {
    id: 102,
    username: "manager",
    displayName: "Chris Pemberton",
    email: null,
    role: "manager",
    establishmentId: 1,
    unitId: null,
    active: true,
  },
  {
    id: 103,
    username: "admin",
    displayName: "Alex Rowan",
    email: null,
    role: "admin",
    establishmentId: null,
    unitId: null,
    active: true,
  },
  {
    id: 104,
    username: "mdi.officer",
    displayName: "Pat Moor",
    email: null,
    role: "officer",
    establishmentId: 2,
    unitId: 20,
    active: true,
  },
];
const ctx: ImportContext = { prisons, users, onlyPrisonId: null, deactivateMissing: false, actorId: 103 };
const rows = (...lines: string[][]): StaffRow[] => lines.map((cells, i) => ({ line: i + 2, cells }));

describe("staff file rows", () => {
  it("needs the header", () => {
    expect(checkHeader(["username", "name", "email", "role", "prison", "wing"])).toBeNull();
    expect(checkHeader(["\uFEFFUsername", "Name", "Email", "Role", "Prison", "Wing"])).toBeNull();
    expect(checkHeader(["jo", "Jo", "", "officer", "HBK", ""])).toMatch(/first line must be the header/);
    expect(checkHeader(undefined)).toMatch(/header/);
  });

  it("sorts good rows into new, changed and unchanged, keeping a wing the file leaves empty", () => {
    const plan = planImport(
      rows(
        ["new.one", "New One", "new.one@justice.example", "officer", "HBK", "B wing"],
        ["officer", "Sam Okafor", "", "officer", "hbk", ""],
        ["officer2", "Priya Lindqvist-Hart", "", "Trainer", "HBK", "a wing"],
      ),
      ctx,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.counts).toEqual({ new: 1, changed: 1, unchanged: 1, deactivated: 0, errors: 0 });
    expect(plan.rows[0]).toMatchObject({ action: "new", values: { unitId: 11, email: "new.one@justice.example" } });
    expect(plan.rows[1]).toMatchObject({ action: "unchanged", userId: 100, values: { unitId: 10 } });
    expect(plan.rows[2]).toMatchObject({ action: "changed", changes: ["name", "role"] });
    expect(plan.prisonId).toBe(1);
    const twoPrisons = rows(
      ["officer", "Sam Okafor", "", "officer", "HBK", ""],
      ["mdi.officer", "Pat Moor", "", "officer", "MDI", ""],
    );
    expect(planImport(twoPrisons, ctx).prisonId).toBeNull();
  });

  it("says what happens to each row, with a new person's role and wing", () => {
    const plan = planImport(
      rows(
        ["new.one", "New One", "", "officer", "HBK", "b wing"],
        ["new.boss", "New Boss", "", "manager", "HBK", ""],
        ["officer2", "Priya Lindqvist-Hart", "", "officer", "HBK", "B wing"],
        ["officer", "Sam Okafor", "", "officer", "HBK", ""],
      ),
      ctx,
    );
    expect(plan.rows.map(whatHappens)).toEqual([
      "New officer, B wing",
      "New manager",
      "Changed: name, wing",
      "Unchanged",
    ]);
  });

  it("refuses an officer with no wing, as the user form does, but an empty wing keeps an officer's own", () => {
    const choosing: ExistingStaff = { ...users[0], id: 110, username: "sso.officer", displayName: "Sso Officer" };
    const plan = planImport(
      rows(
        ["new.one", "New One", "", "officer", "HBK", ""],
        ["manager", "Chris Pemberton", "", "officer", "HBK", ""], // a manager with no wing becoming an officer
        ["officer", "Sam Okafor", "", "officer", "HBK", ""], // keeps A wing
        ["new.trainer", "New Trainer", "", "trainer", "HBK", ""],
        ["sso.officer", "Sso Officer", "", "officer", "HBK", ""], // no wing yet: chooses it on signing in
      ),
      { ...ctx, users: [...ctx.users, { ...choosing, unitId: null }] },
    );
    expect(plan.errors).toEqual([
      { line: 2, message: "enter the officer's wing or team: officers need one" },
      { line: 3, message: "enter the officer's wing or team: officers need one" },
    ]);
    expect(plan.rows.find((r) => r.values.username === "sso.officer")).toMatchObject({ action: "unchanged" });
  });

  it("names the prison's wings and teams when a row's wing is not one of them, so the file can be put right", () => {
    const plan = planImport(
      rows(
        ["new.one", "New One", "", "officer", "HBK", "Z wing"],
        ["new.two", "New Two", "", "officer", "MDI", "Houseblock 9"],
        ["new.three", "New Three", "", "officer", "NEW", "A wing"],
      ),
      {
        ...ctx,
        prisons: [...prisons, { id: 3, code: "NEW", name: "HMP New", units: [] }],
      },
    );
    expect(plan.errors).toEqual([
      { line: 2, message: "wing Z wing is not a wing or team of HBK: use one of A wing or B wing" },
      { line: 3, message: "wing Houseblock 9 is not a wing or team of MDI: use Houseblock 1" },
      {
        line: 4,
        message: "wing A wing is not a wing or team of NEW: it has none yet, so an administrator adds them first",
      },
    ]);
  });

  it("reports each bad row with its line", () => {
    const plan = planImport(
      rows(
        ["jo", "Jo", "", "officer", "XYZ", ""], // unknown prison (and short username)
        ["pat.b", "Pat B", "", "officer", "HBK", "Z wing"], // unknown wing
        ["kim", "Kim", "", "governor", "HBK", ""], // bad role
        ["kim", "Kim Again", "", "officer", "HBK", ""], // duplicate in the file
        ["Officer2", "Priya", "", "officer", "HBK", ""], // differs only in case from an existing one
        ["\u043efficer", "Look Alike", "", "officer", "HBK", ""], // Cyrillic o: looks like "officer"
        ["lee", "", "", "officer", "HBK", ""], // empty name
        ["=cmd|' /C calc'!A0", "Evil", "", "officer", "HBK", ""], // formula-looking
        ["ok.name", "@SUM(1+1)", "", "officer", "HBK", ""], // formula-looking name
        ["admin", "Alex Rowan", "", "manager", "HBK", ""], // an administrator
        ["short", "Too", "few"], // wrong number of values
        ["mail", "Mail", "not-an-email", "officer", "HBK", ""],
        ["wide", "\uFF1DHYPERLINK(1)", "", "officer", "HBK", ""], // a full-width = becomes = when stored
      ),
      ctx,
    );
    const byLine = Object.fromEntries(plan.errors.map((e) => [e.line, e.message]));
    expect(byLine[2]).toMatch(/prison XYZ is not a prison code Engage knows/);
    expect(byLine[3]).toMatch(/wing Z wing is not a wing or team of HBK/);
    expect(byLine[4]).toMatch(/role governor must be officer, trainer or manager/);
    expect(byLine[5]).toMatch(/appears twice in the file \(first on line 4\)/);
    expect(byLine[6]).toMatch(/differs only in capital letters from the existing username officer2/);
    expect(byLine[7]).toMatch(/looks like the existing username officer/);
    expect(byLine[8]).toMatch(/enter the person's name/);
    expect(byLine[9]).toMatch(/spreadsheet formula/);
    expect(byLine[10]).toMatch(/spreadsheet formula/);
    expect(byLine[11]).toMatch(/administrator/);
    expect(byLine[12]).toMatch(/expected 6 values/);
    expect(byLine[13]).toMatch(/not an email address/);
    expect(byLine[14]).toMatch(/the name must not start with =, \+, -, @ or a tab/);
    expect(plan.rows.length).toBe(0);
    expect(plan.counts.errors).toBe(plan.errors.length);
  });

  it("refuses an email address that appears twice in the file, whatever its capital letters", () => {
    const plan = planImport(
      rows(
        ["jane.doe", "Jane Doe", "jane.doe@example.test", "officer", "HBK", "A wing"],
        ["j.doe", "Jay Doe", "JANE.DOE@example.test", "officer", "HBK", "B wing"],
      ),
      ctx,
    );
    expect(plan.errors).toEqual([
      { line: 3, message: "email JANE.DOE@example.test appears twice in the file (first on line 2)" },
    ]);
  });

  it("refuses another user's email address by line, without naming them; a file may move or swap addresses", () => {
    const withEmails = users.map((u) => ({ ...u, email: `${u.username}@example.test` }));
    const own = { ...ctx, users: withEmails, onlyPrisonId: 1 };
    // MDI's officer is not in a manager's file for HBK: their address stays theirs, and who has it stays unsaid.
    const taken = planImport(
      rows(
        ["jane.doe", "Jane Doe", "MDI.Officer@example.test", "officer", "HBK", "A wing"],
        ["officer2", "Priya Lindqvist", "OFFICER@example.test", "officer", "HBK", ""],
        ["officer", "Sam Okafor", "", "officer", "HBK", ""],
      ),
      own,
    );
    expect(taken.errors).toEqual([
      { line: 2, message: "email MDI.Officer@example.test is already used by another user" },
      {
        line: 3,
        message:
          "email OFFICER@example.test is already used by the person on line 4, whose row leaves their email empty so they keep it",
      },
    ]);
    // What must be unique is the state after the file: two people swap, a third's goes to someone new.
    const moved = planImport(
      rows(
        ["officer", "Sam Okafor", "officer2@example.test", "officer", "HBK", ""],
        ["officer2", "Priya Lindqvist", "Officer@example.test", "officer", "HBK", ""],
        ["manager", "Chris Pemberton", "chris@example.test", "manager", "HBK", ""],
        ["new.manager", "Nia Pryce", "manager@example.test", "manager", "HBK", ""],
      ),
      { ...ctx, users: withEmails },
    );
    expect(moved.errors).toEqual([]);
    expect(moved.rows.map((r) => [r.values.username, r.values.email, r.changes])).toEqual([
      ["officer", "officer2@example.test", ["email"]],
      ["officer2", "Officer@example.test", ["email"]],
      ["manager", "chris@example.test", ["email"]],
      ["new.manager", "manager@example.test", []],
    ]);
  });

  it("limits a manager to their own prison, with the same words for another prison's code and an unknown one", () => {
    const plan = planImport(
      rows(
        ["x.new", "X New", "", "officer", "MDI", ""],
        ["mdi.officer", "Pat Moor", "", "officer", "HBK", ""],
        ["y.new", "Y New", "", "officer", "XYZ", ""],
      ),
      { ...ctx, onlyPrisonId: 1, actorId: 102 },
    );
    expect(plan.errors.map((e) => e.message)).toEqual([
      "prison MDI is not HBK: you can import only your own prison's staff",
      "username mdi.officer is already used by someone outside your prison",
      "prison XYZ is not HBK: you can import only your own prison's staff",
    ]);
  });

  it("leaves adding trainers and managers, changing roles and reactivating to an administrator", () => {
    const staff: ExistingStaff[] = [
      ...users,
      { ...users[0], id: 105, username: "gone", displayName: "Gone Away", active: false },
      { ...users[0], id: 106, username: "trainer", displayName: "Tess Trainer", role: "trainer", unitId: null },
    ];
    const file = rows(
      ["new.trainer", "New Trainer", "", "trainer", "HBK", ""],
      ["officer", "Sam Okafor", "", "manager", "HBK", ""],
      ["trainer", "Tess Trainer", "", "officer", "HBK", "A wing"],
      ["gone", "Gone Away", "", "officer", "HBK", ""],
      ["manager", "Chris Pemberton", "", "manager", "HBK", ""],
      ["new.officer", "New Officer", "", "officer", "HBK", "B wing"],
    );
    const asManager = planImport(file, { ...ctx, users: staff, onlyPrisonId: 1, actorId: 102 });
    expect(asManager.errors).toEqual([
      { line: 2, message: "new.trainer would be a new trainer: only an administrator can add trainers and managers" },
      { line: 3, message: "officer is an officer: only an administrator can change someone's role" },
      { line: 4, message: "trainer is a trainer: only an administrator can change someone's role" },
      { line: 5, message: "gone's account is deactivated: only an administrator can reactivate it" },
    ]);
    // An administrator's file (and the command line's) may do all of it.
    const asAdmin = planImport(file, { ...ctx, users: staff });
    expect(asAdmin.errors).toEqual([]);
    expect(asAdmin.rows.map((r) => [r.values.username, r.action, r.changes.join(" ")])).toEqual([
      ["new.trainer", "new", ""],
      ["officer", "changed", "role"],
      ["trainer", "changed", "role wing"],
      ["gone", "changed", "reactivated"],
      ["manager", "unchanged", ""],
      ["new.officer", "new", ""],
    ]);
  });

  it("a manager's file deactivates only officers missing from it", () => {
    const staff: ExistingStaff[] = [
      ...users,
      { ...users[0], id: 106, username: "trainer", displayName: "Tess Trainer", role: "trainer", unitId: null },
    ];
    const file = rows(["officer", "Sam Okafor", "", "officer", "HBK", ""]);
    const asManager = planImport(file, {
      ...ctx,
      users: staff,
      onlyPrisonId: 1,
      actorId: 102,
      deactivateMissing: true,
    });
    expect(asManager.deactivate.map((d) => d.username)).toEqual(["officer2"]);
    const asAdmin = planImport(file, { ...ctx, users: staff, deactivateMissing: true });
    expect(asAdmin.deactivate.map((d) => d.username)).toEqual(["officer2", "manager", "trainer"]);
  });

  it("deactivates the file's prisons' active staff missing from it, but never admins or the importer", () => {
    const plan = planImport(rows(["officer", "Sam Okafor", "", "officer", "HBK", ""]), {
      ...ctx,
      deactivateMissing: true,
      actorId: 102,
    });
    expect(plan.deactivate.map((d) => d.username)).toEqual(["officer2"]);
    expect(plan.counts.deactivated).toBe(1);
  });

  it("warns before deactivating anyone, by role, and more strongly when a prison would be left with no manager", () => {
    const officerOnly = rows(["officer", "Sam Okafor", "", "officer", "HBK", ""]);
    const asAdmin = planImport(officerOnly, { ...ctx, deactivateMissing: true });
    expect(asAdmin.deactivate.map((d) => [d.username, d.role])).toEqual([
      ["officer2", "officer"],
      ["manager", "manager"],
    ]);
    expect(asAdmin.leftWithoutManager).toEqual(["HMP Hollowbrook"]);
    expect(importWarning(asAdmin)).toBe(
      "Importing this file will leave HMP Hollowbrook with no active manager and deactivate 2 people " +
        "(1 officer and 1 manager): they will no longer be able to sign in. " +
        "Check the file has all the prison's staff in it before you import it.",
    );
    // A manager never deactivates themselves, nor other managers.
    const asManager = planImport(officerOnly, { ...ctx, onlyPrisonId: 1, actorId: 102, deactivateMissing: true });
    expect(asManager.leftWithoutManager).toEqual([]);
    expect(importWarning(asManager)).toBe(
      "Importing this file will deactivate 1 person (1 officer): they will no longer be able to sign in.",
    );
    // A manager moved into the prison by the file keeps it managed.
    const withManager = rows(
      ["officer", "Sam Okafor", "", "officer", "HBK", ""],
      ["new.boss", "New Boss", "", "manager", "HBK", ""],
    );
    expect(planImport(withManager, { ...ctx, deactivateMissing: true }).leftWithoutManager).toEqual([]);
    expect(importWarning(planImport(withManager, ctx))).toBeNull();
  });

  it("refuses a file with no staff in it", () => {
    expect(planImport([], ctx).errors).toEqual([{ line: 2, message: "the file has no staff in it" }]);
  });

  it("refuses more than 5,000 rows", () => {
    const many = Array.from({ length: 5001 }, (_, i) => ["user" + i, "User " + i, "", "officer", "HBK", "A wing"]);
    const plan = planImport(rows(...many), ctx);
    expect(plan.errors[0]).toMatchObject({ line: 5002, message: "the file has more than 5,000 staff rows" });
  });
});
