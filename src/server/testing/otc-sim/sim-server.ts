/**
 * An OTC API simulator for Vigil's tests and demos: test infrastructure built from the LTS/CTS/SMN
 * API documentation, not Open Telekom Cloud itself. It verifies AK/SK signatures (and locks a key
 * after 5 failures for 5 minutes), checks the project id, enforces the documented LTS read rates
 * (per account, group and stream, per minute) and the 5,000-row and 1 MB limits, answers with LTS's
 * error bodies, and can be told to fail: `POST /__sim/fault {"mode":"dead"|"5xx"|"hang"|"slow"|"none"}`.
 * With an IAM user configured it also issues tokens (sim-iam.ts) and accepts them instead of a signature.
 * Control endpoints under /__sim are unsigned (loopback test use only).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { verifyRequest } from '../../storage/otc/signing.ts';
import type { MemoryTenant } from './memory-tenant.ts';
import { listTraces } from './sim-cts.ts';
import { SimIam, type SimIamUser } from './sim-iam.ts';
import { keywordCount, listGroups, listStreams, ltsError, queryContent, type SimReply } from './sim-lts.ts';

export interface SimLimits {
  accountReadsPerMin: number;
  groupReadsPerMin: number;
  streamReadsPerMin: number;
}

/** LTS's published read limits (constraints page). */
export const DOCUMENTED_LIMITS: SimLimits = { accountReadsPerMin: 100, groupReadsPerMin: 50, streamReadsPerMin: 10 };

export type FaultMode = 'none' | 'dead' | '5xx' | 'hang' | 'slow';

export interface SimOptions {
  tenant: MemoryTenant;
  region: string;
  projectId: string;
  ak: string;
  sk: string;
  limits: SimLimits;
  /** An IAM user that may obtain tokens (`POST /v3/auth/tokens`); without it only AK/SK works. */
  iam?: SimIamUser;
  /** Number this region's lines differently from another region's replica (lineNumShift). */
  lineNumSalt?: string;
  now?: () => number;
}

export interface SimStats {
  requests: number;
  byPath: Record<string, number>;
  throttled: number;
  refusedSignatures: number;
  /** Calls refused for an expired, revoked or unknown X-Auth-Token. */
  refusedTokens: number;
  tokensIssued: number;
  published: { topic: string; subject: string; message: string }[];
}

export interface Simulator {
  server: Server;
  stats: SimStats;
  setFault(mode: FaultMode, delayMs?: number): void;
}

const json = (res: ServerResponse, reply: SimReply, extra: Record<string, string> = {}) => {
  res.writeHead(reply.status, { 'content-type': 'application/json;charset=UTF-8', ...extra });
  res.end(reply.status === 204 ? undefined : JSON.stringify(reply.body));
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 12 * 1024 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

class Window {
  readonly #hits = new Map<string, number[]>();
  /** Records a hit unless `key` already had `max` in the last minute; returns ms until a slot frees, or 0. */
  take(key: string, max: number, now: number): number {
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > now - 60_000);
    this.#hits.set(key, hits);
    if (hits.length >= max) return hits[0]! + 60_000 - now;
    hits.push(now);
    return 0;
  }
}

