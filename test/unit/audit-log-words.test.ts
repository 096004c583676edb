// Every action Engage records in its audit log has a sentence, and a kind to filter by: the actions
// are read from the source (each recordAudit call and the two helpers that build an action from a
// kind), so a new one without words fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const { describeAudit, hasWords } = await import("~/domain/audit-words");
const { AUDIT_KINDS } = await import("~/audit/log-filters");

const ROOT = join(__dirname, "../..");
function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { path, text: readFileSync(path, "utf8") };
    });
}
const files = [...sources("app"), ...sources("db")];
const ACTION = /"([a-z_]+\.[a-z_]+)"/g;

/** The text of each call `name(...)`, parentheses balanced. */
function calls(text: string, name: string): string[] {
  const found: string[] = [];
  for (let i = text.indexOf(`${name}(`); i >= 0; i = text.indexOf(`${name}(`, i + 1)) {
    let depth = 0;
    let j = i + name.length;
    do {
      if (text[j] === "(") depth++;
      else if (text[j] === ")") depth--;
      j++;
    } while (depth > 0 && j < text.length);
    found.push(text.slice(i, j));
  }
  return found;
}

function recordedActions() {
  const actions = new Set<string>();
  const templates: string[] = [];
  for (const { path, text } of files) {
    // A migration writes its rows itself (query modules change after it; it must not).
    if (text.includes('insertInto("audit_events")'))
      for (const m of text.matchAll(/action: ("[a-z_]+\.[a-z_]+")/g)) actions.add(JSON.parse(m[1]) as string);
    if (!text.includes("recordAudit(")) continue;
    for (const call of calls(text, "recordAudit")) {
      const action = /action:\s*([^\n]*)/.exec(call)?.[1] ?? "";
      if (action.includes("`")) templates.push(`${path}: ${action}`);
      for (const m of action.matchAll(ACTION)) actions.add(m[1]);
    }
    // An action passed on in a variable (the studio's versions): its type lists the strings.
    for (const m of text.matchAll(/action: ("[a-z_.]+"(?: \| "[a-z_.]+")*);/g))
      for (const a of m[1].matchAll(ACTION)) actions.add(a[1]);
  }
  for (const { text } of files) {
    for (const call of calls(text, "auditObservation"))
      for (const m of call.matchAll(/^auditObservation\([^,]+,[^,]+,\s*"([a-z_]+)"/g))
        actions.add(`observation.${m[1]}`);
  }
  const exportKinds = files.find((f) => f.path.endsWith("app/audit/exports.server.ts"))!.text;
  const union = /export type ExportKind =([^;]+);/.exec(exportKinds)![1];
  for (const m of union.matchAll(/"([a-z_]+)"/g)) actions.add(`export.${m[1]}`);
  return { actions: [...actions].sort(), templates };
}

describe("the audit log's words", () => {
  const { actions, templates } = recordedActions();

  it("finds the actions recorded, built from a kind only by the two helpers that know their kinds", () => {
    expect(templates.map((t) => t.replace(ROOT, "")).sort()).toEqual([
      "/app/audit/exports.server.ts: `export.${kind}`,",
      "/app/coaching/observations.server.ts: `observation.${action}`,",
    ]);
    // The scan sees the old and the new: a broken scan would find nothing and pass.
    for (const a of [
      "user.deactivated",
      "user.made_coach",
      "observation.recorded",
      "export.audit_csv",
      "scenario.rolled_back",
      "user.email_cleared",
    ])
      expect(actions).toContain(a);
    expect(actions.length).toBeGreaterThan(50);
  });

  it("has a sentence for every action recorded anywhere in Engage", () => {
    expect(actions.filter((a) => !hasWords(a))).toEqual([]);
  });

  it("offers a kind to filter by for every action", () => {
    const kinds = AUDIT_KINDS.map((k) => k.value).filter(Boolean);
    expect(actions.filter((a) => !kinds.some((k) => a.startsWith(k)))).toEqual([]);
  });

  const names = {
    prison: () => "HMP Hollowbrook (demo)",
    unit: (id: unknown) => (id === 3 ? "C wing" : null),
    role: (r: unknown) => (r === "manager" ? "Manager" : "Officer"),
    scenario: () => null,
    module: (id: unknown) => (id === "listening" ? "Listening on the landing" : null),
    day: (d: unknown) => (d === "2027-01-31" ? "31 January 2027" : String(d)),
    month: (m: unknown) => String(m),
  };
  const say = (
    action: string,
    details: Record<string, unknown> = {},
    { actor = "Jo Bloggs", subject = "Sam Okafor" }: { actor?: string | null; subject?: string | null } = {},
  ) => describeAudit({ action, actor, subject, prison: "HMP Hollowbrook (demo)", details, names });

  it("says when a password was wrong, refused, or changed under a sign-in", () => {
    expect(say("user.password_change_failed", {}, { actor: "Sam Okafor" })).toBe(
      "Sam Okafor gave a wrong current password when changing their password",
    );
    expect(say("user.password_change_failed", { deviceCookie: "used" }, { actor: "Sam Okafor" })).toBe(
      "Sam Okafor gave a wrong current password when changing their password on a browser known from an earlier sign-in",
    );
    expect(say("user.password_change_refused", {}, { actor: "Sam Okafor" })).toBe(
      "Engage refused to check Sam Okafor’s current password: too many wrong passwords",
    );
    expect(say("sign_in.failed", { username: "sam", reason: "password_changed" }, { actor: null })).toBe(
      "Someone failed to sign in as “sam”: their password was changed while they were signing in",
    );
    expect(say("sign_in.failed", { username: "sam", deviceCookie: "used" }, { actor: null })).toBe(
      "Someone failed to sign in as “sam” on a browser known from an earlier sign-in",
    );
    expect(say("sign_in.succeeded", { deviceCookie: "used" }, { actor: "Sam Okafor" })).toBe(
      "Sam Okafor signed in on a browser known from an earlier sign-in",
    );
  });

  it("says what single sign-on, staff imports, coaches, assignments and observations did", () => {
    expect(say("user.email_changed")).toBe("Jo Bloggs changed Sam Okafor’s email address");
    expect(say("user.email_cleared", { email: "sam@justice.example", keptBy: 4 }, { actor: null })).toBe(
      "Engage cleared Sam Okafor’s email address sam@justice.example: another user had the same one, and it was kept for them",
    );
    expect(say("user.made_coach")).toBe("Jo Bloggs made Sam Okafor an MI coach");
    expect(say("user.coach_removed")).toBe("Jo Bloggs took Sam Okafor off the MI coaches");
    expect(say("user.chose_wing", { unitId: 3 }, { actor: "Sam Okafor" })).toBe(
      "Sam Okafor chose their wing or team: C wing",
    );
    expect(say("sign_in.succeeded", { method: "single sign-on" }, { actor: "Sam Okafor" })).toBe(
      "Sam Okafor signed in through single sign-on",
    );
    expect(
      say("sign_in.failed", { method: "single sign-on", reason: "unknown_prison", username: "sam" }, { actor: null }),
    ).toBe("Someone failed to sign in as “sam” through single sign-on: their prison is not set up in Engage");
    expect(say("user.created", { source: "single sign-on", role: "officer" }, { actor: "Sam Okafor" })).toBe(
      "An account for Sam Okafor (Officer) was made when they first signed in through single sign-on",
    );
    expect(
      say("user.updated_from_sign_in", { changes: ["name", "email", "role"], from: "officer", to: "manager" }),
    ).toBe(
      "Single sign-on updated Sam Okafor’s name, email address and role from their work account (role from Officer to Manager)",
    );
    expect(say("user.kept_administrator", { claimed: "manager" })).toBe(
      "Single sign-on kept Sam Okafor an administrator, although their work account now gives them the role Manager: they are the only active administrator",
    );
    expect(say("user.created", { source: "staff import", role: "officer" })).toBe(
      "Jo Bloggs created an account for Sam Okafor (Officer) by importing a staff file",
    );
    expect(say("user.created", { source: "staff import", role: "manager" }, { actor: null })).toBe(
      "An account for Sam Okafor (Manager) was created on the server by a staff import",
    );
    const counts = { new: 3, changed: 1, unchanged: 40, deactivated: 2, errors: 0 };
    expect(say("users.imported", { ...counts, file: "hr.csv", source: "upload" }, { subject: null })).toBe(
      "Jo Bloggs imported staff for HMP Hollowbrook (demo) from “hr.csv”: 3 new, 1 changed, 40 unchanged, 2 deactivated",
    );
    expect(say("users.imported", { ...counts, file: "hr.csv" }, { actor: null, subject: null })).toBe(
      "Staff for HMP Hollowbrook (demo) were imported on the server from “hr.csv”: 3 new, 1 changed, 40 unchanged, 2 deactivated",
    );
    expect(say("prison.listed_names_changed", { patterns: 1 }, { subject: null })).toBe(
      "Jo Bloggs changed the names observations refuse at HMP Hollowbrook (demo) (1 name or pattern)",
    );
    expect(say("assignment.created", { moduleId: "listening", to: "unit:3", dueOn: "2027-01-31" })).toBe(
      "Jo Bloggs assigned the module “Listening on the landing” to C wing, due by 31 January 2027",
    );
    expect(say("assignment.created", { moduleId: "whole programme", to: [4, 5], dueDays: 28 })).toBe(
      "Jo Bloggs assigned the whole programme to 2 named officers, due within 28 days of joining",
    );
    expect(say("assignment.created", { moduleId: "listening", to: "prison", dueOn: "2027-01-31" })).toBe(
      "Jo Bloggs assigned the module “Listening on the landing” to everyone at HMP Hollowbrook (demo), due by 31 January 2027",
    );
    expect(say("assignment.removed", { id: 9 }, { subject: null })).toBe(
      "Jo Bloggs removed an assignment of training at HMP Hollowbrook (demo)",
    );
    expect(say("assignment.removed", { id: 9, moduleId: "listening", to: [4], dueOn: "2027-01-31" })).toBe(
      "Jo Bloggs removed the assignment of the module “Listening on the landing” to Sam Okafor, due by 31 January 2027",
    );
    expect(say("assignment.removed", { id: 9, moduleId: "whole programme", to: "prison", dueDays: 28 })).toBe(
      "Jo Bloggs removed the assignment of the whole programme to everyone at HMP Hollowbrook (demo), due within 28 days of joining",
    );
    expect(say("assignment.created", { moduleId: "listening", to: [4], dueOn: "2027-01-31" })).toBe(
      "Jo Bloggs assigned the module “Listening on the landing” to Sam Okafor, due by 31 January 2027",
    );
    expect(say("observation.requested", { dueOn: "2027-01-31" })).toBe(
      "Jo Bloggs asked a coach to observe Sam Okafor on the wing by 31 January 2027",
    );
    expect(say("observation.started")).toBe("Jo Bloggs started observing Sam Okafor on the wing");
    expect(say("observation.recorded", { minutes: 12 })).toBe(
      "Jo Bloggs recorded an observation of Sam Okafor (12 minutes)",
    );
    expect(say("observation.viewed", {}, { actor: "Sam Okafor" })).toBe(
      "Sam Okafor opened an observation of their own practice",
    );
    expect(say("observation.reflected", {}, { actor: "Sam Okafor" })).toBe(
      "Sam Okafor wrote a reflection on an observation of their practice",
    );
    expect(say("observations.report_viewed", { officers: 1 }, { subject: null })).toBe(
      "Jo Bloggs opened the report of observed practice for HMP Hollowbrook (demo) (1 officer)",
    );
    expect(say("export.observations_csv", { rows: 1200 }, { subject: null })).toBe(
      "Jo Bloggs downloaded observations for HMP Hollowbrook (demo) as CSV (1,200 observations)",
    );
    expect(
      say("export.lrs_delivery", { rows: 120, alreadySent: 3, failed: 0, lrs: "lrs.example" }, { subject: null }),
    ).toBe("Jo Bloggs sent attempts for HMP Hollowbrook (demo) to the Learning Record Store (120 statements)");
    // A sending that stopped says how many went, how many did not, and why in the words the manager was shown.
    const refused = {
      rows: 40,
      failed: 1060,
      status: 401,
      reason: "The learning record store did not accept the statements",
      error:
        "The learning record store did not accept the statements (it answered 401, unauthorized). Engage did not try again: the same statements would get the same answer.",
    };
    expect(say("export.lrs_delivery", refused, { subject: null })).toBe(
      "Jo Bloggs tried to send attempts for HMP Hollowbrook (demo) to the Learning Record Store: 40 statements sent, 1,060 not sent because the learning record store did not accept the statements (it answered 401)",
    );
    const unreachable = {
      rows: 0,
      failed: 1,
      reason: "Engage could not reach the learning record store",
      error:
        "Engage could not reach the learning record store (fetch failed). Engage tried 3 more times, then stopped.",
    };
    expect(say("export.lrs_delivery", unreachable, { subject: null })).toBe(
      "Jo Bloggs tried to send attempts for HMP Hollowbrook (demo) to the Learning Record Store: 0 statements sent, 1 not sent because Engage could not reach the learning record store",
    );
    // Every action found above reads as a sentence that names who did it or says it was no one signed in.
    for (const a of actions) expect(say(a)).not.toContain(`: ${a.replace(/[._]+/g, " ")}`);
  });
});
