import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { EmbeddedIdp } from '../idp/index.ts';
import { IDP_MOUNT } from '../idp/index.ts';

/** One port for everything: the embedded provider under /idp, the Hono app (API + SPA) elsewhere. */
export function createNodeServer(app: Hono<AppEnv>, idp: EmbeddedIdp | null): Server {
  const appListener = getRequestListener(app.fetch);
  return createServer((req, res) => {
    const url = req.url ?? '/';
    if (idp && (url === IDP_MOUNT || url.startsWith(`${IDP_MOUNT}/`))) {
      idp.handle(req, res);
      return;
    }
    void appListener(req, res);
  });
}

/** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then resolves. */
export function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    // Idle keep-alive connections would otherwise hold close() open until they time out.
    server.closeIdleConnections();
  });
}
