// The role-to-capability table against who could use each page before it existed (the role lists
// the routes carried), so moving to capabilities changed nobody's access; and the menus built from it.
import { describe, expect, it } from "vitest";
import type { Role } from "~db/schema";
import { can, CAPABILITIES, roleCan, type Capability } from "~/auth/capabilities";
import { navigationFor } from "~/auth/navigation";

const ROLES: Role[] = ["officer", "trainer", "manager", "admin"];

// Who may, as the routes' role lists and role comparisons said before the table.
const BEFORE: Record<Capability, Role[]> = {
  practise: ["officer"], // scenarios, attempts, assigned modules
  chooseWing: ["officer"], // account.wing
  viewOwnRecord: ["officer"], // record, its CSV and JSON, observations of them
  readMessages: ["officer", "trainer", "manager", "admin"], // messages: anyone signed in
  authorScenarios: ["trainer", "admin"], // STUDIO_ROLES
  setCompetencyRules: ["trainer", "admin"], // new with the module settings page (stop 22)
  rateReplies: ["trainer", "admin"], // STUDIO_ROLES on studio.reviews
  observeOfficers: ["trainer", "manager"], // isCoach, plus officers marked as MI coaches
  readObservations: ["trainer", "manager", "admin"], // observationFor's reviewers
  askForObservations: ["manager"], // coaching.requests
  viewReports: ["manager", "admin"], // requireReportScope
  manageStaff: ["manager", "admin"], // staff, staff import
  manageUsers: ["admin"],
  managePrisons: ["admin"],
  readAuditLog: ["admin"],
  seeEveryPrison: ["admin"], // establishmentScope, canSeeEstablishment, report and figures scopes
  passwordWithoutSingleSignOn: ["admin"], // sign-in when passwords are off for everyone else
};

describe("the role-to-capability table", () => {
  for (const capability of Object.keys(CAPABILITIES) as Capability[]) {
    it(`${capability} (${CAPABILITIES[capability]}): ${BEFORE[capability].join(", ")}`, () => {
      expect(ROLES.filter((role) => can({ role }, capability))).toEqual(BEFORE[capability]);
      expect(ROLES.filter((role) => roleCan(role, capability))).toEqual(BEFORE[capability]);
    });
  }

  it("lets officers marked as MI coaches observe, and nothing more", () => {
    const coach = { role: "officer" as const, miCoach: true };
    const granted = (Object.keys(CAPABILITIES) as Capability[]).filter((c) => can(coach, c));
    expect(granted).toEqual(["practise", "chooseWing", "viewOwnRecord", "readMessages", "observeOfficers"]);
    expect(roleCan("officer", "observeOfficers")).toBe(false);
    // The mark means nothing on other roles: an admin marked by mistake still does not observe.
    expect(can({ role: "admin", miCoach: true }, "observeOfficers")).toBe(false);
  });
});

describe("the menu built from it", () => {
  const menu = (role: Role, miCoach = false) => navigationFor({ role, miCoach }).map((l) => l.text);

  it("shows each role the pages of its own work", () => {
    expect(menu("officer")).toEqual(["Home", "My record", "Messages"]);
    expect(menu("officer", true)).toEqual(["Home", "My record", "Messages", "Coaching"]);
    expect(menu("trainer")).toEqual(["Home", "Studio", "Reviews", "Messages", "Coaching"]);
    expect(menu("manager")).toEqual(["Home", "Reports", "Staff", "Messages", "Coaching"]);
    expect(menu("admin")).toEqual(["Home", "Users", "Prisons", "Audit log", "Reports", "Studio"]);
  });

  it("only links pages the person may open", () => {
    for (const role of ROLES) {
      for (const miCoach of [false, true]) {
        for (const link of navigationFor({ role, miCoach })) {
          const capability = LINK_NEEDS[link.href];
          if (capability) expect(can({ role, miCoach }, capability), `${role} ${link.href}`).toBe(true);
        }
      }
    }
  });
});

const LINK_NEEDS: Record<string, Capability | undefined> = {
  "/record": "viewOwnRecord",
  "/admin/users": "manageUsers",
  "/admin/prisons": "managePrisons",
  "/admin/audit": "readAuditLog",
  "/reports": "viewReports",
  "/staff": "manageStaff",
  "/studio": "authorScenarios",
  "/studio/reviews": "rateReplies",
  "/messages": "readMessages",
  "/coaching": "observeOfficers",
};
