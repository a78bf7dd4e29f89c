import { scryptSync, timingSafeEqual, randomBytes } from 'node:crypto';
import type { Role } from '../../contract/index.ts';

export interface DemoUser {
  id: string;
  username: string;
  name: string;
  email: string;
  roles: Role[];
  /** Base32 TOTP secret when the user has a second factor. */
  totpSecret?: string;
}

/** The demo admin's TOTP secret unless VIGIL_DEMO_TOTP_SECRET overrides it (documented in the README). */
export const DEFAULT_DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPVIGILDEMO2FA';

export function demoUsers(totpSecret: string): DemoUser[] {
  return [
    { id: 'u-analyst', username: 'analyst', name: 'Ana Lyst', email: 'analyst@vigil.example', roles: ['analyst'] },
    { id: 'u-admin', username: 'admin', name: 'Ada Admin', email: 'admin@vigil.example', roles: ['admin'], totpSecret },
    { id: 'u-manager', username: 'manager', name: 'Max Manager', email: 'manager@vigil.example', roles: ['manager'] },
    { id: 'u-lead', username: 'lead', name: 'Lee Lead', email: 'lead@vigil.example', roles: ['analyst', 'manager'] },
    { id: 'u-nobody', username: 'nobody', name: 'No Body', email: 'nobody@vigil.example', roles: [] },
  ];
}

/** Password check against a salted scrypt hash made at start, compared in constant time. */
export class PasswordCheck {
  readonly #salt = randomBytes(16);
  readonly #hash: Buffer;

  constructor(password: string) {
    this.#hash = scryptSync(password, this.#salt, 32);
  }

  matches(candidate: string): boolean {
    return timingSafeEqual(scryptSync(candidate, this.#salt, 32), this.#hash);
  }
}
