import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogFields, Logger } from '../logger.ts';
import type { RetentionResult } from '../storage/ports.ts';
import { startRetentionJob } from './retention.ts';
import type { RetentionJob } from './retention.ts';

function recordingLogger() {
  const entries: { level: string; msg: string; fields?: LogFields }[] = [];
  const at = (level: string) => (msg: string, fields?: LogFields) => entries.push({ level, msg, fields });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, entries };
}

const removedTwo: RetentionResult = {
  deletedLines: 2,
  streams: [
    { groupName: 'sys', streamName: 'cron', deleted: 2, cutoff: 1_000 },
    { groupName: 'sys', streamName: 'sshd', deleted: 0, cutoff: 1_000 },
  ],
};

describe('retention job', () => {
  let job: RetentionJob | undefined;
  afterEach(async () => {
    await job?.stop();
    vi.useRealTimers();
  });

  it('runs shortly after start, then on every interval, and logs what it removed', async () => {
    vi.useFakeTimers();
    const applyRetention = vi.fn(async (_now: number) => removedTwo);
    const { logger, entries } = recordingLogger();
    job = startRetentionJob({ logs: { applyRetention }, logger, initialDelayMs: 1_000, intervalMs: 60_000, now: () => 42 });

    await vi.advanceTimersByTimeAsync(999);
    expect(applyRetention).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(applyRetention).toHaveBeenCalledWith(42);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(applyRetention).toHaveBeenCalledTimes(3);

    const info = entries.find((e) => e.level === 'info')!;
    expect(info.msg).toBe('retention removed expired log lines');
    expect(info.fields).toMatchObject({ deletedLines: 2, streams: [removedTwo.streams[0]] });
  });

  it('logs a failed pass and keeps going', async () => {
    vi.useFakeTimers();
    const applyRetention = vi
      .fn<(now: number) => Promise<RetentionResult>>()
      .mockRejectedValueOnce(new Error('disk full'))
      .mockResolvedValue({ deletedLines: 0, streams: [] });
    const { logger, entries } = recordingLogger();
    job = startRetentionJob({ logs: { applyRetention }, logger, initialDelayMs: 10, intervalMs: 100 });

    await vi.advanceTimersByTimeAsync(10);
    expect(entries).toContainEqual(expect.objectContaining({ level: 'error', msg: 'retention pass failed' }));
    expect(entries.find((e) => e.level === 'error')?.fields).toMatchObject({ error: 'disk full' });
    await vi.advanceTimersByTimeAsync(100);
    expect(applyRetention).toHaveBeenCalledTimes(2);
    expect(entries.at(-1)).toMatchObject({ level: 'debug', msg: 'retention found nothing to remove' });
  });

  it('never overlaps passes, and stop waits for the running one', async () => {
    let finish!: (result: RetentionResult) => void;
    const applyRetention = vi.fn(() => new Promise<RetentionResult>((resolve) => (finish = resolve)));
    job = startRetentionJob({ logs: { applyRetention }, logger: recordingLogger().logger, initialDelayMs: 60_000 });

    const first = job.runNow();
    const second = job.runNow();
    expect(second).toBe(first);
    expect(applyRetention).toHaveBeenCalledTimes(1);

    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish(removedTwo);
    await stopping;
    await expect(first).resolves.toBe(removedTwo);
  });
});
