import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import { serveStatic } from '@hono/node-server/serve-static';

/**
 * Serves the built SPA from `distDir`: hashed assets cached for a year, everything else that is not
 * a file gets index.html (client-side routes), itself never cached so new releases load at once.
 */
export function serveSpa(app: Hono<AppEnv>, distDir: string): void {
  const indexFile = path.join(distDir, 'index.html');
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.get('*', serveStatic({ root: distDir }));
  app.get('*', async (c, next) => {
    if (!existsSync(indexFile)) return next();
    c.header('Cache-Control', 'no-cache');
    return serveStatic({ root: distDir, path: 'index.html' })(c, next);
  });
}
