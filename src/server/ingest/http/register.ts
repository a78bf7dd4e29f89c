/** Mounts the HTTP receivers (OTLP/HTTP logs, LTS ingestion API) on Vigil's own port. */
import type { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import type { Store } from '../../storage/ports.ts';
import type { IngestHttpDeps } from './ingest-auth.ts';
import { registerLtsIngestRoutes } from './lts-route.ts';
import { registerOtlpRoute } from './otlp-route.ts';

export function registerIngestRoutes(app: Hono<AppEnv>, deps: IngestHttpDeps & { store: Store }): void {
  registerOtlpRoute(app, deps);
  registerLtsIngestRoutes(app, deps);
}
