/**
 * Line counts per stream on LTS. LTS lists groups and streams without sizes, but a content query
 * with `is_count: true` answers the number of lines in its window (at most 180 days, so a longer
 * retention takes one query per 180 days) and, with `limit: 1` newest first, the newest line.
 * Every such query uses a read of the stream's quota, so counts are taken in the background at
 * most every COUNT_INTERVAL_MS per region and listed with the time they were taken; a stream not
 * counted yet, refused by the quota or answered with isQueryComplete=false is listed as unknown.
 */
import { OtcError } from './errors.ts';
import type { RegionClient, RemoteGroup } from './region-client.ts';
import { timeOfLineNum } from './search-lines.ts';
import { streamKey } from './streams.ts';

export const COUNT_INTERVAL_MS = 10 * 60_000;
/** LTS's longest window per content query. */
const MAX_WINDOW_MS = 180 * 86_400_000;
const DAY_MS = 86_400_000;

export interface StreamCount {
  lines: number;
  latestTime: number | null;
  countedAt: number;
}

async function countStream(client: RegionClient, group: RemoteGroup, stream: RemoteGroup['streams'][number], now: number): Promise<StreamCount | null> {
  const ttlDays = stream.ttlInDays ?? group.ttlInDays;
  let end = now;
  const start = now - ttlDays * DAY_MS;
  let lines = 0;
  let latestTime: number | null = null;
  // Newest window first: its first line is the stream's newest.
  while (end > start) {
    const from = Math.max(start, end - MAX_WINDOW_MS);
    const answer = await client.queryContent(group.id, stream.id, {
      start_time: String(from), end_time: String(end), is_desc: true, search_type: 'init', limit: 1, highlight: false, is_count: true,
    });
    if (!answer.isQueryComplete) return null;
    lines += answer.count;
    const newest = answer.logs[0];
    if (latestTime === null && newest) latestTime = timeOfLineNum(newest.line_num);
    end = from - 1;
  }
  return { lines, latestTime, countedAt: now };
}

export class StreamCounts {
  readonly #now: () => number;
  /** region -> stream key -> count */
  readonly #counts = new Map<string, Map<string, StreamCount>>();
  readonly #lastRun = new Map<string, number>();
  readonly #running = new Map<string, Promise<void>>();

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The count known for a stream in a region, or null. */
  get(region: string, group: string, stream: string): StreamCount | null {
    return this.#counts.get(region)?.get(streamKey(group, stream)) ?? null;
  }

  /** Starts a count of every stream when the region's counts are older than the interval. */
  refresh(client: RegionClient, groups: readonly RemoteGroup[]): Promise<void> {
    const region = client.name;
    const running = this.#running.get(region);
    if (running) return running;
    const last = this.#lastRun.get(region);
    if (last !== undefined && this.#now() - last < COUNT_INTERVAL_MS) return Promise.resolve();
    this.#lastRun.set(region, this.#now());
    const known = this.#counts.get(region) ?? new Map<string, StreamCount>();
    this.#counts.set(region, known);
    const run = Promise.all(
      groups.flatMap((group) =>
        group.streams.map(async (stream) => {
          const key = streamKey(group.name, stream.name);
          try {
            const count = await countStream(client, group, stream, this.#now());
            if (count) known.set(key, count);
            else known.delete(key);
          } catch (error) {
            // A quota stop keeps the previous count (listed with its age); any other failure forgets it.
            if (!(error instanceof OtcError && error.kind === 'throttled')) known.delete(key);
          }
        }),
      ),
    ).then(() => {
      this.#running.delete(region);
    });
    this.#running.set(region, run);
    return run;
  }

  /** Waits for a count in progress (tests, first listing). */
  idle(region: string): Promise<void> {
    return this.#running.get(region) ?? Promise.resolve();
  }

  /** Total lines of a region, when every listed stream has a count. */
  total(region: string, groups: readonly RemoteGroup[]): number | null {
    let sum = 0;
    for (const group of groups) {
      for (const stream of group.streams) {
        const count = this.get(region, group.name, stream.name);
        if (count === null) return null;
        sum += count.lines;
      }
    }
    return sum;
  }
}
