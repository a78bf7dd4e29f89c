import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import type { IngestTokenView } from '../../contract/schemas/ingest.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';

export interface IngestTokensTableProps {
  tokens: IngestTokenView[];
  zone: TimeZoneMode;
  revoking: string | null;
  onRevoke: (token: IngestTokenView) => void;
}

export function IngestTokensTable({ tokens, zone, revoking, onRevoke }: IngestTokensTableProps) {
  const [now] = useState(() => Date.now());
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Ingest tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Log groups</th>
            <th scope="col">Rate</th>
            <th scope="col">Token</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const state = token.revokedAt !== null ? 'revoked' : token.expiresAt <= now ? 'expired' : 'active';
            return (
              <tr key={token.id}>
                <th scope="row" className="table__name">
                  {token.name}
                </th>
                <td>{token.groups.join(', ')}</td>
                <td>{token.ratePerSecond === null ? 'default' : `${token.ratePerSecond.toLocaleString('en-US')} lines/s`}</td>
                <td className="numeric">{token.prefix}…</td>
                <td>{formatDateTime(token.expiresAt, zone, { seconds: false })}</td>
                <td>{token.lastUsedAt === null ? 'never' : formatDateTime(token.lastUsedAt, zone, { seconds: false })}</td>
                <td>
                  <span className={`badge ${state === 'active' ? 'badge--success' : state === 'expired' ? 'badge--warning' : 'badge--muted'}`}>{state}</span>
                </td>
                <td>
                  {state === 'active' && (
                    <Button variant="ghost" onClick={() => onRevoke(token)} disabled={revoking === token.id} aria-label={`Revoke ${token.name}`}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
