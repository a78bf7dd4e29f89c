import { describe, expect, it } from 'vitest';
import { followPace } from './follow-pace.ts';
import { LTS_READ_RATES } from './limits.ts';
import type { ScopedStream } from './streams.ts';

const stream = (group: string, name: string): ScopedStream => ({ id: `${group}/${name}`, groupName: group, streamName: name, groupId: group, streamId: name });

describe('live tail pace on LTS', () => {
  it('polls one stream every 12 s: half of 10 reads a minute', () => {
    expect(followPace([stream('g', 'a')], LTS_READ_RATES)).toEqual({
      pollMs: 12_000,
      reason: 'LTS allows 10 reads a minute per stream and a live tail uses half of that',
    });
  });

  it('slows down for the account quota when many streams are followed', () => {
    const streams = [...['a', 'b', 'c', 'd', 'e'].map((s) => stream('ecs-prod', s)), ...Array.from({ length: 11 }, (_, i) => stream(`g${i % 4}`, `s${i}`))];
    const pace = followPace(streams, LTS_READ_RATES);
    // 16 reads per poll against 50 a minute (half of 100): every 19.2 s.
    expect(pace.pollMs).toBe(19_200);
    expect(pace.reason).toBe('LTS allows 100 reads a minute per account (16 streams) and a live tail uses half of that');
  });

  it('names the group quota when one group holds most streams', () => {
    const streams = Array.from({ length: 8 }, (_, i) => stream('big', `s${i}`));
    const pace = followPace(streams, { accountPerMin: 1000, groupPerMin: 50, streamPerMin: 10 });
    expect(pace.pollMs).toBe(19_200);
    expect(pace.reason).toContain('50 reads a minute per log group (8 streams in one group)');
  });

  it('never polls faster than once a second', () => {
    expect(followPace([stream('g', 'a')], { accountPerMin: 1e6, groupPerMin: 1e6, streamPerMin: 1e6 }).pollMs).toBe(1_000);
  });
});
