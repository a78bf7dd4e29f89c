import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { allows, endpoints, type Endpoint, type EndpointName } from '../../contract/index.ts';
import type { Authenticator, Principal } from '../auth/principal.ts';
import { SignInRecorder } from '../auth/sign-in-recorder.ts';
import type { AuditEvent, AuditTrail } from '../state/audit-trail.ts';
import type { AppEnv } from './app-env.ts';
import type { Handlers, RequestAuditEvent, RequestContext } from './handlers.ts';
import { HttpError } from './http-error.ts';
import { jsonBody, parseInput, queryRecord } from './input.ts';

const noInput = z.strictObject({});

export interface EndpointDeps {
  handlers: Handlers;
  authenticate: Authenticator;
  audit: AuditTrail;
  /** Origin users reach Vigil at; DPoP proofs name it. */
  publicUrl: string;
}

/**
 * Mounts every contract endpoint: authenticate, enforce the endpoint's access (refusals are
 * audited), validate input, run the handler, validate the output against the contract, answer JSON.
 */
export function registerEndpoints(app: Hono<AppEnv>, deps: EndpointDeps): void {
  const signIns = new SignInRecorder();
  for (const name of Object.keys(endpoints) as EndpointName[]) {
    const endpoint: Endpoint = endpoints[name];
    const handler = deps.handlers[name] as (input: unknown, ctx: RequestContext) => Promise<unknown>;
    app.on(endpoint.method, endpoint.path, async (c) => {
      const where = requestFacts(c);
      const record = (principal: Principal | null, event: RequestAuditEvent) =>
        deps.audit.append({ ...event, ...where, actor: actorOf(principal) });

      const principal = await authorize(c, endpoint, deps, (event) => record(null, event));
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
        query: parseInput(endpoint.query ?? noInput, queryRecord(c), 'query'),
        body: endpoint.body ? parseInput(endpoint.body, await jsonBody(c), 'body') : undefined,
      };
      const ctx: RequestContext = {
        principal,
        signal: c.req.raw.signal,
        ip: where.sourceIp,
        userAgent: where.userAgent,
        audit: (event) => record(principal, event),
      };
      const output = endpoint.output.parse(await handler(input, ctx));
      const status = endpoint.status ?? 200;
      return status === 204 ? c.body(null, 204) : c.json(output as object, status);
    });
  }
}

async function authorize(
  c: Context<AppEnv>,
  endpoint: Endpoint,
  deps: EndpointDeps,
  recordRefusal: (event: RequestAuditEvent) => void,
): Promise<Principal | null> {
  const outcome = await deps.authenticate({ method: c.req.method, url: `${deps.publicUrl}${c.req.path}`, headers: c.req.raw.headers });
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
    path: c.req.path,
  };
}
