// The service navigation each role sees. Pages check access themselves; this only lists links.
import type { Role } from "~db/schema";

export interface NavItem {
  href: string;
  text: string;
}

const NAVIGATION: Record<Role, NavItem[]> = {
  officer: [
    { href: "/", text: "Home" },
    { href: "/record", text: "My record" },
    { href: "/messages", text: "Messages" },
  ],
  trainer: [
    { href: "/", text: "Home" },
    { href: "/studio", text: "Studio" },
    { href: "/studio/reviews", text: "Reviews" },
    { href: "/messages", text: "Messages" },
  ],
  manager: [
    { href: "/", text: "Home" },
    { href: "/reports", text: "Reports" },
    { href: "/staff", text: "Staff" },
    { href: "/messages", text: "Messages" },
  ],
  admin: [
    { href: "/", text: "Home" },
    { href: "/admin/users", text: "Users" },
    { href: "/admin/prisons", text: "Prisons" },
    { href: "/admin/audit", text: "Audit log" },
    { href: "/reports", text: "Reports" },
    { href: "/studio", text: "Studio" },
  ],
};

const COACHING: NavItem = { href: "/coaching", text: "Coaching" };

/** The role's links, and Coaching for MI coaches. */
export function navigationFor(role: Role, { coach = false }: { coach?: boolean } = {}): NavItem[] {
  return coach ? [...NAVIGATION[role], COACHING] : NAVIGATION[role];
}
