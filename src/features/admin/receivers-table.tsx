import type { IngestReceiverStatus } from '../../contract/schemas/ingest.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';

const count = (n: number) => n.toLocaleString('en-US');

function rejected(r: IngestReceiverStatus): string {
  const parts = Object.entries(r.rejected).filter(([, n]) => n > 0);
  return parts.length === 0 ? '0' : parts.map(([reason, n]) => `${count(n)} ${reason.replaceAll('_', ' ')}`).join(', ');
}

function loss(r: IngestReceiverStatus): string {
  if (r.sequenceGaps === undefined && r.kernelDrops === undefined) return '–';
  return `${count(r.sequenceGaps ?? 0)} gaps · ${count(r.kernelDrops ?? 0)} kernel drops`;
}

/** Lines stored with a visible change: cut to the size limit, time replaced, unparsed syslog. */
function notes(r: IngestReceiverStatus): string {
  const parts = [
    [r.truncated, 'cut to the size limit'],
    [r.futureTimes, 'future time replaced'],
    [r.malformed, 'raw (not syslog)'],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, what]) => `${count(n)} ${what}`);
  return shown.length === 0 ? 'none' : shown.join(', ');
}

/** One row per receiver: what arrived, what is durable, what was refused and why. */
export function ReceiversTable({ receivers, zone }: { receivers: IngestReceiverStatus[]; zone: TimeZoneMode }) {
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Receivers">
        <thead>
          <tr>
            <th scope="col">Receiver</th>
            <th scope="col" className="numeric">Received</th>
            <th scope="col" className="numeric">Committed</th>
            <th scope="col">Rejected</th>
            <th scope="col">Kept with a note</th>
            <th scope="col">UDP loss</th>
            <th scope="col">Last commit</th>
          </tr>
        </thead>
        <tbody>
          {receivers.map((r) => (
            <tr key={r.name}>
              <th scope="row" className="table__name">
                {r.name}
              </th>
              <td className="numeric">{count(r.received)}</td>
              <td className="numeric">{count(r.committed)}</td>
              <td>{rejected(r)}</td>
              <td>{notes(r)}</td>
              <td>{loss(r)}</td>
              <td>{r.lastCommitAt === null ? 'never' : formatDateTime(r.lastCommitAt, zone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
