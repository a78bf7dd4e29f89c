/**
 * The live receivers inside the Vigil process: one ingest queue shared by OTLP/HTTP and the LTS
 * ingestion API (mounted on Vigil's port by app.ts) and the syslog listeners (own ports, only
 * when configured). Running them in the server process means one writer for the store and
 * one place for metrics; `vigil tail-file` runs beside it and writes through the same store.
 */
import type { Logger } from '../logger.ts';
import type { IngestTokens } from '../state/ingest-tokens.ts';
import type { Store } from '../storage/ports.ts';
import type { IngestConfig } from './config.ts';
import type { IngestHttpDeps } from './http/ingest-auth.ts';
import { IngestMetrics } from './pipeline/metrics.ts';
import { IngestQueue } from './pipeline/queue.ts';
import { RateLimiter } from './pipeline/rate-limit.ts';
import { startSyslog, type SyslogListeners } from './syslog/server.ts';

export interface LiveIngest {
  http: IngestHttpDeps;
  queue: IngestQueue;
  syslog: SyslogListeners | null;
  /** Stops listening and waits until everything accepted is committed. */
  close(): Promise<void>;
}

export async function startLiveIngest(options: { store: Store; tokens: IngestTokens; config: IngestConfig; logger: Logger; now?: () => number }): Promise<LiveIngest> {
  const now = options.now ?? Date.now;
  const { config } = options;
  const queue = new IngestQueue({
    store: options.store, metrics: new IngestMetrics(), maxLines: config.queueLines, maxBytes: config.queueBytes, ttlDays: config.ttlDays, logger: options.logger, now,
  });
  const http: IngestHttpDeps = {
    queue, tokens: options.tokens, limiter: new RateLimiter(config.ratePerToken, now), maxBodyBytes: config.maxBodyBytes, maxInflatedBytes: config.maxBodyBytes * 8, now,
  };
  const s = config.syslog;
  const syslog = s.tcpPort !== undefined || s.udpPort !== undefined || s.tlsPort !== undefined ? await startSyslog(s, queue, options.logger, now) : null;
  return {
    http,
    queue,
    syslog,
    async close() {
      await syslog?.close();
      await queue.close();
    },
  };
}
