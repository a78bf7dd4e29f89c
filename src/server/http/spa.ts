import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import { serveStatic } from '@hono/node-server/serve-static';

/** A path naming a file (`/assets/app-1a2b.js`, `/favicon.ico`), not a client-side route. */
function looksLikeFile(urlPath: string): boolean {
  return urlPath.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(urlPath);
}

/**
 * Serves the built SPA from `distDir`: hashed assets cached for a year; every HTML answer
 * (`/`, `/index.html`, client-side routes) `no-cache`, so a new release loads at once. Only client
 * routes fall back to index.html: a missing asset or file is a 404, never HTML under an asset's
 * URL, which a cache would otherwise pin for a year and break the SPA after a deploy.
 */
export function serveSpa(app: Hono<AppEnv>, distDir: string): void {
  const indexFile = path.join(distDir, 'index.html');
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/')) return;
    const type = c.res.headers.get('content-type') ?? '';
    if (type.startsWith('text/html')) c.header('Cache-Control', 'no-cache');
    else if (c.req.path.startsWith('/assets/') && c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.get('*', serveStatic({ root: distDir }));
  app.get('*', async (c, next) => {
    if (looksLikeFile(c.req.path) || !existsSync(indexFile)) return next();
    return serveStatic({ root: distDir, path: 'index.html' })(c, next);
  });
}
