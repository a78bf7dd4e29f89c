/**
 * The OTC adapter: Vigil's storage ports over Open Telekom Cloud's LTS (logs) and CTS (traces),
 * in several regions with failover (regions.ts). Vigil only reads here: logs reach LTS through
 * ICAgent or the LTS ingestion API, traces through CTS itself; the write ports refuse, saying so.
 */
import { HttpError } from '../../http/http-error.ts';
import type { Logger } from '../../logger.ts';
import type { SearchableStore } from '../ports.ts';
import type { OtcConfig } from './config.ts';
import type { Send } from './http.ts';
import { LTS_READ_RATES, type ReadRates } from './limits.ts';
import { createAuthorizer } from './authorizer.ts';
import { RegionClient } from './region-client.ts';
import { RegionPool } from './regions.ts';
import { context, facets, histogram, LineStreams } from './search-aggregates.ts';
import { searchLines } from './search-lines.ts';
import { resolveStreams, toLogGroups } from './streams.ts';
import { followPace } from './follow-pace.ts';
import { StreamCounts } from './stream-counts.ts';
import { StoreError } from '../store-error.ts';
import { OtcError } from './errors.ts';
import { otcTracePort } from './traces.ts';

export interface OtcStoreOptions {
  config: OtcConfig;
  logger?: Logger;
  /** Vigil's outbound client (http.ts sendThrough). */
  send: Send;
  now?: () => number;
  rates?: ReadRates;
  /** How long identical reads are answered from memory. */
  cacheMs?: number;
  /** Consecutive region failures that open its circuit, and how long it stays open. */
  failureThreshold?: number;
  openMs?: number;
}

export interface OtcStore extends SearchableStore {
  readonly pool: RegionPool;
  readonly lineCounts: StreamCounts;
}

/** How long the first listing of a region waits for its line counts before it lists them as unknown. */
const FIRST_COUNT_WAIT_MS = 2_000;

/** OTC failures leave the adapter as the storage-neutral StoreError (the HTTP layer maps those). */
function translate(error: unknown): never {
  if (!(error instanceof OtcError)) throw error;
  const kind = error.kind === 'throttled' ? 'throttled' : error.kind === 'timeout' || error.kind === 'network' || error.kind === 'server' ? 'unavailable' : 'refused';
  throw new StoreError(kind, error.message, { retryAt: error.retryAt, region: error.region });
}

function guarded<T extends object>(port: T): T {
  const out = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(port)) {
    out[name] = typeof fn === 'function' ? (...args: unknown[]) => (fn as (...a: unknown[]) => Promise<unknown>)(...args).catch(translate) : fn;
  }
  return out as T;
}

const readOnly = (what: string) =>
  Promise.reject(new Error(`the OTC store does not accept ${what} from Vigil: LTS receives logs from ICAgent or its ingestion API, CTS records traces itself`));

// LTS keeps no 5-minute rollups and CTS no trace columns Vigil could read series from cheaply:
// anomaly detection is a feature of the embedded store and says so instead of guessing.
const noAnomalySeries = () =>
  Promise.reject(new HttpError('unavailable', 'anomaly detection needs the embedded store; the OTC store has no rollups to read series from'));

export function openOtcStore(options: OtcStoreOptions): OtcStore {
  const now = options.now ?? Date.now;
  const rates = options.rates ?? LTS_READ_RATES;
  const clients = options.config.regions.map(
    (region) =>
      new RegionClient({
        region,
        authorizer: createAuthorizer(options.config.auth, region, { send: options.send, timeoutMs: options.config.timeoutMs, now }),
        send: options.send,
        timeoutMs: options.config.timeoutMs,
        rates,
        cacheMs: options.cacheMs ?? 5_000,
        now,
      }),
  );
  const pool = new RegionPool(clients, { failureThreshold: options.failureThreshold ?? 2, openMs: options.openMs ?? 10_000, now });
  const known = new LineStreams();
  const lineCounts = new StreamCounts(now);
  const traces = otcTracePort(pool, now);
  return {
    kind: 'otc',
    pool,
    lineCounts,
    regions: () => pool.health(),
    anomalySeries: { logSeries: noAnomalySeries, auditSeries: noAnomalySeries, auditBreakdown: noAnomalySeries },
    logs: guarded({
      listGroups: async () => {
        const served = await pool.run(async (client) => ({ client, groups: await client.listGroups() }));
        const { client, groups } = served.value;
        const counting = lineCounts.refresh(client, groups).catch(() => undefined);
        // The first listing of a region waits a moment for its counts; later ones never wait.
        if (lineCounts.total(client.name, groups) === null) await Promise.race([counting, new Promise((r) => setTimeout(r, FIRST_COUNT_WAIT_MS).unref())]);
        return toLogGroups(groups, (group, stream) => lineCounts.get(client.name, group, stream));
      },
      ensureGroup: () => readOnly('new log groups'),
      ensureStream: () => readOnly('new log streams'),
      appendLines: () => readOnly('log lines'),
      appendBatches: () => readOnly('log lines'),
      // No continuous source writes through Vigil into LTS, so none has a saved position.
      readIngestCursor: () => Promise.resolve(null),
      // LTS deletes lines past their ttl_in_days itself.
      applyRetention: () => Promise.resolve({ deletedLines: 0, streams: [] }),
    }),
    traces: guarded({ ...traces, appendTraces: () => readOnly('traces') }),
    search: guarded({
      searchLines: async (request, signal) => {
        const page = await searchLines(pool, request, signal);
        known.note(page.lines);
        return page;
      },
      histogram: (request, signal) => histogram(pool, request, signal),
      facets: async (request, signal) => facets(pool, request, signal),
      context: (request) => context(pool, known, request),
      followPace: async (streamIds) => {
        const client = pool.serving();
        return followPace(await resolveStreams(client, streamIds), rates);
      },
    }),
    // Lines: the sum of the serving region's stream counts, once every stream was counted. CTS
    // offers no total of traces (and keeps 7 days of them).
    counts: async () => {
      const client = pool.serving();
      const groups = await client.listGroups().catch(() => null);
      const lines = groups === null ? null : lineCounts.total(client.name, groups);
      return { lines: lines ?? 0, traces: 0, unknown: lines === null ? ['lines', 'traces'] : ['traces'] };
    },
    close: () => {
      pool.stop();
      return Promise.resolve();
    },
  };
}
