import { isRole, type Role } from '../../contract/index.ts';

/**
 * Reads roles from a claim given as a dot path (`roles`, `groups`, `realm_access.roles`). Values
 * that are not Vigil roles are ignored; a missing claim means no role.
 */
export function rolesFromClaims(payload: Record<string, unknown>, claimPath: string): Role[] {
  let value: unknown = payload;
  for (const part of claimPath.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return [...new Set(values.filter((v): v is string => typeof v === 'string').filter(isRole))];
}

export interface MfaPolicy {
  /** `amr` values that count as a second factor. */
  amrValues: readonly string[];
  /** An `acr` value that counts as multi-factor, if the provider reports it that way. */
  acrValue?: string;
}

export function isMultiFactor(payload: Record<string, unknown>, policy: MfaPolicy): boolean {
  const amr = Array.isArray(payload.amr) ? payload.amr : [];
  if (amr.some((method) => typeof method === 'string' && policy.amrValues.includes(method))) return true;
  return policy.acrValue !== undefined && payload.acr === policy.acrValue;
}
