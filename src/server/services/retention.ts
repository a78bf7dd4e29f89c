/**
 * Background retention: deletes log lines past their stream's (else group's) ttl_in_days.
 * Runs once shortly after start (so a restart after a long pause catches up), then on an
 * interval. Passes never overlap; failures are logged and the next tick tries again.
 */
import { describeError } from '../logger.ts';
import type { Logger } from '../logger.ts';
import type { LogPort, RetentionResult } from '../storage/ports.ts';

export interface RetentionJobOptions {
  logs: Pick<LogPort, 'applyRetention'>;
  logger: Logger;
  /** Between passes; default one hour. */
  intervalMs?: number;
  /** Before the first pass; default 30 s, so startup work goes first. */
  initialDelayMs?: number;
  /** Clock, replaceable in tests. */
  now?: () => number;
  /** Told about every pass, so its runs can be recorded (the compliance retention check reads them). */
  onPass?: (run: { startedAt: number; finishedAt: number; deletedLines: number; error: string | null }) => void;
}

export interface RetentionJob {
  /** Runs a pass now (or joins the one running) and resolves with its result. */
  runNow(): Promise<RetentionResult>;
  /** Stops the timers and waits for a running pass to finish. */
  stop(): Promise<void>;
}

export function startRetentionJob(options: RetentionJobOptions): RetentionJob {
  const { logs, logger } = options;
  const intervalMs = options.intervalMs ?? 3_600_000;
  const initialDelayMs = options.initialDelayMs ?? 30_000;
  const now = options.now ?? Date.now;
  let running: Promise<RetentionResult> | null = null;
  let stopped = false;

  const pass = async (): Promise<RetentionResult> => {
    const started = Date.now();
    const startedAt = now();
    let result: RetentionResult;
    try {
      result = await logs.applyRetention(startedAt);
    } catch (error) {
      options.onPass?.({ startedAt, finishedAt: now(), deletedLines: 0, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    options.onPass?.({ startedAt, finishedAt: now(), deletedLines: result.deletedLines, error: null });
    const removed = result.streams.filter((s) => s.deleted > 0);
    const fields = { deletedLines: result.deletedLines, durationMs: Date.now() - started };
    if (removed.length > 0) logger.info('retention removed expired log lines', { ...fields, streams: removed });
    else logger.debug('retention found nothing to remove', fields);
    return result;
  };

  const runNow = (): Promise<RetentionResult> => {
    if (running) return running;
    const current = pass();
    running = current;
    const clear = () => {
      if (running === current) running = null;
    };
    current.then(clear, clear);
    return current;
  };

  const tick = () => {
    if (stopped) return;
    runNow().catch((error: unknown) => logger.error('retention pass failed', describeError(error)));
  };

  // unref: a pending retention tick must not keep the process alive on shutdown.
  const first = setTimeout(tick, initialDelayMs);
  first.unref();
  const every = setInterval(tick, intervalMs);
  every.unref();

  return {
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running?.catch(() => undefined);
    },
  };
}
