import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { allows, endpoints, type Endpoint, type EndpointName } from '../../contract/index.ts';
import type { Authenticator, Principal } from '../auth/principal.ts';
import { SignInRecorder } from '../auth/sign-in-recorder.ts';
import type { AuditEvent, AuditTrail } from '../state/audit-trail.ts';
import type { AppEnv } from './app-env.ts';
import type { Handlers, JsonEndpointName, RequestAuditEvent, RequestContext, StreamContext, StreamedEndpointName, StreamHandlers } from './handlers.ts';
import { AddressLimiter } from './address-limiter.ts';
import { redactTokens } from './request-log.ts';
import { HttpError } from './http-error.ts';
import { jsonBody, parseInput, queryRecord } from './input.ts';

const noInput = z.strictObject({});

export interface GuardDeps {
  authenticate: Authenticator;
  audit: AuditTrail;
  /** Origin users reach Vigil at; DPoP proofs name it. */
  publicUrl: string;
  /** Requests without valid credentials per address and minute (default 120). */
  anonymousPerMinute?: number;
}

/** What a guarded request carries on to its handler: validated input and the request context. */
export interface GuardedRequest {
  input: { params: unknown; query: unknown; body: unknown };
  ctx: StreamContext;
}

/**
 * The one way a request reaches a handler: authenticate, enforce the endpoint's access (refusals
 * are audited), note a session's first request as its sign-in, validate input. Used for the JSON
 * endpoints below and for streamed ones (streamEndpoint), so both enforce roles the same way.
 */
export function createEndpointGuard(deps: GuardDeps): (c: Context<AppEnv>, endpoint: Endpoint) => Promise<GuardedRequest> {
  const signIns = new SignInRecorder();
  const anonymous = new AddressLimiter(deps.anonymousPerMinute ?? 120, 60_000);
  return async (c, endpoint) => {
    const where = requestFacts(c);
    const record = (principal: Principal | null, event: RequestAuditEvent) => deps.audit.append({ ...event, ...where, actor: actorOf(principal) });
    // Refusals repeat (scanners, expired sessions polling): repeats become one record with a count.
    const recordRefusal = (event: RequestAuditEvent) => deps.audit.appendRepeatable({ ...event, ...where, actor: actorOf(null) });

    const principal = await authorize(c, endpoint, deps, recordRefusal, anonymous, where.sourceIp);
    if (principal?.kind === 'user' && principal.sessionId && signIns.firstSight(principal.sessionId)) {
      record(principal, {
        action: 'signIn',
        resource: { type: 'session', id: principal.sessionId },
        code: 200,
        request: { roles: principal.roles, multiFactor: principal.multiFactor },
      });
    }
    const input = {
      params: parseInput(endpoint.params ?? z.object({}), c.req.param(), 'params'),
      query: parseInput(endpoint.query ?? noInput, singleValued(endpoint.query ?? noInput, queryRecord(c)), 'query'),
      body: endpoint.body ? parseInput(endpoint.body, await jsonBody(c), 'body') : undefined,
    };
    const ctx: StreamContext = {
      principal,
      signal: c.req.raw.signal,
      ip: where.sourceIp,
      userAgent: where.userAgent,
      headers: c.req.raw.headers,
      audit: (event) => record(principal, event),
    };
    return { input, ctx };
  };
}

type Guard = ReturnType<typeof createEndpointGuard>;

/**
 * A parameter given more than once where the endpoint takes one value is a 400 that names it
 * (the schema alone would only say "expected number, received array").
 */
function singleValued(schema: z.ZodType, record: Record<string, string | string[]>): Record<string, string | string[]> {
  if (!(schema instanceof z.ZodObject)) return record;
  for (const [key, value] of Object.entries(record)) {
    const field = (schema.shape as Record<string, z.ZodType | undefined>)[key];
    if (!Array.isArray(value) || !field) continue;
    if (!field.safeParse(value).success && !field.safeParse([value[0]]).success) {
      const message = `given ${value.length} times; this parameter takes one value`;
      throw new HttpError('validation_failed', `invalid query: query.${key}: ${message}`, { issues: [{ path: `query.${key}`, message }] });
    }
  }
  return record;
}

