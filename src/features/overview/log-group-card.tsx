import type { LogGroup } from '../../contract/schemas/log-groups.ts';
import { formatCount, formatDate, formatDateTime, formatDays, type TimeZoneMode } from '../../lib/format.ts';

export interface LogGroupCardProps {
  group: LogGroup;
  zone: TimeZoneMode;
}

/** Remote counts are taken every few minutes: say when, or why there is none. */
function countTitle(stream: LogGroup['log_streams'][number], zone: TimeZoneMode): string | undefined {
  if (stream.line_count === null) return 'Not counted yet: LTS counts each stream on request, within its read quota';
  return stream.counted_at === undefined ? undefined : `Counted by LTS at ${formatDateTime(stream.counted_at, zone)}`;
}

/** One log group: its retention and size, and a row per stream (a stream may keep its own retention). */
export function LogGroupCard({ group, zone }: LogGroupCardProps) {
  const tags = Object.entries(group.tag);
  return (
    <article className="log-group" aria-labelledby={`group-${group.log_group_id}`}>
      <header className="log-group__header">
        <h3 className="log-group__name" id={`group-${group.log_group_id}`}>
          {group.log_group_name}
        </h3>
        <span className="badge" title="How long the group keeps its lines">
          Retention {formatDays(group.ttl_in_days)}
        </span>
        {group.line_count === null ? (
          <span className="log-group__fact" title="The store has not reported a count for every stream of this group (OTC: LTS counts each stream on request, every few minutes)">
            line count unknown
          </span>
        ) : (
          <span className="log-group__fact numeric">{formatCount(group.line_count)} lines</span>
        )}
        <span className="log-group__fact">
          {group.log_streams.length === 1 ? '1 stream' : `${group.log_streams.length} streams`}
        </span>
        <span className="log-group__fact">created {formatDate(group.creation_time, zone)}</span>
        {tags.length > 0 && (
          <ul className="tags" aria-label="Tags">
            {tags.map(([key, value]) => (
              <li key={key} className="tag">
                {key}={value}
              </li>
            ))}
          </ul>
        )}
      </header>
      {group.log_streams.length === 0 ? (
        <p className="log-group__empty">No streams in this group yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--streams">
            <colgroup>
              <col className="table__col-name" />
              <col className="table__col-retention" />
              <col className="table__col-lines" />
              <col className="table__col-time" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Stream</th>
                <th scope="col">Retention</th>
                <th scope="col" className="table__number">
                  Lines
                </th>
                <th scope="col">Latest line{zone === 'utc' ? ' (UTC)' : ''}</th>
              </tr>
            </thead>
            <tbody>
              {group.log_streams.map((stream) => (
                <tr key={stream.log_stream_id}>
                  <th scope="row" className="table__name">
                    {stream.log_stream_name}
                  </th>
                  <td>
                    {stream.ttl_in_days === null ? (
                      <>
                        {formatDays(group.ttl_in_days)} <span className="table__muted">from group</span>
                      </>
                    ) : (
                      <>
                        {formatDays(stream.ttl_in_days)} <span className="table__muted">stream setting</span>
                      </>
                    )}
                  </td>
                  <td className="table__number" title={countTitle(stream, zone)}>
                    {stream.line_count === null ? <span className="table__muted">unknown</span> : formatCount(stream.line_count)}
                  </td>
                  <td className="numeric">
                    {stream.latest_time === null ? (
                      <span className="table__muted">{stream.line_count === null ? 'unknown' : 'no lines yet'}</span>
                    ) : (
                      <time dateTime={new Date(stream.latest_time).toISOString()}>{formatDateTime(stream.latest_time, zone)}</time>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
