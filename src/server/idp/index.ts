import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createLocalJWKSet, type JWK } from 'jose';
import { CONTENT_SECURITY_POLICY } from '../http/security-headers.ts';
import { describeError, type Logger } from '../logger.ts';
import { PasswordCheck, type DemoUser } from './demo-users.ts';
import { createInteractionHandler, sendHtml } from './interactions.ts';
import type { UserLock } from './login-throttle.ts';
import { messagePage, STYLESHEET, STYLESHEET_PATH } from './pages.ts';
import { createProvider, SPA_CLIENT_ID } from './provider.ts';
import { loadIdpSecrets, publicJwk } from './secrets.ts';
import { SqliteAdapterStore } from './sqlite-adapter.ts';

export const IDP_MOUNT = '/idp';

export interface EmbeddedIdpOptions {
  publicUrl: string;
  apiAudience: string;
  appOrigins: string[];
  dataDir: string;
  users: DemoUser[];
  demoPassword: string;
  accessTokenSeconds: number;
  logger: Logger;
  /** Told when a distributed attack locks an account (Vigil records it in its audit trail). */
  onUserLocked?: (lock: UserLock) => void;
}

export interface EmbeddedIdp {
  issuer: string;
  clientId: string;
  /** Verifies tokens with the provider's own public key, without an HTTP round trip. */
  jwks: ReturnType<typeof createLocalJWKSet>;
  publicKey: JWK;
  /** Node request handler for everything under /idp. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): void;
}

/** Starts the embedded OpenID provider mounted under /idp of Vigil's own origin. */
export async function startEmbeddedIdp(options: EmbeddedIdpOptions): Promise<EmbeddedIdp> {
  const issuer = `${options.publicUrl}${IDP_MOUNT}`;
  const secrets = await loadIdpSecrets(options.dataDir);
  const adapters = new SqliteAdapterStore(path.join(options.dataDir, 'idp.db'));
  const provider = createProvider({
    issuer,
    apiAudience: options.apiAudience,
    appOrigins: options.appOrigins,
    users: options.users,
    signingKey: secrets.signingKey,
    cookieKeys: secrets.cookieKeys,
    adapters,
    accessTokenSeconds: options.accessTokenSeconds,
  });
  provider.on('server_error', (_ctx, error) => options.logger.error('identity provider error', describeError(error)));
  const interaction = createInteractionHandler({
    provider,
    users: options.users,
    password: new PasswordCheck(options.demoPassword),
    logger: options.logger,
    ...(options.onUserLocked ? { onUserLocked: options.onUserLocked } : {}),
  });
  const callback = provider.callback();
  const allowedOrigins = new Set(options.appOrigins);
  const pruneTimer = setInterval(() => adapters.prune(), 10 * 60_000);
  pruneTimer.unref();
  const publicKey = publicJwk(secrets.signingKey);

  return {
    issuer,
    clientId: SPA_CLIENT_ID,
    publicKey,
    jwks: createLocalJWKSet({ keys: [publicKey] }),
    handle(req, res) {
      setPageHeaders(res);
      const url = new URL(req.url ?? '/', 'http://localhost');
      // oidc-provider answers CORS preflights for any origin (it cannot know the client yet);
      // only Vigil's own origins may call the provider from a browser.
      const origin = req.headers.origin;
      if (req.method === 'OPTIONS' && origin !== undefined && !allowedOrigins.has(origin)) {
        res.statusCode = 403;
        res.end();
        return;
      }
      if (url.pathname === STYLESHEET_PATH) {
        res.setHeader('Content-Type', 'text/css; charset=utf-8');
        res.setHeader('Cache-Control', 'public, max-age=3600');
        res.end(STYLESHEET);
        return;
      }
      const match = /^\/idp\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(url.pathname);
      if (match) {
        interaction(req, res, match[1] as string, match[2]).catch((error: unknown) => {
          options.logger.warn('sign-in interaction failed', describeError(error));
          if (!res.headersSent) {
            sendHtml(res, 400, messagePage('Sign-in expired', 'This sign-in page has expired. Go back to Vigil and sign in again.'));
          }
        });
        return;
      }
      // oidc-provider derives its mount path from originalUrl vs url (as under Express).
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
      req.url = (req.url ?? '/').slice(IDP_MOUNT.length) || '/';
      void callback(req, res);
    },
    close() {
      clearInterval(pruneTimer);
      adapters.close();
    },
  };
}

function setPageHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
}
