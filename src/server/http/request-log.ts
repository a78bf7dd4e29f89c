import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { Logger } from '../logger.ts';

/**
 * One structured line per request. Only method, path, status, duration and a request id are
 * logged: never headers (Authorization, cookies, DPoP proofs) and never the query string, which
 * may carry search terms from user data.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header('x-request-id')?.slice(0, 64) ?? crypto.randomUUID();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    await next();
    logger.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
