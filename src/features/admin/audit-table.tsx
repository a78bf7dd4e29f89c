import type { AuditRecord } from '../../contract/schemas/audit.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { RatingBadge } from './rating-badge.tsx';

export interface AuditTableProps {
  records: AuditRecord[];
  zone: TimeZoneMode;
  selected: number | null;
  onSelect: (seq: number) => void;
}

export function AuditTable({ records, zone, selected, onSelect }: AuditTableProps) {
  return (
    <div className="table-scroll">
      <table className="table table--audit">
        <thead>
          <tr>
            <th scope="col" className="table__number">#</th>
            <th scope="col">Time{zone === 'utc' ? ' (UTC)' : ''}</th>
            <th scope="col">Action</th>
            <th scope="col">User</th>
            <th scope="col">Source IP</th>
            <th scope="col">Resource</th>
            <th scope="col" className="table__number">Code</th>
            <th scope="col">Rating</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr
              key={record.seq}
              aria-selected={record.seq === selected}
              tabIndex={0}
              className="table__row--clickable"
              onClick={() => onSelect(record.seq)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') onSelect(record.seq);
              }}
            >
              <td className="table__number">{record.seq}</td>
              <td className="numeric">{formatDateTime(record.time, zone)}</td>
              <td className="table__name">{record.trace_name}</td>
              <td>{record.user.name}</td>
              <td className="numeric">{record.source_ip}</td>
              <td className="table__truncate" title={`${record.resource_type} ${record.resource_name || record.resource_id}`}>
                {record.resource_type} {record.resource_name || record.resource_id}
              </td>
              <td className="table__number">{record.code}</td>
              <td>
                <RatingBadge rating={record.trace_rating} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
