import type { Store } from '../storage/ports.ts';
import type { FeatureHandlers } from '../http/handlers.ts';
import type { IngestQueue } from '../ingest/pipeline/queue.ts';

export interface SystemDeps {
  store: Store;
  version: string;
  startedAt: number;
  now: () => number;
  /** The live receivers' queue, when they run. */
  ingest?: IngestQueue | undefined;
}

export function systemRoutes({ store, version, startedAt, now, ingest }: SystemDeps): FeatureHandlers<'health'> {
  return {
    health: async () => {
      const { lines, traces, unknown = [] } = await store.counts();
      return {
        status: 'ok',
        version,
        store: {
          kind: store.kind,
          // A total the store cannot tell is null, never a 0 that reads as "empty".
          lines: unknown.includes('lines') ? null : lines,
          traces: unknown.includes('traces') ? null : traces,
          ...(store.regions ? { regions: store.regions() } : {}),
        },
        uptimeSeconds: Math.max(0, Math.round((now() - startedAt) / 1000)),
        ...(ingest ? { ingest: ingest.status() } : {}),
      };
    },
  };
}
