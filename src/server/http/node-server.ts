import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { EmbeddedIdp } from '../idp/index.ts';
import { IDP_MOUNT } from '../idp/index.ts';

/** Requests Node refuses before the app sees them still get the JSON error envelope. */
const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'bad_request', message: 'the request line or headers are too large (URL too long?)' },
  HPE_URI_OVERFLOW: { status: 414, code: 'bad_request', message: 'the URL is too long' },
};

function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const known = CLIENT_ERRORS[error.code ?? ''] ?? { status: 400, code: 'bad_request', message: 'malformed HTTP request' };
  const body = JSON.stringify({ error: { code: known.code, message: known.message } });
  socket.end(
    `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status] ?? 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** One port for everything: the embedded provider under /idp, the Hono app (API + SPA) elsewhere. */
export function createNodeServer(app: Hono<AppEnv>, idp: EmbeddedIdp | null): Server {
  const appListener = getRequestListener(app.fetch);
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (idp && (url === IDP_MOUNT || url.startsWith(`${IDP_MOUNT}/`))) {
      idp.handle(req, res);
      return;
    }
    void appListener(req, res);
  });
  server.on('clientError', answerClientError);
  return server;
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
