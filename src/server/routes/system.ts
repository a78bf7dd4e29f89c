import type { Store } from '../storage/ports.ts';
import type { FeatureHandlers } from '../http/handlers.ts';
import type { IngestQueue } from '../ingest/pipeline/queue.ts';
import type { ForwarderHealth } from '../forward/status.ts';

export interface SystemDeps {
  store: Store;
  version: string;
  startedAt: number;
  now: () => number;
  /** The live receivers' queue, when they run. */
  ingest?: IngestQueue | undefined;
  /** SIEM forwarders' state, lag and last error. */
  forwarders?: () => ForwarderHealth[];
}

export function systemRoutes({ store, version, startedAt, now, ingest, forwarders }: SystemDeps): FeatureHandlers<'health'> {
  return {
    health: async () => ({
      status: 'ok',
      version,
      store: { kind: store.kind, ...(await store.counts()), ...(store.regions ? { regions: store.regions() } : {}) },
      uptimeSeconds: Math.max(0, Math.round((now() - startedAt) / 1000)),
      ...(ingest ? { ingest: ingest.status() } : {}),
      ...(forwarders ? { forwarders: forwarders() } : {}),
    }),
  };
}
