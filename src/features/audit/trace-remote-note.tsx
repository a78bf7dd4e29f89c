import type { TraceRemote } from '../../contract/schemas/trace-query.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';

export interface TraceRemoteNoteProps {
  remote: TraceRemote | undefined;
  zone: TimeZoneMode;
  /** The region line is shown once per view (by the list); other panels show only a cut window. */
  showRegion?: boolean;
}

/**
 * What a remote store (OTC CTS) said about its answer: the region that gave it, and when CTS could
 * not look back as far as the window asked (it answers the last 7 days only), that the result is
 * partial, from when on, and why. Nothing for the embedded store.
 */
export function TraceRemoteNote({ remote, zone, showRegion = true }: TraceRemoteNoteProps) {
  if (!remote) return null;
  return (
    <>
      {remote.reachable_from !== null && (
        <p className="trace-remote__limit" role="note" data-testid="trace-limit">
          Partial: operations before {formatDateTime(remote.reachable_from, zone)}
          {zone === 'utc' ? ' UTC' : ''} are not shown. {remote.limit}.
        </p>
      )}
      {showRegion && (
        <p className="trace-remote__region" data-testid="trace-region">
          Answered by OTC region {remote.region}
          {remote.retried ? ' (another region failed during the read)' : ''}
        </p>
      )}
    </>
  );
}
