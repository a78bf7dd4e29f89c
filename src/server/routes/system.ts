import type { Store, StoreCounts } from '../storage/ports.ts';
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

/** Counts older than this are refreshed in the background; the answer never waits for them. */
const COUNTS_MAX_AGE_MS = 2_000;

/**
 * Health must answer while the store is busy with long scans: it reports the last counts read and
 * refreshes them in the background (one refresh at a time). Only the very first call waits.
 */
export function recentCounts(store: Store, now: () => number): () => Promise<StoreCounts> {
  let last: { value: StoreCounts; at: number } | null = null;
  let refreshing: Promise<StoreCounts> | null = null;
  const refresh = () => {
    refreshing ??= store
      .counts()
      .then((value) => {
        last = { value, at: now() };
        return value;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };
  return async () => {
    if (last === null) return refresh();
    if (now() - last.at > COUNTS_MAX_AGE_MS) refresh().catch(() => undefined);
    return last.value;
  };
}

export function systemRoutes({ store, version, startedAt, now, ingest, forwarders }: SystemDeps): FeatureHandlers<'health'> {
  const counts = recentCounts(store, now);
  return {
    health: async () => {
      const { lines, traces, unknown = [] } = await counts();
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
        ...(forwarders ? { forwarders: forwarders() } : {}),
      };
    },
  };
}
