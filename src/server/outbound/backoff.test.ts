import { describe, expect, it } from 'vitest';
import { backoffDelay, withRetries } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles per attempt up to the cap', () => {
    const options = { baseMs: 1000, maxMs: 30_000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, options))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('spreads delays over the jittered share', () => {
    const options = { baseMs: 1000, maxMs: 60_000, jitter: 0.5 };
    expect(backoffDelay(3, options, () => 0)).toBe(2000);
    expect(backoffDelay(3, options, () => 0.999999)).toBe(4000);
  });
});

describe('withRetries', () => {
  it('retries retryable failures with growing delays and returns the first success', async () => {
    const slept: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw new Error('temporary');
        return 'done';
      },
      { attempts: 5, baseMs: 10, maxMs: 100, jitter: 0, retryable: () => true, sleep: async (ms) => void slept.push(ms) },
    );
    expect(result).toBe('done');
    expect(slept).toEqual([10, 20]);
  });

  it('stops at a non-retryable error and after the last attempt', async () => {
    let calls = 0;
    const sleep = async () => {};
    await expect(
      withRetries(async () => { calls++; throw new Error('fatal'); }, { attempts: 5, baseMs: 1, maxMs: 1, retryable: () => false, sleep }),
    ).rejects.toThrow('fatal');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      withRetries(async () => { calls++; throw new Error('again'); }, { attempts: 3, baseMs: 1, maxMs: 1, retryable: () => true, sleep }),
    ).rejects.toThrow('again');
    expect(calls).toBe(3);
  });
});
