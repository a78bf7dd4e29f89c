import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { allows, endpoints, type Endpoint, type EndpointName } from '../../contract/index.ts';
import type { Authenticator, Principal } from '../auth/principal.ts';
import type { Handlers, RequestContext } from './handlers.ts';
import { HttpError } from './http-error.ts';
import { jsonBody, parseInput, queryRecord } from './input.ts';

const noInput = z.object({}).strict();

/**
 * Mounts every contract endpoint: authenticate, enforce the endpoint's access, validate input,
 * run the handler, validate the output against the contract, answer JSON.
 */
export function registerEndpoints(app: Hono, handlers: Handlers, authenticate: Authenticator, publicUrl: string): void {
  for (const name of Object.keys(endpoints) as EndpointName[]) {
    const endpoint: Endpoint = endpoints[name];
    const handler = handlers[name] as (input: unknown, ctx: RequestContext) => Promise<unknown>;
    app.on(endpoint.method, endpoint.path, async (c) => {
      const principal = await authorize(c, endpoint, authenticate, publicUrl);
      const input = {
        params: parseInput(endpoint.params ?? z.object({}), c.req.param(), 'params'),
        query: parseInput(endpoint.query ?? noInput, queryRecord(c), 'query'),
        body: endpoint.body ? parseInput(endpoint.body, await jsonBody(c), 'body') : undefined,
      };
      const ctx: RequestContext = {
        principal,
        signal: c.req.raw.signal,
        ip: clientIp(c),
        userAgent: c.req.header('user-agent') ?? '',
      };
      const output = endpoint.output.parse(await handler(input, ctx));
      const status = endpoint.status ?? 200;
      return status === 204 ? c.body(null, 204) : c.json(output as object, status);
    });
  }
}

async function authorize(c: Context, endpoint: Endpoint, authenticate: Authenticator, publicUrl: string): Promise<Principal | null> {
  const outcome = await authenticate({ method: c.req.method, url: `${publicUrl}${c.req.path}`, headers: c.req.raw.headers });
  if (endpoint.access === 'public') return outcome.ok ? outcome.principal : null;
  if (!outcome.ok) {
    throw new HttpError('unauthenticated', 'sign-in required', { reason: outcome.reason });
  }
  const { principal } = outcome;
  if (!allows(endpoint.access, principal.roles)) {
    const roles = endpoint.access === 'authenticated' ? [] : endpoint.access;
    throw new HttpError('forbidden', `this requires one of the roles: ${roles.join(', ')}`, { requiredRoles: roles });
  }
  if (endpoint.mfa && !principal.multiFactor) {
    throw new HttpError('mfa_required', 'this change requires a multi-factor sign-in', {
      reason: principal.kind === 'api-token' ? 'api tokens cannot make changes that need multi-factor sign-in' : 'step-up sign-in needed',
    });
  }
  return principal;
}

function clientIp(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? '';
}
