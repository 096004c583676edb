/**
 * Turning the claims a sign-in service vouches for into an Engage identity: username, name,
 * e-mail, role and prison code. Anything Engage cannot use is refused with a message the person
 * can act on; nothing is guessed (no default prison, no role from an unmapped value unless the
 * deployment says officers need none).
 */
export type StaffRole = "officer" | "trainer" | "manager" | "admin";

const ROLE_ORDER: StaffRole[] = ["officer", "trainer", "manager", "admin"];

export interface ClaimRules {
  /** the claim holding roles, a string or an array (default "roles") */
  roleClaim: string;
  /** provider values to Engage roles, e.g. ROLE_ENGAGE_MANAGER -> manager */
  roleMap: Record<string, StaffRole>;
  /** true: someone with no mapped role is refused; false: they are an officer */
  requireRole: boolean;
  /** the claim holding the prison's code (default "prison") */
  prisonClaim: string;
}

export interface Identity {
  subject: string;
  username: string;
  displayName: string;
  email: string | null;
  role: StaffRole;
  prisonCode: string | null;
}

export type ClaimRefusal = "no_subject" | "bad_username" | "no_role" | "no_prison" | "several_prisons";
export type ClaimResult = { ok: true; identity: Identity } | { ok: false; reason: ClaimRefusal; message: string };

const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
const EMAIL = /^[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const ODD = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/gu;

const clean = (v: unknown, max: number) =>
  typeof v === "string" ? v.normalize("NFKC").replace(ODD, "").trim().slice(0, max) : "";

const values = (v: unknown): string[] =>
  (Array.isArray(v) ? v : typeof v === "string" ? v.split(/[\s,]+/) : [])
    .filter((x): x is string => typeof x === "string")
    .map((x) => x.trim())
    .filter(Boolean);

/** The highest Engage role among the claim's values, directly named or mapped. */
export function roleFrom(claim: unknown, rules: Pick<ClaimRules, "roleMap">): StaffRole | null {
  let best = -1;
  for (const value of values(claim)) {
    const direct = ROLE_ORDER.indexOf(value.toLowerCase() as StaffRole);
    const mapped = rules.roleMap[value] ? ROLE_ORDER.indexOf(rules.roleMap[value]) : -1;
    best = Math.max(best, direct, mapped);
  }
  return best < 0 ? null : ROLE_ORDER[best]!;
}

export function mapClaims(claims: Record<string, unknown>, rules: ClaimRules): ClaimResult {
  const subject = typeof claims.sub === "string" ? claims.sub.trim() : "";
  if (!subject || subject.length > 255)
    return { ok: false, reason: "no_subject", message: "The sign-in service did not say who you are." };

  const username = clean(claims.preferred_username, 200) || subject;
  if (!USERNAME.test(username))
    return {
      ok: false,
      reason: "bad_username",
      message: `The sign-in service gave the username "${username.slice(0, 64)}", which Engage cannot use: usernames are 3 to 64 letters, numbers, full stops, hyphens, underscores or @.`,
    };

  const role = roleFrom(claims[rules.roleClaim], rules) ?? (rules.requireRole ? null : "officer");
  if (!role)
    return {
      ok: false,
      reason: "no_role",
      message: "Your work account has no Engage role. Ask your line manager or IT service desk to give you access.",
    };

  const prisons = [...new Set(values(claims[rules.prisonClaim]).map((p) => p.toUpperCase()))];
  if (prisons.length > 1)
    return {
      ok: false,
      reason: "several_prisons",
      message: `Your work account names more than one prison (${prisons.slice(0, 5).join(", ")}). Ask your IT service desk to set the one you work in.`,
    };
  const prisonCode = prisons[0] ? prisons[0].slice(0, 20) : null;
  if (!prisonCode && role !== "admin")
    return {
      ok: false,
      reason: "no_prison",
      message: "Your work account does not say which prison you work in. Ask your IT service desk to set it.",
    };

  const given = [clean(claims.given_name, 60), clean(claims.family_name, 60)].filter(Boolean).join(" ");
  const displayName = clean(claims.name, 120) || given || username;
  const email = clean(claims.email, 254);
  return {
    ok: true,
    identity: { subject, username, displayName, email: EMAIL.test(email) ? email : null, role, prisonCode },
  };
}

/** Reads OIDC_ROLE_MAP ("ROLE_A=manager,ROLE_B=trainer"); every problem is named. */
export function parseRoleMap(
  text: string,
): { ok: true; map: Record<string, StaffRole> } | { ok: false; problem: string } {
  const map: Record<string, StaffRole> = {};
  for (const pair of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [value, role, extra] = pair.split("=").map((p) => p.trim());
    if (!value || !role || extra !== undefined)
      return { ok: false, problem: `"${pair}" is not VALUE=role (for example ROLE_ENGAGE_MANAGER=manager)` };
    if (!ROLE_ORDER.includes(role as StaffRole))
      return { ok: false, problem: `"${role}" is not a role: use officer, trainer, manager or admin` };
    map[value] = role as StaffRole;
  }
  return { ok: true, map };
}
