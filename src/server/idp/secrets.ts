import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface IdpSecrets {
  signingKey: JWK;
  cookieKeys: string[];
}

/**
 * The embedded provider's signing key and cookie keys, kept in the data folder (mode 0600) so a
 * restart keeps issued tokens and sessions valid. Created on first start.
 */
export async function loadIdpSecrets(dataDir: string): Promise<IdpSecrets> {
  const file = path.join(dataDir, 'idp-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as IdpSecrets;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `vigil-${Date.now().toString(36)}` };
  const secrets: IdpSecrets = { signingKey, cookieKeys: [randomBytes(32).toString('base64url')] };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/** The public half of a signing key, for verifying tokens. */
export function publicJwk(key: JWK): JWK {
  const { kty, n, e, crv, x, y, kid, alg, use } = key;
  return Object.fromEntries(Object.entries({ kty, n, e, crv, x, y, kid, alg, use }).filter(([, v]) => v !== undefined));
}
