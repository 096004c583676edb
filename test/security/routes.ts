// The route x role x prison matrix: one entry per route file, saying who may use it, the page to
// ask for, the same page about another prison (or another officer), and its form with a valid
// sample of each field (the fuzz spoils them). The suite fails when a route file has no entry
// here, so a new route cannot be forgotten.
import type { Database, Role } from "~db/schema";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { wizardFields } from "../support/wizard-answers";
import type { Fixtures, Who } from "./fixtures";

type Fields = Record<string, string>;

export interface FormCase {
  /** Valid values for each field, one set per intent; the fuzz spoils at least one field. */
  samples: (f: Fixtures) => Fields[];
  multipart?: boolean;
  /** Tables even refused input may write (a wrong password, at sign-in or when changing it, is counted and audited). */
  writes?: (keyof Database)[];
}

export interface RouteCase {
  access: "public" | "signed-in" | Role[];
  /** The page to GET (null: the route only takes forms). */
  page: ((f: Fixtures) => string) | null;
  /** What the people allowed get (default 200); per person for public pages that differ. */
  ok?: number;
  okFor?: Partial<Record<Who, number>>;
  /** The page about another prison's (or officer's) data: 404 for all allowed but admins. */
  foreign?: (f: Fixtures) => string[];
  /** The route's form, if it has an action. */
  form?: FormCase | "no fields";
}

const reports = (path: string, form?: FormCase | "no fields"): RouteCase => ({
  access: ["manager", "admin"],
  page: () => path,
  foreign: (f) => [`${path}?prison=${f.other.prisonId}`],
  form,
});
const studio = (page: RouteCase["page"], extra: Partial<RouteCase> = {}): RouteCase => ({
  access: ["trainer", "admin"],
  page,
  ...extra,
});
const admin = (page: RouteCase["page"], form?: FormCase): RouteCase => ({ access: ["admin"], page, form });
const NEW_PASSWORD = "seagull toast ladder";
/** A date input NAME's fields holding a day about a month ahead, inside what every date-ahead form takes. */
function monthAhead(name: string): Fields {
  const day = new Date(Date.now() + 30 * 86_400_000);
  return {
    [`${name}Day`]: String(day.getUTCDate()),
    [`${name}Month`]: String(day.getUTCMonth() + 1),
    [`${name}Year`]: String(day.getUTCFullYear()),
  };
}
// A module's settings as the library file has them: checking them changes nothing.
const MODULE_FIELDS = {
  reflectionsPerQuestion: "1",
  percentComplex: "40",
  nonAdherentAllowed: "0",
  refresherMonths: "6",
  requiresObservation: "no",
};

