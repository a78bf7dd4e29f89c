/** Retry timing shared by the outbound client and the outbox. */

export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** Upper bound of any single delay. */
  maxMs: number;
  /** 0..1: the share of each delay that is randomised ("full jitter" is 1). */
  jitter?: number;
}

/**
 * Delay before retry number `attempt` (1 = first retry): exponential, capped, with jitter so
 * that many deliveries failing together do not retry in lock-step against a recovering receiver.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  return Math.round(exponential * (1 - jitter) + exponential * jitter * random());
}

export interface RetryOptions extends BackoffOptions {
  /** Total tries including the first. */
  attempts: number;
  /** Whether an error is worth another try (a refused destination or a 400 is not). */
  retryable: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `task` until it succeeds, fails with a non-retryable error, or the attempts run out. */
export async function withRetries<T>(task: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !options.retryable(error)) throw error;
      await sleep(backoffDelay(attempt, options, options.random));
    }
  }
}