/** Mounts every JSON endpoint of the contract: guard, run the handler, validate the output against the contract, answer JSON. */
export function registerEndpoints(app: Hono<AppEnv>, { handlers, guard }: { handlers: Handlers; guard: Guard }): void {
  for (const name of Object.keys(endpoints) as EndpointName[]) {
    const endpoint: Endpoint = endpoints[name];
    // Streamed endpoints are mounted by their own routes (streamEndpoint), before these.
    if (endpoint.streamed) continue;
    const handler = handlers[name as JsonEndpointName] as (input: unknown, ctx: RequestContext) => Promise<unknown>;
    app.on(endpoint.method, endpoint.path, async (c) => {
      const { input, ctx } = await guard(c, endpoint);
      const output = endpoint.output.parse(await handler(input, ctx));
      const status = endpoint.status ?? 200;
      if (endpoint.etag) c.header('ETag', (output as { etag: string }).etag);
      return status === 204 ? c.body(null, 204) : c.json(output as object, status);
    });
  }
}

/** Mounts the streamed endpoints behind the same guard; their handlers answer with a streaming Response. */
export function registerStreamEndpoints(app: Hono<AppEnv>, { streams, guard }: { streams: StreamHandlers; guard: Guard }): void {
  for (const name of Object.keys(streams) as StreamedEndpointName[]) {
    const endpoint: Endpoint = endpoints[name];
    const handler = streams[name] as (input: unknown, ctx: StreamContext) => Promise<Response>;
    app.on(endpoint.method, endpoint.path, async (c) => {
      const { input, ctx } = await guard(c, endpoint);
      return handler(input, ctx);
    });
  }
}

async function authorize(
  c: Context<AppEnv>,
  endpoint: Endpoint,
  deps: GuardDeps,
  recordRefusal: (event: RequestAuditEvent) => void,
  anonymous: AddressLimiter,
  address: string,
): Promise<Principal | null> {
  const outcome = await deps.authenticate({ method: c.req.method, url: `${deps.publicUrl}${c.req.path}`, headers: c.req.raw.headers });
  // Public endpoints (health, sign-in configuration) are cheap and never audited: not counted.
  if (!outcome.ok && endpoint.access !== 'public') {
    const wait = anonymous.hit(address);
    if (wait !== null) {
      const error = new HttpError(
        'rate_limited',
        `too many requests without valid credentials from this address (more than ${anonymous.limit} a minute); retry in ${wait} s`,
        { reason: 'anonymous_rate', retryAfterSeconds: wait },
        { retryAfterSeconds: wait },
      );
      recordRefusal({
        action: 'refusedRequest',
        resource: { type: 'endpoint', name: `${endpoint.method} ${endpoint.path}` },
        code: error.status,
        message: error.message,
        request: { reason: 'anonymous_rate' },
      });
      throw error;
    }
  }
  if (endpoint.access === 'public') return outcome.ok ? outcome.principal : null;

  const refuse = (error: HttpError, principal: Principal | null): never => {
    recordRefusal({
      action: 'refusedRequest',
      resource: { type: 'endpoint', name: `${endpoint.method} ${endpoint.path}` },
      code: error.status,
      message: error.message,
      request: { reason: (error.details as { reason?: string } | undefined)?.reason ?? error.code, caller: principal?.subject },
    });
    throw error;
  };
  if (!outcome.ok) return refuse(new HttpError('unauthenticated', 'sign-in required', { reason: outcome.reason }), null);
  const { principal } = outcome;
  if (!allows(endpoint.access, principal.roles)) {
    const roles = endpoint.access === 'authenticated' ? [] : endpoint.access;
    return refuse(
      new HttpError('forbidden', `this requires one of the roles: ${roles.join(', ')}`, { reason: 'missing_role', requiredRoles: roles }),
      principal,
    );
  }
  if (endpoint.mfa && !principal.multiFactor) {
    return refuse(
      new HttpError('mfa_required', 'this change requires a multi-factor sign-in', {
        reason: principal.kind === 'api-token' ? 'api_token_cannot_step_up' : 'step_up_needed',
      }),
      principal,
    );
  }
  return principal;
}

function actorOf(principal: Principal | null): AuditEvent['actor'] {
  return principal
    ? { id: principal.subject, name: principal.name, kind: principal.kind }
    : { id: 'anonymous', name: 'anonymous', kind: 'anonymous' };
}

function requestFacts(c: Context<AppEnv>): Pick<AuditEvent, 'sourceIp' | 'userAgent' | 'requestId' | 'path'> {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return {
    sourceIp: incoming?.socket?.remoteAddress ?? '',
    userAgent: c.req.header('user-agent') ?? '',
    requestId: c.get('requestId') ?? '',
    path: redactTokens(c.req.path),
  };
}
