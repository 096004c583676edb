/**
 * The audit log in people's words: "Alex Rowan deactivated Sam Okafor's account". Each action
 * Engage records has a sentence here; one this list does not know yet still reads as a sentence
 * (its code in words), and the raw record is always shown beside it.
 */
import { listed } from "./words";

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

/** "the module “Listening” to C wing, due by 31 January 2027": what an assignment gave to whom. */
function assignment(f: AuditFacts) {
  const what = f.details.moduleId === "whole programme" ? "the whole programme" : moduleName(f, f.details.moduleId);
  const to = f.details.to;
  const whom = Array.isArray(to)
    ? to.length === 1 && f.subject
      ? f.subject
      : `${to.length} named officer${to.length === 1 ? "" : "s"}`
    : typeof to === "string" && to.startsWith("unit:")
      ? (f.names.unit(Number(to.slice(5))) ?? "a wing or team since removed")
      : `everyone at ${f.prison ?? "the prison"}`;
  const due =
    typeof f.details.dueOn === "string"
      ? `, due by ${f.names.day(f.details.dueOn)}`
      : typeof f.details.dueDays === "number"
        ? `, due within ${f.details.dueDays} days of joining`
        : "";
  return `${what} to ${whom}${due}`;
}

const PHRASES: Record<string, Phrase> = {
  "sign_in.succeeded": (f, who) => `${who} signed in${viaSso(f)}${onKnownBrowser(f)}`,
  "sign_in.failed": (f) => {
    const why = SIGN_IN_REFUSALS[text(f.details.reason)];
    return `Someone failed to sign in as ${quoted(f.details.username) || "an unknown username"}${viaSso(f)}${onKnownBrowser(f)}${why ? `: ${why}` : ""}`;
  },
  "sign_in.refused": (f) =>
    `Engage refused a sign-in as ${quoted(f.details.username) || "an unknown username"}: too many wrong passwords`,
  "session.ended": (f, who) =>
    f.details.which === "all others"
      ? `${who} signed out of all their other sessions`
      : `${who} signed out of one of their other sessions`,
  "user.created": (f, who, whom) => {
    const role = f.details.role ? ` (${f.names.role(f.details.role)})` : "";
    if (f.details.source === "single sign-on")
      return `An account for ${whom}${role} was made when they first signed in through single sign-on`;
    if (f.details.source === "staff import")
      return f.actor === null
        ? `An account for ${whom}${role} was created on the server by a staff import`
        : `${who} created an account for ${whom}${role} by importing a staff file`;
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
  "user.email_changed": (_, who, whom) => `${who} changed ${possessive(whom)} email address`,
  // Cleared by the upgrade that made addresses unique (db/migrations/0016-unique-emails.ts).
  "user.email_cleared": (f, _, whom) =>
    `Engage cleared ${possessive(whom)} email address${f.details.email ? ` ${text(f.details.email)}` : ""}: another user had the same one, and it was kept for them`,
  "user.made_coach": (_, who, whom) => `${who} made ${whom} an MI coach`,
  "user.coach_removed": (_, who, whom) => `${who} took ${whom} off the MI coaches`,
  "user.chose_wing": (f, who) =>
    `${who} chose their wing or team: ${f.names.unit(f.details.unitId) ?? "one since removed"}`,
  "user.updated_from_sign_in": (f, _, whom) => {
    const changes = Array.isArray(f.details.changes)
      ? f.details.changes.map((c) => SSO_CHANGES[text(c)] ?? text(c))
      : [];
    const role =
      f.details.from && f.details.to
        ? ` (role from ${f.names.role(f.details.from)} to ${f.names.role(f.details.to)})`
        : "";
    return `Single sign-on updated ${possessive(whom)} ${listed(changes) || "account"} from their work account${role}`;
  },
  "user.kept_administrator": (f, _, whom) =>
    `Single sign-on kept ${whom} an administrator, although their work account now gives them the role ${f.names.role(f.details.claimed)}: they are the only active administrator`,
  "users.imported": (f, who) => {
    const counts = (["new", "changed", "unchanged", "deactivated"] as const)
      .filter((k) => typeof f.details[k] === "number")
      .map((k) => `${text(f.details[k])} ${k}`);
    const from = `from ${quoted(f.details.file) || "a file"}${counts.length ? `: ${counts.join(", ")}` : ""}`;
    return f.actor === null
      ? `Staff${forPrison(f)} were imported on the server ${from}`
      : `${who} imported staff${forPrison(f)} ${from}`;
  },
  "user.password_reset": (_, who, whom) => `${who} reset ${possessive(whom)} password`,
  "user.password_changed": (_, who) => `${who} changed their own password`,
  "user.password_change_failed": (f, who) =>
    `${who} gave a wrong current password when changing their password${onKnownBrowser(f)}`,
  "user.password_change_refused": (_, who) =>
    `Engage refused to check ${possessive(who)} current password: too many wrong passwords`,
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
  "prison.listed_names_changed": (f, who) =>
    `${who} changed the names observations refuse at ${f.prison ?? "a prison"}${count(f.details.patterns, "name or pattern", "names or patterns")}`,
  "assignment.created": (f, who) => `${who} assigned ${assignment(f)}`,
  // Records from before removals kept what was removed say only that one was.
  "assignment.removed": (f, who) =>
    f.details.moduleId === undefined
      ? `${who} removed an assignment of training at ${f.prison ?? "a prison"}`
      : `${who} removed the assignment of ${assignment(f)}`,
  "observation.requested": (f, who, whom) =>
    `${who} asked a coach to observe ${whom} on the wing${typeof f.details.dueOn === "string" ? ` by ${f.names.day(f.details.dueOn)}` : ""}`,
  "observation.request_cancelled": (f, who) =>
    `${who} withdrew a request to observe an officer at ${f.prison ?? "a prison"}`,
  "observation.started": (_, who, whom) => `${who} started observing ${whom} on the wing`,
  "observation.recorded": (f, who, whom) =>
    `${who} recorded an observation of ${whom}${count(f.details.minutes, "minute", "minutes")}`,
  "observation.discarded": (_, who, whom) => `${who} discarded a draft observation of ${whom}`,
  "observation.calibration_linked": (_, who, whom) =>
    `${who} linked their observation of ${whom} with another coach’s, to compare scores`,
  "observation.viewed": (f, who, whom) =>
    f.actor !== null && f.actor === f.subject
      ? `${who} opened an observation of their own practice`
      : `${who} opened an observation of ${whom}`,
  "observation.reflected": (_, who) => `${who} wrote a reflection on an observation of their practice`,
  "observations.report_viewed": (f, who) =>
    `${who} opened the report of observed practice${forPrison(f)}${count(f.details.officers, "officer", "officers")}`,
  "record.viewed": (_, who, whom) => `${who} opened ${possessive(whom)} training record`,
  "reply.opened": (_, who, whom) => `${who} opened a written reply by ${whom} to rate it`,
  "reply.queue_viewed": (f, who) =>
    `${who} opened the queue of written replies to rate${forPrison(f)}${count(Array.isArray(f.details.stepIds) ? f.details.stepIds.length : undefined, "reply shown", "replies shown")}`,
  "reply.rated_list_viewed": (f, who) =>
    `${who} opened the list of rated written replies${forPrison(f)}${count(Array.isArray(f.details.stepIds) ? f.details.stepIds.length : undefined, "reply shown", "replies shown")}`,
  "reply.rating_changed": (f, who, whom) =>
    `${who} changed the rating of a written reply by ${whom}${f.details.from && f.details.to ? ` from ${text(f.details.from)} to ${text(f.details.to)} out of 5` : ""}`,
  "reply.reviewed": (f, who, whom) =>
    `${who} rated a written reply by ${whom}${f.details.rating ? `: ${text(f.details.rating)} out of 5` : ""}`,
  "scenario.created": (f, who) =>
    `${who} created the scenario ${scenario(f, f.details.scenarioId)} as a draft, with the step-by-step form`,
  "scenario.draft_deleted": (f, who) =>
    `${who} deleted the draft scenario ${quoted(f.details.title) || scenario(f, f.details.scenarioId)} (${text(f.details.scenarioId)}), which was never published`,
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
  "module.added": (f, who) => `${who} added ${moduleName(f, f.details.moduleId)}`,
  "module.details_changed": (f, who) =>
    `${who} changed the title or summary of ${moduleName(f, f.details.moduleId)}${
      text(f.details.fromTitle) && f.details.fromTitle !== f.details.toTitle
        ? ` (it was “${text(f.details.fromTitle)}”)`
        : ""
    }${f.details.followsLibrary === true ? ", back to the library file's words" : ""}`,
  "module.removed": (f, who) =>
    `${who} removed the module ${text(f.details.title) ? `“${text(f.details.title)}”` : text(f.details.moduleId)}, added by mistake`,
  "module.moved": (f, who) =>
    `${who} moved ${moduleName(f, f.details.moduleId)} to ${text(f.details.position)} of ${text(f.details.of)} in the order of the modules`,
  "module.settings_changed": (f, who) =>
    `${who} changed what ${moduleName(f, f.details.moduleId)} asks for competency${
      f.details.followsLibrary === true ? ", back to the library file's settings" : ""
    }${settingChanges(f.details.from, f.details.to)}`,
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
  lrs_delivery: (f, who) => {
    const stopped = notSent(f);
    return stopped
      ? `${who} tried to send attempts${forPrison(f)} to the Learning Record Store: ${statements(f.details.rows)} sent, ${stopped}`
      : `${who} sent attempts${forPrison(f)} to the Learning Record Store${rows(f, "statement")}`;
  },
  own_record_csv: (_, who) => `${who} downloaded their own training record as CSV`,
  own_record_json: (_, who) => `${who} downloaded their own training record as JSON`,
  scenario_yaml: (f, who) =>
    `${who} exported the ${f.details.version === "published" ? "published version" : "draft"} of the scenario ${scenario(
      f,
      f.details.scenario,
    )} as YAML`,
  audit_csv: (f, who) => `${who} downloaded the audit log as CSV${rows(f, "event")}`,
  observations_csv: (f, who) => `${who} downloaded observations${forPrison(f)} as CSV${rows(f, "observation")}`,
  own_observations_csv: (_, who) => `${who} downloaded the observations of their own practice as CSV`,
};
/** A module's settings before and after (the studio form's fields), as "name was → now" for each that changed. */
const SETTING_NAMES: Record<string, string> = {
  reflectionsPerQuestion: "reflections for each question",
  percentComplex: "% complex reflections",
  nonAdherentAllowed: "responses against MI allowed",
  refresherMonths: "months to a refresher",
  requiresObservation: "observation on the wing needed",
};
function settingChanges(from: unknown, to: unknown) {
  if (!from || !to || typeof from !== "object" || typeof to !== "object") return "";
  const was = from as Record<string, unknown>;
  const now = to as Record<string, unknown>;
  const changed = Object.keys(SETTING_NAMES).filter((k) => text(was[k]) !== text(now[k]));
  return changed.length
    ? `: ${changed.map((k) => `${SETTING_NAMES[k]} ${text(was[k])} → ${text(now[k])}`).join("; ")}`
    : "";
}
const forPrison = (f: AuditFacts) => (f.prison ? ` for ${f.prison}` : "");
function rows(f: AuditFacts, noun: string) {
  return count(f.details.rows, noun, `${noun}s`);
}
/** "3 statements" */
const statements = (n: unknown) =>
  `${typeof n === "number" ? n.toLocaleString("en-GB") : "no"} statement${n === 1 ? "" : "s"}`;
/**
 * A sending to the learning record store that stopped: "60 not sent because the learning record store
 * did not accept the statements (it answered 401)", from the recorded reason in plain words
 * (app/reports/lrs.server.ts); nothing when all went.
 */
function notSent(f: AuditFacts): string {
  const failed = typeof f.details.failed === "number" ? f.details.failed : 0;
  const plain = text(f.details.reason).trim();
  if (failed === 0 && !plain) return "";
  const why = plain
    ? ` because ${plain.startsWith("Engage") ? plain : plain.charAt(0).toLowerCase() + plain.slice(1)}`
    : "";
  const status = typeof f.details.status === "number" ? ` (it answered ${f.details.status})` : "";
  return `${failed.toLocaleString("en-GB")} not sent${why}${why ? status : ""}`;
}
/** " (3 officers)", or nothing when the record has no number. */
function count(n: unknown, one: string, many: string) {
  return typeof n === "number" ? ` (${n.toLocaleString("en-GB")} ${n === 1 ? one : many})` : "";
}

const viaSso = (f: AuditFacts) => (f.details.method === "single sign-on" ? " through single sign-on" : "");
/** A password given from a browser with a device cookie for that username (app/auth/device-cookie.server.ts). */
const onKnownBrowser = (f: AuditFacts) =>
  f.details.deviceCookie === "used" ? " on a browser known from an earlier sign-in" : "";
/**
 * Why a sign-in was turned away: by single sign-on (app/domain/sso-claims.ts, app/auth/sso-sign-in.server.ts),
 * or after the password was checked (app/auth/sign-in.server.ts).
 */
const SIGN_IN_REFUSALS: Record<string, string> = {
  no_subject: "the sign-in service did not say who they are",
  bad_username: "the sign-in service gave a username Engage cannot use",
  no_role: "their work account gives them no Engage role",
  several_prisons: "their work account names more than one prison",
  no_prison: "their work account names no prison",
  unknown_prison: "their prison is not set up in Engage",
  username_linked_elsewhere: "that username belongs to a different work account",
  local_admin: "that username is an administrator’s own account",
  deactivated: "their account is deactivated",
  password_changed: "their password was changed while they were signing in",
};
const SSO_CHANGES: Record<string, string> = {
  name: "name",
  email: "email address",
  role: "role",
  prison: "prison",
};

/** "user.chose_wing" -> "user chose wing": an action this list does not know, still in words. */
const inWords = (action: string) => action.replace(/[._]+/g, " ").trim();

const own = <T>(table: Record<string, T>, key: string) =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : null;
const phraseFor = (action: string) =>
  action.startsWith("export.") ? own(EXPORTS, action.slice(7)) : own(PHRASES, action);

/** Whether an action has its own sentence (rather than its code in words). */
export const hasWords = (action: string) => phraseFor(action) !== null;

export function describeAudit(f: AuditFacts): string {
  const who = f.actor ?? "Someone not signed in";
  const whom = f.subject ?? "someone";
  const phrase = phraseFor(f.action);
  if (phrase) return phrase(f, who, whom);
  return `${who}: ${inWords(f.action)}${f.subject ? ` (${f.subject})` : ""}`;
}
