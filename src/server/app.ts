import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ZodError } from 'zod';
import type { AuthConfig } from '../contract/index.ts';
import type { Authenticator } from './auth/principal.ts';
import type { Handlers, StreamHandlers } from './http/handlers.ts';
import { HttpError } from './http/http-error.ts';
import { createEndpointGuard, registerEndpoints, registerStreamEndpoints } from './http/register-endpoints.ts';
import { redactTokens, requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { serveSpa } from './http/spa.ts';
import { describeError, type Logger } from './logger.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { authRoutes } from './routes/auth.ts';
import { apiTokenRoutes } from './routes/api-tokens.ts';
import { auditRoutes } from './routes/audit.ts';
import { logGroupRoutes } from './routes/log-groups.ts';
import { logExportRoute } from './routes/logs-export.ts';
import { logSearchRoutes } from './routes/logs-search.ts';
import { logTailRoute } from './routes/logs-tail.ts';
import { savedSearchRoutes } from './routes/saved-searches.ts';
import { traceRoutes } from './routes/traces.ts';
import { systemRoutes } from './routes/system.ts';
import type { ApiTokens } from './state/api-tokens.ts';
import type { AuditTrail } from './state/audit-trail.ts';
import type { SavedSearches } from './state/saved-searches.ts';
import type { SearchableStore } from './storage/ports.ts';
import { ReadRefused } from './storage/read-refused.ts';
import { HeavyReads } from './search/heavy-reads.ts';
import type { AppEnv } from './http/app-env.ts';
import type { TailTiming } from './tail/follow.ts';
import { loadMaskingSecret, Pseudonymizer } from './traces/pseudonyms.ts';

export interface AppDeps {
  store: SearchableStore;
  /** Vigil's own state: its audit trail and API tokens. */
  audit: AuditTrail;
  tokens: ApiTokens;
  savedSearches: SavedSearches;
  logger: Logger;
  authenticate: Authenticator;
  authConfig: AuthConfig;
  /** Origin users reach Vigil at; DPoP proofs are checked against it. */
  publicUrl: string;
  version: string;
  maxBodyBytes: number;
  /** Vigil's data folder: the secret behind the pseudonyms of masked views is kept there. */
  dataDir: string;
  /** Folder of the built SPA; omitted in route tests. */
  distDir?: string;
  now?: () => number;
  /** Live tail poll and heartbeat intervals (tests shorten them). */
  tailTiming?: TailTiming;
}

/** A read the store would not start: 503 with the reason and when to retry. */
function readRefusedError(error: ReadRefused): HttpError {
  return new HttpError('unavailable', error.message, { reason: error.reason, retryAfterSeconds: error.retryAfterSeconds }, {
    retryAfterSeconds: error.retryAfterSeconds,
  });
}

/** Builds the Vigil HTTP app without listening: tests call `app.request()` on it directly. */
export function buildApp(deps: AppDeps): Hono<AppEnv> {
  const now = deps.now ?? Date.now;
  const app = new Hono<AppEnv>();

  app.use('*', requestLog(deps.logger));
  app.use('*', securityHeaders);
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new HttpError('payload_too_large', `request body exceeds ${deps.maxBodyBytes} bytes`, {
          limitBytes: deps.maxBodyBytes,
        });
      },
    }),
  );

  const openApi = buildOpenApiDocument(deps.version);
  const heavyReads = new HeavyReads();
  app.get('/api/openapi.json', (c) => c.json(openApi));

  const handlers: Handlers = {
    ...systemRoutes({ store: deps.store, version: deps.version, startedAt: now(), now }),
    ...authRoutes({ authConfig: deps.authConfig }),
    ...logGroupRoutes({ store: deps.store }),
    ...logSearchRoutes({ store: deps.store, now, heavyReads }),
    ...traceRoutes({ store: deps.store, pseudonyms: new Pseudonymizer(loadMaskingSecret(deps.dataDir)), now }),
    ...apiTokenRoutes({ tokens: deps.tokens }),
    ...savedSearchRoutes({ savedSearches: deps.savedSearches }),
    ...auditRoutes({ audit: deps.audit }),
  };
  const guard = createEndpointGuard({ authenticate: deps.authenticate, audit: deps.audit, publicUrl: deps.publicUrl });
  // Streamed endpoints answer with a body written as it is produced, not one JSON value.
  const streams: StreamHandlers = {
    exportLogs: logExportRoute({ store: deps.store, now, heavyReads }),
    tailLogs: logTailRoute({ store: deps.store, now, ...(deps.tailTiming ? { timing: deps.tailTiming } : {}) }),
  };
  registerStreamEndpoints(app, { streams, guard });
  registerEndpoints(app, { handlers, guard });

  app.all('/api/*', (c) => {
    throw new HttpError('not_found', `no API endpoint ${c.req.method} ${c.req.path}`);
  });
  if (deps.distDir) serveSpa(app, deps.distDir);

  app.notFound((c) => c.json(new HttpError('not_found', `not found: ${c.req.path}`).toEnvelope(), 404));
  app.onError((error, c) => {
    const known = error instanceof ReadRefused ? readRefusedError(error) : error;
    if (known instanceof HttpError) {
      if (known.retryAfterSeconds !== undefined) c.header('Retry-After', String(known.retryAfterSeconds));
      return c.json(known.toEnvelope(), known.status as 400);
    }
    // A ZodError here means a handler broke the contract's output schema: a server bug.
    deps.logger.error(error instanceof ZodError ? 'response broke the contract' : 'unhandled error', {
      path: redactTokens(c.req.path),
      ...describeError(error),
    });
    return c.json(new HttpError('internal', 'internal error; the server log has the details').toEnvelope(), 500);
  });
  return app;
}
