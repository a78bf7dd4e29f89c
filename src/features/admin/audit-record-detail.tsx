import { Button } from '../../components/button.tsx';
import type { AuditRecord } from '../../contract/schemas/audit.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { RatingBadge } from './rating-badge.tsx';

/** Pretty-prints a JSON string for reading; anything else is shown as it is. Always as text. */
function prettyJson(text: string): string {
  if (!text) return '—';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export interface AuditRecordDetailProps {
  record: AuditRecord;
  zone: TimeZoneMode;
  onClose: () => void;
}

export function AuditRecordDetail({ record, zone, onClose }: AuditRecordDetailProps) {
  const facts: [string, string][] = [
    ['Time', formatDateTime(record.time, zone)],
    ['User', `${record.user.name} (${record.user.id})`],
    ['Source IP', record.source_ip || '—'],
    ['User agent', record.location_info || '—'],
    ['Type', record.trace_type],
    ['Resource', `${record.resource_type} ${record.resource_name} ${record.resource_id}`.trim()],
    ['Path', record.resource_url || '—'],
    ['Outcome', `${record.code}${record.message ? ` · ${record.message}` : ''}`],
    ['Request id', record.request_id || '—'],
    ['Trace id', record.trace_id],
    ['Hash', record.hash],
    ['Previous hash', record.prev_hash],
  ];
  return (
    <aside className="admin-detail" aria-label={`Audit record ${record.seq}`}>
      <header className="admin-detail__header">
        <h3>
          #{record.seq} {record.trace_name}
        </h3>
        <RatingBadge rating={record.trace_rating} />
        <Button variant="ghost" onClick={onClose} aria-label="Close details">
          Close
        </Button>
      </header>
      <dl className="admin-detail__facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h4>Request</h4>
      <pre className="admin-detail__json">{prettyJson(record.request)}</pre>
      {record.response && (
        <>
          <h4>Response</h4>
          <pre className="admin-detail__json">{prettyJson(record.response)}</pre>
        </>
      )}
    </aside>
  );
}
