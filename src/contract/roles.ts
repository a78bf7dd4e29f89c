/** Vigil's roles. A user may hold several; they come only from verified token claims. */
export const ROLES = ['analyst', 'admin', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may call an endpoint or open a view. Every endpoint and route must state one:
 * - 'public': anyone, signed in or not (health, sign-in configuration);
 * - 'authenticated': any verified identity, even one without a Vigil role (who am I);
 * - a non-empty list of roles: a verified identity holding at least one of them.
 */
export type Access = 'public' | 'authenticated' | readonly [Role, ...Role[]];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a caller with `roles` may pass `access` (`signedIn`: a verified identity is present). */
export function allows(access: Access, roles: readonly Role[], signedIn = true): boolean {
  if (access === 'public') return true;
  if (!signedIn) return false;
  return access === 'authenticated' || access.some((role) => roles.includes(role));
}
