import { ROLES, type RoleName } from "./permissions";

/**
 * Which role a new single-sign-on user gets, from a claim of the identity provider (by default
 * `groups`): OIDC_ROLE_MAP="sre-leads=approver,sre=editor" maps group names to roles; the highest
 * role among the user's groups wins; no matching group → OIDC_DEFAULT_ROLE (viewer unless set).
 * Applied when the SSO user is first created; later role changes are the admins' (Admin → Users).
 */
export type SsoRoleConfig = { claim: string; map: Record<string, RoleName>; defaultRole: RoleName };

const isRole = (v: string): v is RoleName => (ROLES as readonly string[]).includes(v);

/** Parses OIDC_ROLE_MAP; throws naming the bad entry. */
export function parseRoleMap(raw: string | undefined): Record<string, RoleName> {
  const out: Record<string, RoleName> = {};
  for (const entry of (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf("=");
    const group = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim();
    if (at <= 0 || !group || !isRole(role))
      throw new Error(`OIDC_ROLE_MAP: "${entry}" must be group=role with role one of ${ROLES.join(", ")}`);
    out[group] = role;
  }
  return out;
}

export function parseRole(name: string, raw: string | undefined, fallback: RoleName): RoleName {
  const v = raw?.trim();
  if (!v) return fallback;
  if (!isRole(v)) throw new Error(`${name} must be one of ${ROLES.join(", ")}`);
  return v;
}

/** The role for a profile's claims (a list or one string; anything else counts as no groups). */
export function roleForClaims(claims: Record<string, unknown>, cfg: SsoRoleConfig): RoleName {
  const value = claims[cfg.claim];
  const groups = Array.isArray(value)
    ? value.filter((g): g is string => typeof g === "string")
    : typeof value === "string"
      ? [value]
      : [];
  let best: RoleName | null = null;
  for (const g of groups) {
    const role = cfg.map[g];
    if (role && (best === null || ROLES.indexOf(role) > ROLES.indexOf(best))) best = role;
  }
  return best ?? cfg.defaultRole;
}
