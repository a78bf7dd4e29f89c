import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { UdpLossTracker } from './udp-loss.ts';

describe('UDP loss', () => {
  it('counts missing sequence numbers per sender; a restart (smaller number) is not a gap', () => {
    const loss = new UdpLossTracker();
    expect(loss.note('a', 1)).toBe(0);
    expect(loss.note('a', 2)).toBe(0);
    expect(loss.note('a', 5)).toBe(2);
    expect(loss.note('b', 10)).toBe(2);
    expect(loss.note('b', 12)).toBe(3);
    expect(loss.note('a', 1)).toBe(3);
    expect(loss.note('a', null)).toBe(3);
  });

  it.skipIf(process.platform !== 'linux')("reads the kernel's drop counter of a bound socket", async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    try {
      expect(new UdpLossTracker().kernelDrops(socket.address().port)).toBe(0);
    } finally {
      socket.close();
    }
  });
});
