// The sign-in throttle through the real embedded provider over HTTP: clients connect from
// different loopback addresses (127.0.0.x), as strangers on the network would.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditUserLock } from '../auth/setup.ts';
import { silentLogger } from '../logger.ts';
import { openState, type VigilState } from '../state/index.ts';
import { demoUsers } from './demo-users.ts';
import { startEmbeddedIdp, type EmbeddedIdp } from './index.ts';
import { THROTTLE } from './login-throttle.ts';

const PASSWORD = 'right-password';
let dir: string;
let server: Server;
let idp: EmbeddedIdp;
let state: VigilState;
let origin: string;

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function send(method: string, url: string, from: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${url}`, { method, headers, localAddress: from }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts an authorization request; returns the sign-in form's POST path and its cookies. */
async function signInForm(): Promise<{ action: string; cookie: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const params = new URLSearchParams({
    client_id: idp.clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: `${origin}/auth/callback`,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: 's',
  });
  const started = await send('GET', `/idp/auth?${params}`, '127.0.0.1');
  expect(started.status, started.body).toBe(303);
  const uid = /\/interaction\/([\w-]+)/.exec(started.headers.location ?? '')![1]!;
  const cookie = (started.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  return { action: `/idp/interaction/${uid}/login`, cookie };
}

async function attempt(form: { action: string; cookie: string }, from: string, username: string, password: string): Promise<Answer> {
  const body = new URLSearchParams({ username, password }).toString();
  return send('POST', form.action, from, { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-idp-'));
  state = openState(dir);
  server = createServer((req, res) => idp.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  idp = await startEmbeddedIdp({
    publicUrl: origin,
    apiAudience: `${origin}/api`,
    appOrigins: [origin],
    dataDir: dir,
    users: demoUsers('JBSWY3DPEHPK3PXPVIGILDEMO2FA'),
    demoPassword: PASSWORD,
    accessTokenSeconds: 300,
    logger: silentLogger,
    onUserLocked: auditUserLock(state.audit),
  });
}, 30_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  idp.close();
  state.close();
  await rm(dir, { recursive: true, force: true });
});

describe('sign-in throttle through the embedded provider', () => {
  it('slows down one address guessing, while the right password from another address still signs in', async () => {
    const form = await signInForm();
    for (let i = 0; i <= THROTTLE.pairFreeFailures; i++) {
      const refused = await attempt(form, '127.0.0.2', 'admin', `guess-${i}`);
      expect(refused.status).toBe(401);
    }
    const slowed = await attempt(form, '127.0.0.2', 'admin', PASSWORD);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    expect(slowed.body).toContain('Too many failed attempts from your address');

    const owner = await attempt(form, '127.0.0.3', 'admin', PASSWORD);
    expect(owner.status, owner.body).toBe(303);
  });

  it('locks the account only after many failures from many addresses, and records it in the audit trail', async () => {
    const form = await signInForm();
    let failures = 0;
    for (let host = 10; failures < THROTTLE.userLockFailures; host++) {
      for (let i = 0; i <= THROTTLE.pairFreeFailures && failures < THROTTLE.userLockFailures; i++) {
        expect((await attempt(form, `127.0.0.${host}`, 'manager', `guess-${i}`)).status).toBe(401);
        failures++;
      }
    }
    const locked = await attempt(form, '127.0.0.200', 'manager', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('This account is locked');
    // Other accounts are not affected.
    expect((await attempt(await signInForm(), '127.0.0.200', 'analyst', PASSWORD)).status).toBe(303);

    const records = state.audit.list({ actions: ['signInAccountLocked'], limit: 10 }).records;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ trace_rating: 'incident', resource_name: 'manager' });
  });

  it('answers CORS preflights of the token endpoint for Vigil\'s origin only', async () => {
    const preflight = (from: string) =>
      send('OPTIONS', '/idp/token', '127.0.0.1', { origin: from, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,dpop' });
    const evil = await preflight('https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const own = await preflight(origin);
    expect(own.status).toBeLessThan(300);
    expect(own.headers['access-control-allow-origin']).toBe(origin);
  });
});
