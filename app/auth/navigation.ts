// The service navigation: each role's links come from the role-to-capability table, in this
// order. Pages check access themselves (the guard, with the same table); this only lists links.
import { inMenuOf, type Capability, type Holder } from "~/auth/capabilities";

export interface NavItem {
  href: string;
  text: string;
}

const LINKS: (NavItem & { can?: Capability })[] = [
  { href: "/", text: "Home" },
  { href: "/record", text: "My record", can: "viewOwnRecord" },
  { href: "/admin/users", text: "Users", can: "manageUsers" },
  { href: "/admin/prisons", text: "Prisons", can: "managePrisons" },
  { href: "/admin/audit", text: "Audit log", can: "readAuditLog" },
  { href: "/reports", text: "Reports", can: "viewReports" },
  { href: "/staff", text: "Staff", can: "manageStaff" },
  { href: "/studio", text: "Studio", can: "authorScenarios" },
  { href: "/studio/reviews", text: "Reviews", can: "rateReplies" },
  { href: "/messages", text: "Messages", can: "readMessages" },
  { href: "/coaching", text: "Coaching", can: "observeOfficers" },
];

/** The links of this person's own work. */
export function navigationFor(who: Holder): NavItem[] {
  return LINKS.filter((link) => link.can === undefined || inMenuOf(who, link.can)).map(({ href, text }) => ({
    href,
    text,
  }));
}
