import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../storage/embedded/sqlite.ts';
import { ApiTokens } from './api-tokens.ts';
import { openStateDb } from './state-db.ts';

let dir: string;
let db: Database;
let clock: number;
let tokens: ApiTokens;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-tokens-'));
  db = openStateDb(dir);
  clock = 1_800_000_000_000;
  tokens = new ApiTokens(db, () => clock);
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('API tokens', () => {
  it('creates a token whose secret works once shown and is stored only as a hash', async () => {
    const { token, secret } = tokens.create({ name: 'ci export', role: 'analyst', expiresInDays: 30 }, 'Ada Admin');
    expect(secret).toMatch(/^vgl_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'ci export', role: 'analyst', createdBy: 'Ada Admin', revokedAt: null });
    const stored = JSON.stringify(db.prepare('SELECT * FROM api_tokens').all());
    expect(stored).not.toContain(secret);
    expect(await tokens.verify(secret)).toEqual({
      ok: true,
      principal: { subject: `token:${token.id}`, name: 'API token "ci export"', roles: ['analyst'], kind: 'api-token', multiFactor: false },
    });
    expect(tokens.list()[0]?.lastUsedAt).toBe(clock);
  });

  it('refuses unknown, revoked and expired tokens', async () => {
    const { token, secret } = tokens.create({ name: 'a', role: 'admin', expiresInDays: 1 }, 'x');
    expect(await tokens.verify('vgl_not-a-real-token')).toEqual({ ok: false, reason: 'unknown_api_token' });
    clock += 86_400_000;
    expect(await tokens.verify(secret)).toEqual({ ok: false, reason: 'api_token_expired' });
    clock -= 1000;
    expect((await tokens.verify(secret)).ok).toBe(true);
    tokens.revoke(token.id);
    expect(await tokens.verify(secret)).toEqual({ ok: false, reason: 'unknown_api_token' });
    expect(tokens.get(token.id)?.revokedAt).toBe(clock);
    expect(tokens.revoke('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
