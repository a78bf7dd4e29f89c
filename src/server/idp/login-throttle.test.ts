import { describe, expect, it } from 'vitest';
import { LoginThrottle, THROTTLE } from './login-throttle.ts';

describe('login throttle', () => {
  it('grows the wait of one (user, address) pair, forgets after an hour, and restarts on success', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    const waits: number[] = [];
    for (let i = 0; i < THROTTLE.pairFreeFailures + 4; i++) {
      const verdict = throttle.check('admin', '10.0.0.1');
      if (!verdict.allowed) {
        waits.push(verdict.retryAfterSeconds);
        now += verdict.retryAfterSeconds * 1000;
      }
      throttle.failed('admin', '10.0.0.1');
    }
    expect(waits).toEqual([1, 2, 4]);
    expect(throttle.check('admin', '10.0.0.2')).toEqual({ allowed: true });
    expect(throttle.check('admin', '::ffff:10.0.0.1').allowed).toBe(false);
    now += THROTTLE.forgetAfterMs + 1;
    expect(throttle.check('admin', '10.0.0.1')).toEqual({ allowed: true });
    throttle.failed('admin', '10.0.0.1');
    throttle.succeeded('admin', '10.0.0.1');
    expect(throttle.check('admin', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('slows an address spraying many usernames', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    for (let i = 0; i < THROTTLE.addressFreeFailures + 1; i++) throttle.failed(`user-${i}`, '10.0.0.9');
    expect(throttle.check('someone-else', '10.0.0.9')).toMatchObject({ allowed: false, reason: 'address' });
    now += THROTTLE.maxDelayMs;
    expect(throttle.check('someone-else', '10.0.0.9')).toEqual({ allowed: true });
  });
});
