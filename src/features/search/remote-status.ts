/**
 * What a remote store (OTC LTS) says about the result, in words: which region answered, whether
 * Vigil filtered LTS's lines itself, and which streams LTS's read quota left out and until when.
 * Null for the embedded store, which sends no `remote`.
 */
import type { RemoteInfo } from '../../contract/schemas/log-search.ts';
import { formatCount, formatDateTime, type TimeZoneMode } from '../../lib/format.ts';

export function remoteText(remotes: readonly (RemoteInfo | undefined)[], zone: TimeZoneMode): string | null {
  const known = remotes.filter((r) => r !== undefined);
  const last = known.at(-1);
  if (!last) return null;
  const parts = [`Answered by OTC region ${last.region}${last.retried ? ' after another region failed (read retried once)' : ''}`];
  if (known.some((r) => r.localFilter)) {
    const lines = known.reduce((sum, r) => sum + r.remoteLines, 0);
    parts.push(`part of the query was applied by Vigil to ${formatCount(lines)} lines LTS returned`);
  }
  if (last.throttled) {
    const n = last.throttled.streams.length;
    parts.push(
      `LTS's read quota refused ${n === 1 ? '1 stream' : `${formatCount(n)} streams`} (${last.throttled.streams.join(', ')}): results are partial, try again after ${formatDateTime(last.throttled.retryAt, zone)}`,
    );
  }
  if (last.incomplete) parts.push(`incomplete on the LTS side: ${last.incomplete}`);
  // A page continued in another region: line numbers differ there, so it restarted at a time.
  const moved = known.findLast((r) => r.cursorFrom);
  if (moved?.cursorFrom) {
    const { region, time, mayRepeat } = moved.cursorFrom;
    parts.push(
      `paging continued from ${region}: restarted at ${formatDateTime(time, zone)}, leaving out the lines already shown${mayRepeat ? ' (lines of that very millisecond may repeat)' : ''}`,
    );
  }
  return parts.join(' · ');
}
