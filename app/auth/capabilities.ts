// What each role may do, in one table. The guard checks a page's capability against it
// (requireUser(request, context, { can })) and the service navigation lists links from it, so
// access and menu cannot drift apart. Pure and client-safe. Which prison's records someone sees is
// the guard's other half (establishmentScope, canSeeEstablishment), led by "seeEveryPrison" here.
import type { Role } from "~db/schema";

/** Everything a page can require, in the words of the people who do it. */
export const CAPABILITIES = {
  practise: "practise scenarios",
  chooseWing: "choose the wing they work on",
  viewOwnRecord: "see and download their own record and the observations of them",
  readMessages: "read the messages Engage sent them",
  authorScenarios: "write, publish and retire scenarios",
  setCompetencyRules: "add, reword, reorder and remove modules, and change what each asks for competency",
  rateReplies: "rate officers' written replies",
  observeOfficers: "observe officers as an MI coach",
  readObservations: "read the recorded observations of their prison's officers",
  askForObservations: "ask coaches to observe officers",
  viewReports: "see training reports",
  manageStaff: "see their prison's staff and import changes to it",
  manageUsers: "manage users",
  managePrisons: "manage prisons and their wings",
  readAuditLog: "read and export the audit log",
  seeEveryPrison: "work across every prison",
  passwordWithoutSingleSignOn: "sign in with an Engage password when everyone else must use their work account",
} as const;

export type Capability = keyof typeof CAPABILITIES;

/**
 * How a role holds a capability. "menu": part of the role's own work, with a link in its service
 * navigation where the capability has one. "may": allowed and reached from other pages (an admin
 * overseeing others' work). "mi coach": only for those an admin has marked as MI coaches.
 */
type Grant = "menu" | "may" | "mi coach";

const ROLE_CAPABILITIES: Record<Role, Partial<Record<Capability, Grant>>> = {
  officer: {
    practise: "may",
    chooseWing: "may",
    viewOwnRecord: "menu",
    readMessages: "menu",
    observeOfficers: "mi coach",
  },
  trainer: {
    authorScenarios: "menu",
    setCompetencyRules: "may",
    rateReplies: "menu",
    readMessages: "menu",
    observeOfficers: "menu",
    readObservations: "may",
  },
  manager: {
    viewReports: "menu",
    manageStaff: "menu",
    readMessages: "menu",
    observeOfficers: "menu",
    readObservations: "may",
    askForObservations: "may",
  },
  admin: {
    manageUsers: "menu",
    managePrisons: "menu",
    readAuditLog: "menu",
    viewReports: "menu",
    authorScenarios: "menu",
    setCompetencyRules: "may",
    manageStaff: "may",
    rateReplies: "may",
    readMessages: "may",
    readObservations: "may",
    seeEveryPrison: "may",
    passwordWithoutSingleSignOn: "may",
  },
};

/** Who is asking: their role, and whether an admin has marked them as an MI coach. */
export interface Holder {
  role: Role;
  miCoach?: boolean;
}

function holds(grant: Grant | undefined, who: Holder): boolean {
  return grant === "mi coach" ? who.miCoach === true : grant !== undefined;
}

/** Whether this person may do this. */
export function can(who: Holder, capability: Capability): boolean {
  return holds(ROLE_CAPABILITIES[who.role][capability], who);
}

/** Whether everyone with this role may do this, whatever else is marked on their account. */
export function roleCan(role: Role, capability: Capability): boolean {
  const grant = ROLE_CAPABILITIES[role][capability];
  return grant === "menu" || grant === "may";
}

/** Whether this capability is part of this person's own work: its page is in their menu. */
export function inMenuOf(who: Holder, capability: Capability): boolean {
  const grant = ROLE_CAPABILITIES[who.role][capability];
  return grant !== "may" && holds(grant, who);
}
