/**
 * Stable pseudonyms for callers who may see trends but not people (managers): a user name or id
 * (often an e-mail address) becomes `user-3f9a2c1d`, an address `ip-81b2e0f4`. They are
 * HMAC-SHA256 with a secret made once per installation and kept in the data folder, so the same
 * person gets the same pseudonym across requests and restarts, while nobody without the secret
 * can test a guessed name against one (a plain hash could be reversed by hashing the user list).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ipPseudonym, userPseudonym } from '../../contract/index.ts';
import type { TraceFilter } from '../storage/ports.ts';

export const MASKING_SECRET_FILE = 'masking-secret';
// 8 hex digits: the contract's userPseudonym / ipPseudonym shapes.
const PSEUDONYM_HEX = 8;

export type PseudonymKind = 'user' | 'ip';

/** Reads the installation's masking secret, creating it (mode 0600) on first use. */
export function loadMaskingSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, MASKING_SECRET_FILE);
  try {
    return parseSecret(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': if another process created it meanwhile, keep theirs rather than overwrite.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseSecret(readFileSync(file, 'utf8'), file);
}

function parseSecret(text: string, file: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} does not hold a 64-digit hex secret; remove it to create a new one (pseudonyms will change)`);
  return Buffer.from(hex, 'hex');
}

export class Pseudonymizer {
  readonly #secret: Buffer;
  // Pseudonyms are recomputed often for the same few thousand values (reverse lookups).
  readonly #memo = new Map<string, string>();

  constructor(secret: Buffer) {
    if (secret.length < 16) throw new Error('masking secret must have at least 16 bytes');
    this.#secret = secret;
  }

  pseudonym(kind: PseudonymKind, value: string): string {
    const key = `${kind}:${value}`;
    let result = this.#memo.get(key);
    if (result === undefined) {
      result = `${kind}-${createHmac('sha256', this.#secret).update(key).digest('hex').slice(0, PSEUDONYM_HEX)}`;
      if (this.#memo.size > 200_000) this.#memo.clear();
      this.#memo.set(key, result);
    }
    return result;
  }

  user(value: string): string {
    return value === '' ? '' : this.pseudonym('user', value);
  }

  ip(value: string): string {
    // IPv6 text is case-insensitive; one address, one pseudonym.
    return value === '' ? '' : this.pseudonym('ip', value.toLowerCase());
  }

}

export function isPseudonym(kind: PseudonymKind, value: string): boolean {
  return (kind === 'user' ? userPseudonym : ipPseudonym).test(value);
}

/**
 * Replaces pseudonyms in the user and source_ip filters by the names and addresses they stand
 * for (any caller may use them, e.g. from a link a manager shared). `matchesNothing` is set when
 * a filter held only pseudonyms of nobody stored: the filter must then match no trace at all.
 */
export async function resolvePseudonyms(
  filter: TraceFilter,
  pseudonyms: Pseudonymizer,
  actors: () => Promise<{ users: string[]; sourceIps: string[] }>,
): Promise<{ filter: TraceFilter; matchesNothing: boolean }> {
  const userAliases = filter.users.filter((value) => isPseudonym('user', value));
  const ipAliases = filter.sourceIps.filter((value) => isPseudonym('ip', value));
  if (userAliases.length === 0 && ipAliases.length === 0) return { filter, matchesNothing: false };
  const known = await actors();
  const resolve = (values: string[], aliases: string[], candidates: string[], kind: PseudonymKind) => {
    const wanted = new Set(aliases);
    const real = values.filter((value) => !wanted.has(value));
    const aliasOf = (candidate: string) => (kind === 'user' ? pseudonyms.user(candidate) : pseudonyms.ip(candidate));
    const found = candidates.filter((candidate) => wanted.has(aliasOf(candidate)));
    return [...new Set([...real, ...found])];
  };
  const users = resolve(filter.users, userAliases, known.users, 'user');
  const sourceIps = resolve(filter.sourceIps, ipAliases, known.sourceIps, 'ip');
  const emptied = (filter.users.length > 0 && users.length === 0) || (filter.sourceIps.length > 0 && sourceIps.length === 0 && filter.networks.length === 0);
  return { filter: { ...filter, users, sourceIps }, matchesNothing: emptied };
}
