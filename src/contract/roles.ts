/** Vigil's roles. A user may hold several; they come only from verified token claims. */
export const ROLES = ['analyst', 'admin', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may call an endpoint or open a view. Every endpoint and route must state one:
 * - 'public': anyone, signed in or not (health, sign-in configuration);
 * - a non-empty list of roles: a verified identity holding at least one of them.
 */
export type Access = 'public' | readonly [Role, ...Role[]];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function allows(access: Access, roles: readonly Role[]): boolean {
  return access === 'public' || access.some((role) => roles.includes(role));
}
