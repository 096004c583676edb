/**
 * The audit log in people's words: "Alex Rowan deactivated Sam Okafor's account". Each action
 * Engage records has a sentence here; one this list does not know yet still reads as a sentence
 * (its code in words), and the raw record is always shown beside it.
 */

export interface AuditFacts {
  action: string;
  /** who did it (null: someone not signed in, such as a failed sign-in) */
  actor: string | null;
  /** whom it was done to, when it was done to a person */
  subject: string | null;
  /** the prison it concerns */
  prison: string | null;
  details: Record<string, unknown>;
  /** names for ids a record may carry (a wing moved to, a role, a scenario), and days and months as pages show them */
  names: {
    prison(id: unknown): string | null;
    unit(id: unknown): string | null;
    role(role: unknown): string;
    scenario(id: unknown): string | null;
    module(id: unknown): string | null;
    day(iso: unknown): string;
    month(yyyyMm: unknown): string;
  };
}

/** Details as stored (JSON text): an object, or empty when missing or unreadable. */
export function parseDetails(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
const possessive = (name: string) => `${name}’s`;
const quoted = (v: unknown) => (text(v) ? `“${text(v)}”` : "");
/** A scenario by its title when the library still has it, else by its id. */
const scenario = (f: AuditFacts, id: unknown) => {
  const title = f.names.scenario(id);
  return title ? `“${title}”` : text(id);
};
const moduleName = (f: AuditFacts, id: unknown) => {
  const title = f.names.module(id);
  return title ? `the module “${title}”` : text(id) ? `the module ${text(id)}` : "its module";
};

type Phrase = (f: AuditFacts, who: string, whom: string) => string;

const PHRASES: Record<string, Phrase> = {
  "sign_in.succeeded": (_, who) => `${who} signed in`,
  "sign_in.failed": (f) => `Someone failed to sign in as ${quoted(f.details.username) || "an unknown username"}`,
  "sign_in.refused": (f) =>
    `Engage refused a sign-in as ${quoted(f.details.username) || "an unknown username"}: too many wrong passwords`,
  "session.ended": (f, who) =>
    f.details.which === "all others"
      ? `${who} signed out of all their other sessions`
      : `${who} signed out of one of their other sessions`,
  "user.created": (f, who, whom) => {
    const role = f.details.role ? ` (${f.names.role(f.details.role)})` : "";
    return f.actor === null && f.details.by
      ? `An account for ${whom}${role} was created on the server (${text(f.details.by)})`
      : `${who} created an account for ${whom}${role}`;
  },
  "user.role_changed": (f, who, whom) =>
    `${who} changed ${possessive(whom)} role from ${f.names.role(f.details.from)} to ${f.names.role(f.details.to)}`,
  "user.moved": (f, who, whom) => {
    const place = [f.names.unit(f.details.unitId), f.names.prison(f.details.establishmentId)].filter(Boolean);
    return place.length ? `${who} moved ${whom} to ${place.join(", ")}` : `${who} took ${whom} off their wing`;
  },
  "user.renamed": (_, who, whom) => `${who} changed the name on ${possessive(whom)} account`,
  "user.password_reset": (_, who, whom) => `${who} reset ${possessive(whom)} password`,
  "user.password_changed": (_, who) => `${who} changed their own password`,
  "user.deactivated": (_, who, whom) => `${who} deactivated ${possessive(whom)} account`,
  "user.reactivated": (_, who, whom) => `${who} reactivated ${possessive(whom)} account`,
  "prison.created": (f, who) => `${who} added the prison ${text(f.details.name) || f.prison}`,
  "prison.updated": (f, who) =>
    `${who} saved the details of ${text(f.details.name) || f.prison}${f.details.code ? ` (code ${text(f.details.code)})` : ""}`,
  "unit.created": (f, who) => `${who} added ${text(f.details.name)} to ${f.prison ?? "a prison"}`,
  "unit.updated": (f, who) =>
    f.details.previousName && f.details.previousName !== f.details.name
      ? `${who} renamed ${text(f.details.previousName)} to ${text(f.details.name)} at ${f.prison ?? "a prison"}`
      : `${who} changed ${text(f.details.name)} at ${f.prison ?? "a prison"}`,
  "unit.removed": (f, who) => `${who} removed ${text(f.details.name)} from ${f.prison ?? "a prison"}`,
  "record.viewed": (_, who, whom) => `${who} opened ${possessive(whom)} training record`,
  "reply.opened": (_, who, whom) => `${who} opened a written reply by ${whom} to rate it`,
  "reply.reviewed": (f, who, whom) =>
    `${who} rated a written reply by ${whom}${f.details.rating ? `: ${text(f.details.rating)} out of 5` : ""}`,
  "scenario.imported": (f, who) =>
    `${who} imported ${quoted(f.details.file) || "a file"} as a draft of the scenario ${scenario(f, f.details.scenarioId)}`,
  "scenario.published": (f, who) =>
    `${who} published a new version of the scenario ${scenario(f, f.details.scenarioId)}${
      f.details.changeNote ? `: ${quoted(f.details.changeNote)}` : ""
    }`,
  "scenario.retired": (f, who) =>
    `${who} retired the scenario ${scenario(f, f.details.scenarioId)} from ${moduleName(f, f.details.moduleId)}`,
  "scenario.returned": (f, who) =>
    `${who} returned the scenario ${scenario(f, f.details.scenarioId)} to ${moduleName(f, f.details.moduleId)}`,
  "scenario.rolled_back": (f, who) =>
    `${who} rolled the scenario ${scenario(f, f.details.scenarioId)} back${
      typeof f.details.to === "number" ? ` to version ${f.details.to}` : ""
    }`,
  "target.set": (f, who) =>
    `${who} set ${f.prison ? possessive(f.prison) : "the"} target: ${text(f.details.percent)}% of officers competent by ${f.names.day(f.details.date)}`,
  "engagement.recorded": (f, who) =>
    `${who} recorded programme engagement for ${f.names.month(f.details.month)}: ${text(f.details.notEngaging)} of ${text(
      f.details.eligible,
    )} men refusing or not engaging`,
};

/** Each export kind (app/audit/exports.server.ts): what left Engage, and how. */
const EXPORTS: Record<string, (f: AuditFacts, who: string, whom: string) => string> = {
  matrix_csv: (f, who) => `${who} downloaded the training matrix${forPrison(f)} as CSV${rows(f, "officer")}`,
  attempts_csv: (f, who) => `${who} downloaded attempts${forPrison(f)} as CSV${rows(f, "attempt")}`,
  statements_json: (f, who) => `${who} downloaded xAPI statements${forPrison(f)}${rows(f, "statement")}`,
  lrs_delivery: (f, who) => `${who} sent attempts${forPrison(f)} to the Learning Record Store${rows(f, "statement")}`,
  own_record_csv: (_, who) => `${who} downloaded their own training record as CSV`,
  own_record_json: (_, who) => `${who} downloaded their own training record as JSON`,
  scenario_yaml: (f, who) =>
    `${who} exported the ${f.details.version === "published" ? "published version" : "draft"} of the scenario ${scenario(
      f,
      f.details.scenario,
    )} as YAML`,
  audit_csv: (f, who) => `${who} downloaded the audit log as CSV${rows(f, "event")}`,
};
const forPrison = (f: AuditFacts) => (f.prison ? ` for ${f.prison}` : "");
function rows(f: AuditFacts, noun: string) {
  const n = f.details.rows;
  return typeof n === "number" ? ` (${n.toLocaleString("en-GB")} ${noun}${n === 1 ? "" : "s"})` : "";
}

/** "user.chose_wing" -> "user chose wing": an action this list does not know, still in words. */
const inWords = (action: string) => action.replace(/[._]+/g, " ").trim();

export function describeAudit(f: AuditFacts): string {
  const who = f.actor ?? "Someone not signed in";
  const whom = f.subject ?? "someone";
  const own = (table: Record<string, Phrase>, key: string) =>
    Object.prototype.hasOwnProperty.call(table, key) ? table[key] : null;
  const phrase = f.action.startsWith("export.") ? own(EXPORTS, f.action.slice(7)) : own(PHRASES, f.action);
  if (phrase) return phrase(f, who, whom);
  return `${who}: ${inWords(f.action)}${f.subject ? ` (${f.subject})` : ""}`;
}