export function createSimulator(options: SimOptions): Simulator {
  const now = options.now ?? Date.now;
  const stats: SimStats = { requests: 0, byPath: {}, throttled: 0, refusedSignatures: 0, refusedTokens: 0, tokensIssued: 0, published: [] };
  const iam = new SimIam(options.iam ?? null, options.projectId);
  let fault: FaultMode = 'none';
  let faultDelay = 2000;
  const window = new Window();
  const failures = new Map<string, { count: number; lockedUntil: number }>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const body = await readBody(req);
    if (url.pathname.startsWith('/__sim/')) return control(url, req.method ?? 'GET', body, res);

    if (fault === 'dead') return void req.socket.destroy();
    if (fault === 'hang') return; // never answers; the client's timeout decides
    if (fault === 'slow') await new Promise((r) => setTimeout(r, faultDelay));
    if (fault === '5xx') return json(res, ltsError(503, 'LTS.0010', 'Service unavailable (simulated fault)'));

    stats.requests++;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    if (url.pathname === '/v3/auth/tokens' && req.method === 'POST') {
      const { reply, token } = iam.issue(body, now());
      stats.tokensIssued = iam.issued;
      return json(res, reply, token ? { 'x-subject-token': token } : {});
    }
    const token = headers.get('x-auth-token');
    if (token !== null) {
      const verdict = iam.check(token, now());
      if (verdict !== 'ok') {
        stats.refusedTokens++;
        return json(res, { status: 401, body: verdict === 'expired' ? { error_code: 'APIG.0307', error_msg: 'The token must be updated.' } : { error_code: 'LTS.0003', error_msg: 'Invalid token' } });
      }
      const reply = route(req.method ?? 'GET', url, body);
      if (reply.status === 429) stats.throttled++;
      return json(res, reply, { 'x-request-id': randomUUID() });
    }
    const akHint = /Access=([^,\s]+)/.exec(headers.get('authorization') ?? '')?.[1] ?? '';
    const lock = failures.get(akHint);
    if (lock && lock.lockedUntil > now()) return json(res, { status: 401, body: { error_code: 'APIG.0303', error_msg: 'The AK is locked after repeated authentication failures; try again later' } });
    const verdict = verifyRequest({ method: req.method ?? 'GET', url: url.toString(), headers, body }, (ak) => (ak === options.ak ? options.sk : null), new Date(now()));
    if (!verdict.ok) {
      stats.refusedSignatures++;
      const entry = failures.get(akHint) ?? { count: 0, lockedUntil: 0 };
      entry.count++;
      if (entry.count >= 5) entry.lockedUntil = now() + 5 * 60_000;
      failures.set(akHint, entry);
      return json(res, { status: 401, body: { error_code: 'APIG.0303', error_msg: `Incorrect app authentication information: ${verdict.reason}` } });
    }
    failures.delete(akHint);
    const reply = route(req.method ?? 'GET', url, body);
    if (reply.status === 429) stats.throttled++;
    json(res, reply, { 'x-request-id': randomUUID() });
  };

  const route = (method: string, url: URL, bodyText: string): SimReply => {
    const parts = url.pathname.split('/').filter(Boolean);
    const [version, project, ...rest] = parts;
    const key = `${method} /${version}/${rest.map((p, i) => (i % 2 === 1 && rest[0] !== 'lts' ? ':id' : p)).join('/')}`;
    stats.byPath[key] = (stats.byPath[key] ?? 0) + 1;
    if (project !== options.projectId) return ltsError(403, 'LTS.0001', 'Invalid projectId');
    let body: Record<string, unknown> = {};
    if (bodyText) {
      try {
        body = JSON.parse(bodyText) as Record<string, unknown>;
      } catch {
        return ltsError(400, 'LTS.0009', 'The request body is not valid JSON');
      }
    }
    const p = rest.join('/');
    if (version === 'v2' && method === 'GET' && p === 'groups') return listGroups(options.tenant);
    let m = /^groups\/([^/]+)\/streams$/.exec(p);
    if (version === 'v2' && method === 'GET' && m) return listStreams(options.tenant, m[1]!);
    m = /^groups\/([^/]+)\/streams\/([^/]+)\/content\/query$/.exec(p);
    if (version === 'v2' && method === 'POST' && m) {
      const wait = throttle(m[1]!, m[2]!);
      return wait ?? queryContent(options.tenant, m[1]!, m[2]!, body, options.lineNumSalt);
    }
    if (version === 'v2' && method === 'POST' && p === 'lts/keyword-count') {
      const wait = throttle(String(body.group_id ?? ''), String(body.stream_id ?? ''));
      return wait ?? keywordCount(options.tenant, body);
    }
    if (version === 'v3' && method === 'GET' && p === 'traces') return listTraces(options.tenant, url.searchParams, now());
    m = /^notifications\/topics\/([^/]+)\/publish$/.exec(p);
    if (version === 'v2' && method === 'POST' && m) {
      if (typeof body.message !== 'string' || body.message.length === 0) return { status: 400, body: { error_code: 'SMN.00010008', error_msg: 'message is required' } };
      stats.published.push({ topic: decodeURIComponent(m[1]!), subject: String(body.subject ?? ''), message: body.message });
      return { status: 200, body: { request_id: randomUUID().replace(/-/g, ''), message_id: randomUUID().replace(/-/g, '') } };
    }
    return ltsError(404, 'LTS.0009', `No such API: ${method} ${url.pathname}`);
  };

  const throttle = (groupId: string, streamId: string): SimReply | null => {
    const t = now();
    const { accountReadsPerMin, groupReadsPerMin, streamReadsPerMin } = options.limits;
    // (A refused stream read does not use up the group's or account's quota.)
    let wait = window.take(`s:${streamId}`, streamReadsPerMin, t);
    if (wait === 0) wait = window.take(`g:${groupId}`, groupReadsPerMin, t);
    if (wait === 0) wait = window.take('account', accountReadsPerMin, t);
    return wait > 0 ? { status: 429, body: { error_code: 'APIG.0308', error_msg: 'The request is throttled.' } } : null;
  };

  const control = (url: URL, method: string, body: string, res: ServerResponse) => {
    if (url.pathname === '/__sim/fault' && method === 'POST') {
      const parsed = JSON.parse(body || '{}') as { mode?: FaultMode; delayMs?: number };
      fault = parsed.mode ?? 'none';
      faultDelay = parsed.delayMs ?? faultDelay;
      return json(res, { status: 200, body: { mode: fault } });
    }
    if (url.pathname === '/__sim/revoke-tokens' && method === 'POST') return json(res, { status: 200, body: { revoked: iam.revokeAll() } });
    if (url.pathname === '/__sim/stats') return json(res, { status: 200, body: { region: options.region, fault, ...stats } });
    if (url.pathname === '/__sim/info') {
      return json(res, { status: 200, body: { region: options.region, projectId: options.projectId, note: 'OTC API simulator for tests, built from the documentation' } });
    }
    return json(res, { status: 404, body: { error: 'unknown control endpoint' } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, ltsError(500, 'LTS.0010', error instanceof Error ? error.message : 'internal error'));
    });
  });
  return {
    server,
    stats,
    setFault(mode, delayMs) {
      fault = mode;
      if (delayMs !== undefined) faultDelay = delayMs;
    },
  };
}
