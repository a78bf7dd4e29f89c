/**
 * The pace of a live tail on LTS. Every poll reads each followed stream at least once, and LTS
 * allows 10 reads a minute per stream, 50 per group and 100 per account. A tail may use half of
 * each quota (the rest stays for searches, histograms and other tails), so its interval is the
 * longest of: one stream's share, the busiest group's share, and the account's share over all
 * followed streams. Polling faster would not show lines sooner: it would get reads refused.
 */
import type { FollowPace } from '../ports.ts';
import type { ReadRates } from './limits.ts';
import type { ScopedStream } from './streams.ts';

/** Share of each read quota one live tail may use. */
export const TAIL_QUOTA_SHARE = 0.5;
const MIN_POLL_MS = 1_000;

export function followPace(streams: readonly ScopedStream[], rates: ReadRates): FollowPace {
  const perGroup = new Map<string, number>();
  for (const s of streams) perGroup.set(s.groupName, (perGroup.get(s.groupName) ?? 0) + 1);
  const busiestGroup = Math.max(0, ...perGroup.values());
  const interval = (reads: number, perMinute: number) => Math.ceil((60_000 * reads) / (perMinute * TAIL_QUOTA_SHARE));
  const candidates = [
    { ms: interval(1, rates.streamPerMin), why: `${rates.streamPerMin} reads a minute per stream` },
    { ms: interval(busiestGroup, rates.groupPerMin), why: `${rates.groupPerMin} reads a minute per log group (${busiestGroup} streams in one group)` },
    { ms: interval(streams.length, rates.accountPerMin), why: `${rates.accountPerMin} reads a minute per account (${streams.length} streams)` },
  ];
  const limiting = candidates.reduce((a, b) => (b.ms > a.ms ? b : a));
  const pollMs = Math.max(MIN_POLL_MS, limiting.ms);
  return {
    pollMs,
    reason: `LTS allows ${limiting.why} and a live tail uses half of that`,
  };
}
