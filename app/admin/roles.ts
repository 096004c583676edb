// Roles in the words users see. Shared by server checks and forms.
import type { Role } from "~db/schema";

export const ROLES: { value: Role; label: string; hint: string }[] = [
  { value: "officer", label: "Officer", hint: "Practises scenarios and sees their own record" },
  { value: "trainer", label: "Trainer", hint: "Writes scenarios and reviews officers' written replies" },
  { value: "manager", label: "Manager", hint: "Sees training reports for their prison" },
  { value: "admin", label: "Administrator", hint: "Manages prisons, users and the audit log" },
];
export const ROLE_VALUES = ROLES.map((r) => r.value) as [Role, ...Role[]];
export const roleLabel = (role: Role) => ROLES.find((r) => r.value === role)?.label ?? role;
