import { describe, expect, it } from 'vitest';
import { isMultiFactor, rolesFromClaims } from './claims.ts';

describe('rolesFromClaims', () => {
  it('reads a plain array claim and drops values that are not Vigil roles', () => {
    expect(rolesFromClaims({ roles: ['admin', 'superuser', 'analyst', 'admin'] }, 'roles')).toEqual(['admin', 'analyst']);
  });
  it("follows a dot path such as Keycloak's realm_access.roles", () => {
    expect(rolesFromClaims({ realm_access: { roles: ['manager', 'offline_access'] } }, 'realm_access.roles')).toEqual(['manager']);
  });
  it('accepts a space- or comma-separated string', () => {
    expect(rolesFromClaims({ groups: 'analyst, manager' }, 'groups')).toEqual(['analyst', 'manager']);
  });
  it('treats a missing or odd claim as no role', () => {
    expect(rolesFromClaims({}, 'roles')).toEqual([]);
    expect(rolesFromClaims({ roles: { admin: true } }, 'roles')).toEqual([]);
    expect(rolesFromClaims({ realm_access: null }, 'realm_access.roles')).toEqual([]);
  });
});

describe('isMultiFactor', () => {
  const policy = { amrValues: ['otp', 'mfa'], acrValue: 'urn:vigil:mfa' };
  it('is true when amr names a second factor or acr says multi-factor', () => {
    expect(isMultiFactor({ amr: ['pwd', 'otp'] }, policy)).toBe(true);
    expect(isMultiFactor({ amr: ['pwd'], acr: 'urn:vigil:mfa' }, policy)).toBe(true);
  });
  it('is false for a password-only sign-in', () => {
    expect(isMultiFactor({ amr: ['pwd'], acr: 'urn:vigil:pwd' }, policy)).toBe(false);
    expect(isMultiFactor({}, policy)).toBe(false);
  });
});
