/**
 * Checking a staff file (an HR export) before anything is written: every row is checked against
 * the prisons, wings and users that exist, and becomes new, changed or unchanged, or an error
 * with its line. Optionally, active staff of the file's prisons who are missing from it are to
 * be deactivated. One error anywhere means nothing is imported.
 */
import { remove as latinLookAlikes } from "confusables";
import { listed, plural } from "./words";

export const STAFF_HEADER = ["username", "name", "email", "role", "prison", "wing"] as const;
export const MAX_STAFF_ROWS = 5000;
const IMPORTABLE_ROLES = ["officer", "trainer", "manager"] as const;
export type ImportableRole = (typeof IMPORTABLE_ROLES)[number];

export interface StaffRow {
  line: number;
  cells: string[];
}

export interface KnownPrison {
  id: number;
  code: string;
  name: string;
  units: { id: number; name: string }[];
}

export interface ExistingStaff {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: "officer" | "trainer" | "manager" | "admin";
  establishmentId: number | null;
  unitId: number | null;
  active: boolean;
}

export interface ImportContext {
  prisons: KnownPrison[];
  users: ExistingStaff[];
  /** a manager's prison: rows for any other prison are refused; null for administrators */
  onlyPrisonId: number | null;
  deactivateMissing: boolean;
  /** the person importing, never deactivated by their own file */
  actorId: number | null;
}

export interface StaffChange {
  username: string;
  displayName: string;
  email: string | null;
  role: ImportableRole;
  establishmentId: number;
  unitId: number | null; // null: keep the current wing (or none for someone new)
}

export interface PlannedRow {
  line: number;
  action: "new" | "changed" | "unchanged";
  userId: number | null;
  values: StaffChange;
  /** what changes, in words ("name", "wing", ...) */
  changes: string[];
  /** the wing or team the row names, as Engage spells it; null when it names none */
  wing: string | null;
}

export interface ImportPlan {
  rows: PlannedRow[];
  /** the one prison every row is for, for the import's audit row; null when the file names several */
  prisonId: number | null;
  deactivate: { id: number; username: string; displayName: string; role: ImportableRole }[];
  /** prisons with an active manager now that would have none after the import */
  leftWithoutManager: string[];
  errors: { line: number; message: string }[];
  counts: { new: number; changed: number; unchanged: number; deactivated: number; errors: number };
}

/** The key usernames are unique by: NFKC, lower case (as the users table keeps it). */
const usernameKeyOf = (username: string) => username.normalize("NFKC").trim().toLowerCase();

