import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { Logger } from '../logger.ts';

/**
 * One structured line per request. Only method, path, status, duration and a request id are
 * logged: never headers (Authorization, cookies, DPoP proofs) and never the query string, which
 * may carry search terms from user data. A token pasted into a path is redacted.
 */
/** API tokens (vgl_…) and JWTs, wherever they appear in text bound for the logs. */
const TOKEN_PATTERNS: [RegExp, string][] = [
  [/vgl_[A-Za-z0-9_-]+/g, 'vgl_[redacted]'],
  [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[jwt redacted]'],
];

/** Text with anything that looks like a credential replaced, for logs. */
export function redactTokens(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

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
      path: redactTokens(c.req.path),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