export const ROUTES: Record<string, RouteCase> = {
  "routes/_index": { access: "signed-in", page: () => "/" },
  // Any address no other route answers (a form sent to one too).
  "routes/$": { access: "public", page: () => "/record/no-such-page", ok: 404, form: "no fields" },
  "routes/healthz": { access: "public", page: () => "/healthz" },
  "routes/readyz": { access: "public", page: () => "/readyz" },
  "routes/info": { access: "public", page: () => "/info" },
  "routes/sign-in": {
    access: "public",
    page: () => "/sign-in",
    okFor: { anonymous: 200, officer: 302, trainer: 302, manager: 302, admin: 302 },
    form: {
      samples: () => [{ username: "officer", password: "not the password", returnTo: "/" }],
      writes: ["sign_in_throttle", "audit_events"],
    },
  },
  "routes/sign-out": { access: "public", page: () => "/sign-out", ok: 302, form: "no fields" },
  "routes/account.password": {
    access: "signed-in",
    page: () => "/account/password",
    form: {
      samples: () => [{ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }],
      writes: ["sign_in_throttle", "audit_events"],
    },
  },
  "routes/account.sessions": {
    access: "signed-in",
    page: () => "/account/sessions",
    form: { samples: (): Fields[] => [{ intent: "end-one", handle: "a".repeat(22) }, { intent: "end-others" }] },
  },

  // Single sign-on is off in these tests: its routes are not there.
  "routes/auth.oidc._index": { access: "public", page: () => "/auth/oidc", ok: 404 },
  "routes/auth.oidc.callback": { access: "public", page: () => "/auth/oidc/callback?code=x&state=y", ok: 404 },
  // An officer who already has a wing is sent on; choosing is once.
  "routes/account.wing": {
    access: ["officer"],
    page: () => "/account/wing",
    ok: 302,
    form: { samples: (f) => [{ unitId: String(f.own.wingId), returnTo: "/" }] },
  },
  "routes/messages": { access: "signed-in", page: () => "/messages" },

  "routes/record": { access: ["officer"], page: () => "/record" },
  "routes/record[.]csv": { access: ["officer"], page: () => "/record.csv" },
  "routes/record[.]json": { access: ["officer"], page: () => "/record.json" },
  "routes/record_.observations.$observationId": {
    access: ["officer"],
    page: (f) => `/record/observations/${f.own.observation}`,
    foreign: (f) => [`/record/observations/${f.other.observation}`],
    form: {
      samples: () => [{ reflection: "I rushed the ending; next time I will summarise first.", rowVersion: "2" }],
    },
  },
  "routes/record_.observations[.]csv": { access: ["officer"], page: () => "/record/observations.csv" },

  // Coaching: trainers and managers are coaches; the officer here is not marked as one.
  "routes/coaching._index": {
    access: ["trainer", "manager"],
    page: () => "/coaching",
    form: { samples: (f) => [{ officerId: String(f.own.officerId) }] },
  },
  "routes/coaching.observations.$observationId": {
    access: ["trainer", "manager", "admin"],
    page: (f) => `/coaching/observations/${f.own.observation}`,
    foreign: (f) => [`/coaching/observations/${f.other.observation}`],
    form: {
      samples: (): Fields[] => [
        { intent: "save", rowVersion: "2", questions: "4", minutes: "6", strengths: "Calm." },
        { intent: "record", rowVersion: "2", questions: "4", minutes: "6", partnership: "4", nextStep: "Ask first." },
        { intent: "calibrate", partnerId: "1" },
        { intent: "discard" },
      ],
    },
  },
  "routes/coaching.calibration": { access: ["trainer", "manager"], page: () => "/coaching/calibration" },
  "routes/coaching.requests": {
    access: ["manager"],
    page: () => "/coaching/requests",
    form: {
      samples: (f): Fields[] => [
        { coachId: String(f.own.trainerId), officerId: String(f.own.officerId), ...monthAhead("due") },
        { intent: "withdraw", requestId: "1" },
      ],
    },
  },
  "routes/scenarios.$scenarioId": {
    access: ["officer"],
    page: (f) => `/scenarios/${f.scenarioId}`,
    form: { samples: () => [{ mode: "practice" }] },
  },
  "routes/attempts.$attemptId._index": {
    access: ["officer"],
    page: (f) => `/attempts/${f.own.attemptInProgress}`,
    foreign: (f) => [`/attempts/${f.other.attempt}`],
    form: { samples: () => [{ nodeId: "start", rowVersion: "1", choice: "a" }] },
  },
  "routes/attempts.$attemptId.abandon": {
    access: ["officer"],
    page: (f) => `/attempts/${f.own.attemptInProgress}/abandon`,
    foreign: (f) => [`/attempts/${f.other.attempt}/abandon`],
    form: "no fields",
  },
  "routes/attempts.$attemptId.review": {
    access: ["officer"],
    page: (f) => `/attempts/${f.own.attemptFinished}/review`,
    foreign: (f) => [`/attempts/${f.other.attempt}/review`],
  },

  "routes/studio._index": studio(() => "/studio"),
  "routes/studio.new": studio(() => "/studio/new", {
    form: {
      samples: (): Fields[] => [
        { ...wizardFields({ title: "Fuzz", module: "listening-on-the-landing" }), intent: "next" },
        wizardFields({ title: "Fuzz", module: "listening-on-the-landing" }),
      ],
    },
  }),
  "routes/studio.import": studio(() => "/studio/import", {
    form: { samples: (f) => [{ file: `id: ${f.scenarioId}\n` }], multipart: true },
  }),
  "routes/studio.validate": studio(() => "/studio/validate", {
    ok: 404, // the editor's checker takes forms only
    form: { samples: (f) => [{ yaml: "id: x\n", scenarioId: f.scenarioId }] },
  }),
  "routes/studio.$scenarioId._index": studio((f) => `/studio/${f.scenarioId}`, { ok: 302 }),
  "routes/studio.$scenarioId.edit": studio((f) => `/studio/${f.scenarioId}/edit`, {
    form: { samples: () => [{ yaml: "id: fuzz\n", revision: "0" }] },
  }),
  "routes/studio.$scenarioId.map": studio((f) => `/studio/${f.scenarioId}/map?version=published`, {
    foreign: (f) => [`/studio/${f.scenarioId}/map?version=published&prison=${f.other.prisonId}`],
  }),
  "routes/studio.$scenarioId.play": studio((f) => `/studio/${f.scenarioId}/play`),
  "routes/studio.$scenarioId.nodes._index": studio((f) => `/studio/${f.scenarioId}/nodes`, {
    form: {
      samples: (): Fields[] => [
        {
          revision: "0",
          intent: "add-node",
          "new.prisoner": "Leave it, boss.",
          "new.talk": "discord",
          "new.id": "fuzz-node",
        },
        { revision: "0", intent: "move-node:1", node: "opening" },
      ],
    },
  }),
  "routes/studio.$scenarioId.nodes.$nodeId._index": studio((f) => `/studio/${f.scenarioId}/nodes/opening`, {
    form: {
      samples: (): Fields[] => [
        { revision: "0", node: "opening", intent: "save", "nodes.opening.prisoner": "Leave it, boss." },
        { revision: "0", node: "opening", intent: "add-choice", "nodes.opening.choices.0.feedback": "Fuzz." },
      ],
    },
  }),
  "routes/studio.$scenarioId.nodes.$nodeId.delete": studio((f) => `/studio/${f.scenarioId}/nodes/opening/delete`, {
    form: { samples: () => [{ revision: "0" }] },
  }),
  "routes/studio.$scenarioId.details": studio((f) => `/studio/${f.scenarioId}/details`, {
    form: {
      samples: (): Fields[] => [
        { revision: "0", intent: "save", title: "Fuzz title", "persona.voice": "Short and flat." },
        { revision: "0", intent: "add-variable", "variable.name": "trust", "variable.value": "1" },
      ],
    },
  }),
  "routes/studio.$scenarioId.history": studio((f) => `/studio/${f.scenarioId}/history`, {
    form: { samples: () => [{ revision: "1", restore: "1" }] },
  }),
  "routes/studio.$scenarioId.publish": studio((f) => `/studio/${f.scenarioId}/publish`, {
    form: { samples: () => [{ revision: "0", changeNote: "Fuzz" }] },
  }),
  // The fixture scenario is published: it cannot be deleted, so even this sample changes nothing.
  "routes/studio.$scenarioId.delete": studio((f) => `/studio/${f.scenarioId}/delete`, {
    form: { samples: () => [{ revision: "0" }] },
  }),
  "routes/studio.$scenarioId.module": studio((f) => `/studio/${f.scenarioId}/module`, {
    form: { samples: () => [{ intent: "retire" }, { intent: "return" }] },
  }),
  "routes/studio.$scenarioId.rollback.$version": studio((f) => `/studio/${f.scenarioId}/rollback/1`, {
    // The fixture scenario has only its first version: there is nothing earlier to roll back to.
    ok: 404,
    form: { samples: () => [{ currentVersionId: "1", changeNote: "Back to the first version" }] },
  }),
  "routes/studio.$scenarioId.export": studio((f) => `/studio/${f.scenarioId}/export`),
  "routes/studio.modules._index": studio(() => "/studio/modules"),
  // The first module cannot move up: even this sample changes nothing.
  // A library module cannot be removed: even this sample changes nothing.
  "routes/studio.modules.$moduleId.remove": studio(() => "/studio/modules/listening-on-the-landing/remove", {
    form: { samples: () => [{ version: "0" }] },
  }),
  "routes/studio.modules.order": studio(() => "/studio/modules/order", {
    form: { samples: (): Fields[] => [{ moduleId: "listening-on-the-landing", direction: "up", order: "stale" }] },
  }),
  "routes/studio.modules.new": studio(() => "/studio/modules/new", {
    form: { samples: () => [{ title: "Fuzz module", summary: "What the fuzz practises." }] },
  }),
  // The library's own words: saving them changes nothing.
  "routes/studio.modules.$moduleId.details": studio(() => "/studio/modules/listening-on-the-landing/details", {
    form: {
      samples: () => [
        {
          version: "0",
          title: "Listening on the landing",
          summary: "Open questions, affirmations, reflections and summaries (OARS) in short wing conversations.",
        },
      ],
    },
  }),
  "routes/studio.modules.$moduleId._index": studio(() => "/studio/modules/listening-on-the-landing", {
    form: {
      samples: (): Fields[] => [
        { intent: "check", version: "0", ...MODULE_FIELDS },
        { intent: "edit", version: "0", ...MODULE_FIELDS },
      ],
    },
  }),
  "routes/studio.reviews._index": studio(() => "/studio/reviews"),
  "routes/studio.reviews.$stepId": studio((f) => `/studio/reviews/${f.own.replyStepId}`, {
    foreign: (f) => [`/studio/reviews/${f.other.replyStepId}`],
    // Showing the form again after a refusal shows the reply again: that opening is audited.
    form: {
      samples: (): Fields[] => [
        { rating: "3", comment: "A fair reflection." },
        { rating: "4", comment: "Adds meaning.", version: "1" },
      ],
      writes: ["audit_events"],
    },
  }),

  "routes/staff": reports("/staff"),
  "routes/staff_.import._index": {
    access: ["manager", "admin"],
    page: () => "/staff/import",
    form: {
      samples: () => [
        { file: `username,name,email,role,prison,wing\nfuzz.officer,Fuzz Officer,,officer,HBK,A wing\n` },
      ],
      multipart: true,
    },
  },
  // Only the person who uploaded a file sees its preview: there is none here.
  "routes/staff_.import.$importId": {
    access: ["manager", "admin"],
    page: () => "/staff/import/999999",
    ok: 404,
    form: "no fields",
  },
  "routes/reports.assignments": reports("/reports/assignments", {
    samples: (f): Fields[] => [
      { moduleId: "all", audience: "wing", unitId: String(f.own.wingId), due: "days", dueDays: "14" },
    ],
  }),
  // The confirmation has no fields (the assignment is in the address), so it is left out of the fuzz.
  "routes/reports.assignments_.$assignmentId.remove": {
    access: ["manager", "admin"],
    page: (f) => `/reports/assignments/${f.own.assignment}/remove?prison=${f.own.prisonId}`,
    foreign: (f) => [`/reports/assignments/${f.other.assignment}/remove?prison=${f.other.prisonId}`],
    form: "no fields",
  },
  "routes/reports._index": reports("/reports"),
  "routes/reports.matrix": reports("/reports/matrix"),
  "routes/reports.wings": reports("/reports/wings"),
  "routes/reports.skills": reports("/reports/skills"),
  "routes/reports.observed": reports("/reports/observed"),
  "routes/reports.trend": reports("/reports/trend"),
  "routes/reports.target": reports("/reports/target", {
    samples: () => [{ percent: "80", ...monthAhead("date") }],
  }),
  "routes/reports.engagement": reports("/reports/engagement", {
    samples: () => [{ month: "2026-01", eligible: "40", notEngaging: "6" }],
  }),
  "routes/reports.exports._index": reports("/reports/exports", "no fields"),
  "routes/reports.exports.matrix[.]csv": reports("/reports/exports/matrix.csv"),
  "routes/reports.exports.attempts[.]csv": reports("/reports/exports/attempts.csv"),
  "routes/reports.exports.statements[.]json": reports("/reports/exports/statements.json"),
  "routes/reports.exports.observations[.]csv": reports("/reports/exports/observations.csv"),
  "routes/reports.officers.$officerId": {
    access: ["manager", "admin"],
    page: (f) => `/reports/officers/${f.own.officerId}?prison=${f.own.prisonId}`,
    foreign: (f) => [`/reports/officers/${f.other.officerId}?prison=${f.other.prisonId}`],
  },

  "routes/admin.audit": admin(() => "/admin/audit"),
  "routes/admin.audit[.]csv": admin(() => "/admin/audit.csv?action=user."),
  "routes/admin.users._index": admin(() => "/admin/users"),
  "routes/admin.users.new": admin(() => "/admin/users/new", {
    samples: (f) => [
      {
        username: "fuzz.person",
        password: NEW_PASSWORD,
        displayName: "Fuzz Person",
        role: "officer",
        establishmentId: String(f.own.prisonId),
        unitId: String(f.own.wingId),
      },
    ],
  }),
  "routes/admin.users.$userId": admin((f) => `/admin/users/${f.own.officerId}`, {
    samples: (f): Fields[] => [
      {
        intent: "edit",
        version: "1",
        displayName: "Sam Okafor",
        role: "officer",
        establishmentId: String(f.own.prisonId),
        unitId: String(f.own.wingId),
      },
      { intent: "reset-password", password: NEW_PASSWORD },
      { intent: "deactivate" },
    ],
  }),
  "routes/admin.prisons._index": admin(() => "/admin/prisons", {
    samples: () => [{ code: "FZZ", name: "HMP Fuzz" }],
  }),
  "routes/admin.prisons.$prisonId._index": admin((f) => `/admin/prisons/${f.own.prisonId}`, {
    samples: (): Fields[] => [
      { intent: "prison", version: "1", code: "HBK", name: "HMP Hollowbrook (renamed)" },
      { intent: "add-unit", name: "D wing", kind: "wing" },
      { intent: "names", version: "1", names: "Mr *\nSmith" },
    ],
  }),
  "routes/admin.prisons.$prisonId.units.$unitId": admin(
    (f) => `/admin/prisons/${f.own.prisonId}/units/${f.own.wingId}`,
    {
      samples: (): Fields[] => [
        { intent: "rename", version: "1", name: "Ash wing", kind: "wing" },
        { intent: "remove" },
      ],
    },
  ),
};

/** Whether `who` may use a route. */
export function allowed(c: RouteCase, who: Who): boolean {
  if (c.access === "public") return true;
  if (who === "anonymous") return false;
  return c.access === "signed-in" || c.access.includes(who);
}