const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
const EMAIL = /^[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const ODD = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/u;
// A cell a spreadsheet would run as a formula when the file is opened again (CSV injection).
const FORMULA = /^[=+\-@\t\r]/;

export function checkHeader(cells: string[] | undefined): string | null {
  const got = (cells ?? []).map((c) =>
    c
      .replace(/^\uFEFF/, "")
      .trim()
      .toLowerCase(),
  );
  if (got.length === STAFF_HEADER.length && got.every((c, i) => c === STAFF_HEADER[i])) return null;
  return `the first line must be the header ${STAFF_HEADER.join(",")}`;
}

export function planImport(rows: StaffRow[], ctx: ImportContext): ImportPlan {
  const errors: ImportPlan["errors"] = [];
  const planned: PlannedRow[] = [];
  const prisonsByCode = new Map(ctx.prisons.map((p) => [p.code.toUpperCase(), p]));
  const ownCode = ctx.prisons.find((p) => p.id === ctx.onlyPrisonId)?.code;
  const usersByKey = new Map(ctx.users.map((u) => [usernameKeyOf(u.username), u]));
  const usersByLookAlike = new Map(ctx.users.map((u) => [latinLookAlikes(u.username).toLowerCase(), u]));
  const seen = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  const emailKeepers = keptEmails(rows, ctx.users);

  // Planned, an empty file would only deactivate: with "deactivate missing", a manager's every officer.
  if (rows.length === 0) errors.push({ line: 2, message: "the file has no staff in it" });
  if (rows.length > MAX_STAFF_ROWS)
    errors.push({
      line: rows[MAX_STAFF_ROWS]!.line,
      message: `the file has more than ${MAX_STAFF_ROWS.toLocaleString("en-GB")} staff rows`,
    });

  for (const row of rows.slice(0, MAX_STAFF_ROWS)) {
    const fail = (message: string) => errors.push({ line: row.line, message });
    if (row.cells.length !== STAFF_HEADER.length) {
      fail(`expected ${STAFF_HEADER.length} values (${STAFF_HEADER.join(",")}), found ${row.cells.length}`);
      continue;
    }
    // Every row has STAFF_HEADER.length cells here (checked above), so the defaults never apply.
    const cells = row.cells.map((c) => c.normalize("NFKC").trim());
    const [username = "", name = "", email = "", role = "", prisonCode = "", wing = ""] = cells;
    // Checked on the values as stored: NFKC turns a full-width ＝ into =.
    const formula = STAFF_HEADER.find((_, i) => FORMULA.test(cells[i]!));
    if (formula) {
      fail(`the ${formula} must not start with =, +, -, @ or a tab: it looks like a spreadsheet formula`);
      continue;
    }
    const odd = STAFF_HEADER.find((_, i) => ODD.test(row.cells[i]!));
    if (odd) {
      fail(`the ${odd} contains hidden or control characters`);
      continue;
    }

    const key = usernameKeyOf(username);
    const existing = usersByKey.get(key);
    const lookAlike = usersByLookAlike.get(latinLookAlikes(username).toLowerCase());
    if (!username) fail("enter a username");
    else if (seen.has(key)) fail(`username ${username} appears twice in the file (first on line ${seen.get(key)})`);
    else if (existing && existing.username !== username)
      fail(`username ${username} differs only in capital letters from the existing username ${existing.username}`);
    else if (!existing && lookAlike && /\P{ASCII}/u.test(username))
      fail(`username ${username} looks like the existing username ${lookAlike.username} but uses other characters`);
    else if (!USERNAME.test(username))
      fail(`username ${username} must be 3 to 64 letters, numbers, full stops, hyphens, underscores or @`);
    if (username && !seen.has(key)) seen.set(key, row.line);

    if (!name) fail("enter the person's name");
    else if (name.length > 120) fail("the name must be 120 characters or fewer");
    // Reminders go to the address: two people sharing one (in any capitals) would get each other's.
    const emailKey = email.toLowerCase();
    if (email && (email.length > 254 || !EMAIL.test(email))) fail(`email ${email} is not an email address`);
    else if (seenEmails.has(emailKey))
      fail(`email ${email} appears twice in the file (first on line ${seenEmails.get(emailKey)})`);
    else if (email) {
      seenEmails.set(emailKey, row.line);
      // Someone else keeps it after the file. A manager is not told who: they may be at another prison.
      const keeper = emailKeepers.get(emailKey);
      if (keeper && keeper.userId !== existing?.id)
        fail(
          keeper.line === null
            ? `email ${email} is already used by another user`
            : `email ${email} is already used by the person on line ${keeper.line}, whose row leaves their email empty so they keep it`,
        );
    }
    if (!IMPORTABLE_ROLES.includes(role.toLowerCase() as ImportableRole))
      fail(`role ${role || "(empty)"} must be officer, trainer or manager`);

    const prison = prisonsByCode.get(prisonCode.toUpperCase());
    // A manager's file may name only their prison: any other code, known or not, gets the same
    // message, so a file cannot be used to find out which prison codes exist.
    const allowed = prison && (ctx.onlyPrisonId === null || prison.id === ctx.onlyPrisonId);
    if (!prisonCode) fail("enter the prison code");
    else if (!allowed && ownCode)
      fail(`prison ${prisonCode} is not ${ownCode}: you can import only your own prison's staff`);
    else if (!allowed) fail(`prison ${prisonCode} is not a prison code Engage knows`);
    const unit = allowed && wing ? prison.units.find((u) => u.name.toLowerCase() === wing.toLowerCase()) : undefined;
    if (allowed && wing && !unit)
      fail(`wing ${wing} is not a wing or team of ${prison.code}${wingChoices(prison.units)}`);

    if (existing?.role === "admin") fail(`${username} is an administrator: administrators are not imported`);
    else if (existing && ctx.onlyPrisonId !== null && existing.establishmentId !== ctx.onlyPrisonId)
      fail(`username ${username} is already used by someone outside your prison`);
    else if (ctx.onlyPrisonId !== null) managerLimits(username, role.toLowerCase(), existing).forEach(fail);

    if (errors.some((e) => e.line === row.line) || !prison) continue;
    const values: StaffChange = {
      username,
      displayName: name,
      email: email || existing?.email || null,
      role: role.toLowerCase() as ImportableRole,
      establishmentId: prison.id,
      // An empty wing keeps the current one: officers may have chosen it themselves.
      unitId: unit ? unit.id : existing && existing.establishmentId === prison.id ? existing.unitId : null,
    };
    // As on the admin's user form: an officer's wing is how reports, assignments and coaches find them.
    // An officer of this prison still without one (made by single sign-on) keeps choosing it themselves,
    // so a nightly HR file without wings does not fail on them.
    const stillChoosing = existing?.role === "officer" && existing.establishmentId === prison.id;
    if (values.role === "officer" && values.unitId === null && !stillChoosing) {
      fail("enter the officer's wing or team: officers need one");
      continue;
    }
    if (!existing) {
      planned.push({ line: row.line, action: "new", userId: null, values, changes: [], wing: unit?.name ?? null });
      continue;
    }
    const changes = [
      existing.displayName !== values.displayName && "name",
      existing.email !== values.email && "email",
      existing.role !== values.role && "role",
      existing.establishmentId !== values.establishmentId && "prison",
      existing.unitId !== values.unitId && "wing",
      !existing.active && "reactivated",
    ].filter((c): c is string => Boolean(c));
    planned.push({
      line: row.line,
      action: changes.length ? "changed" : "unchanged",
      userId: existing.id,
      values,
      changes,
      wing: unit?.name ?? null,
    });
  }

  const deactivate: ImportPlan["deactivate"] = [];
  if (ctx.deactivateMissing) {
    const inFile = new Set(planned.map((r) => r.userId).filter((id): id is number => id !== null));
    const prisons = new Set(
      ctx.onlyPrisonId !== null ? [ctx.onlyPrisonId] : planned.map((r) => r.values.establishmentId),
    );
    for (const u of ctx.users) {
      if (!u.active || u.role === "admin" || u.id === ctx.actorId || inFile.has(u.id)) continue;
      // A manager's file leaves trainers and managers missing from it to an administrator.
      if (ctx.onlyPrisonId !== null && u.role !== "officer") continue;
      if (u.establishmentId !== null && prisons.has(u.establishmentId))
        deactivate.push({ id: u.id, username: u.username, displayName: u.displayName, role: u.role });
    }
  }

  errors.sort((a, b) => a.line - b.line);
  const count = (a: PlannedRow["action"]) => planned.filter((r) => r.action === a).length;
  const filePrisons = new Set(planned.map((r) => r.values.establishmentId));
  return {
    rows: planned,
    prisonId: filePrisons.size === 1 ? [...filePrisons][0]! : null,
    deactivate,
    leftWithoutManager: prisonsLeftWithoutManager(ctx, planned, deactivate),
    errors,
    counts: {
      new: count("new"),
      changed: count("changed"),
      unchanged: count("unchanged"),
      deactivated: deactivate.length,
      errors: errors.length,
    },
  };
}

/**
 * Who keeps their email address after the file, by the address in lower case: everyone the file does not
 * name, and those whose row leaves the email empty (which keeps it). What must be unique is the state after
 * the file, so it may move an address from one person to another, or swap two people's.
 */
function keptEmails(rows: StaffRow[], users: ExistingStaff[]) {
  const emailCells = new Map<string, { line: number; email: string }>();
  for (const row of rows.slice(0, MAX_STAFF_ROWS)) {
    if (row.cells.length !== STAFF_HEADER.length) continue;
    const [username = "", , email = ""] = row.cells.map((c) => c.normalize("NFKC").trim());
    const key = usernameKeyOf(username);
    if (!emailCells.has(key)) emailCells.set(key, { line: row.line, email });
  }
  const kept = new Map<string, { userId: number; line: number | null }>();
  for (const u of users) {
    if (!u.email) continue;
    const inFile = emailCells.get(usernameKeyOf(u.username));
    if (!inFile) kept.set(u.email.toLowerCase(), { userId: u.id, line: null });
    else if (!inFile.email) kept.set(u.email.toLowerCase(), { userId: u.id, line: inFile.line });
  }
  return kept;
}

/** Prisons that have an active manager and would have none once the file's rows and deactivations are written. */
function prisonsLeftWithoutManager(ctx: ImportContext, planned: PlannedRow[], deactivate: ImportPlan["deactivate"]) {
  const rowOf = new Map(planned.map((r) => [r.userId, r]));
  const deactivated = new Set(deactivate.map((d) => d.id));
  const managedNow = new Set<number | null>();
  const managedAfter = new Set<number | null>(
    planned.filter((r) => r.action === "new" && r.values.role === "manager").map((r) => r.values.establishmentId),
  );
  for (const u of ctx.users) {
    if (u.active && u.role === "manager") managedNow.add(u.establishmentId);
    const row = rowOf.get(u.id);
    // A row in the file leaves its person active (it reactivates them), in the file's role and prison.
    if (row ? row.values.role === "manager" : u.active && u.role === "manager" && !deactivated.has(u.id))
      managedAfter.add(row ? row.values.establishmentId : u.establishmentId);
  }
  return ctx.prisons.filter((p) => managedNow.has(p.id) && !managedAfter.has(p.id)).map((p) => p.name);
}

/**
 * What a manager's file may not do, because it would give them an administrator's power: add a
 * trainer or a manager (trainers change the curriculum of every prison), change anyone's role, or
 * reactivate an account an administrator deactivated.
 */
function managerLimits(username: string, role: string, existing: ExistingStaff | undefined): string[] {
  const limits: string[] = [];
  if (!existing && role !== "officer" && IMPORTABLE_ROLES.includes(role as ImportableRole))
    limits.push(`${username} would be a new ${role}: only an administrator can add trainers and managers`);
  if (existing && existing.role !== role && IMPORTABLE_ROLES.includes(role as ImportableRole))
    limits.push(`${username} is ${article(existing.role)}: only an administrator can change someone's role`);
  if (existing && !existing.active)
    limits.push(`${username}'s account is deactivated: only an administrator can reactivate it`);
  return limits;
}

const article = (role: string) => `${role === "officer" ? "an" : "a"} ${role}`;

/** A row in the preview: "New officer, B wing", "New manager", "Changed: name, wing", "Unchanged". */
export function whatHappens(row: PlannedRow): string {
  if (row.action === "new") return `New ${row.values.role}${row.wing ? `, ${row.wing}` : ""}`;
  return row.action === "changed" ? `Changed: ${row.changes.join(", ")}` : "Unchanged";
}

/**
 * The preview's warning above the import button: whom the file deactivates, by role, and, more
 * strongly, a prison it would leave with no active manager (to see reports or import again). Null
 * when it does neither.
 */
export function importWarning(plan: ImportPlan): string | null {
  const n = plan.deactivate.length;
  const roles = IMPORTABLE_ROLES.map((role) => [role, plan.deactivate.filter((d) => d.role === role).length] as const)
    .filter(([, count]) => count > 0)
    .map(([role, count]) => plural(count, role));
  const deactivates = n
    ? `deactivate ${plural(n, "person", "people")} (${listed(roles)}): they will no longer be able to sign in`
    : "";
  if (plan.leftWithoutManager.length)
    return (
      `Importing this file will leave ${listed(plan.leftWithoutManager)} with no active manager` +
      `${n ? ` and ${deactivates}` : ""}. Check the file has all the prison's staff in it before you import it.`
    );
  return n ? `Importing this file will ${deactivates}.` : null;
}

/** The command line's last line, and the import's audit summary. */
export function describeCounts(c: ImportPlan["counts"]): string {
  return `${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.deactivated} deactivated, ${c.errors} errors`;
}

// The person fixing the file needs the names Engage knows, spelt as it spells them.
function wingChoices(units: { name: string }[]) {
  if (units.length === 0) return ": it has none yet, so an administrator adds them first";
  const names = new Intl.ListFormat("en-GB", { type: "disjunction" }).format(units.map((u) => u.name));
  return `: use ${units.length === 1 ? "" : "one of "}${names}`;
}
