import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import type { ApiToken } from '../../contract/schemas/api-tokens.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';

function status(token: ApiToken, now: number): { label: string; tone: string } {
  if (token.revokedAt !== null) return { label: 'revoked', tone: 'badge--muted' };
  if (token.expiresAt <= now) return { label: 'expired', tone: 'badge--warning' };
  return { label: 'active', tone: 'badge--success' };
}

export interface TokensTableProps {
  tokens: ApiToken[];
  zone: TimeZoneMode;
  revoking: string | null;
  onRevoke: (token: ApiToken) => void;
}

export function TokensTable({ tokens, zone, revoking, onRevoke }: TokensTableProps) {
  const [now] = useState(() => Date.now());
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Token</th>
            <th scope="col">Created</th>
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
            const { label, tone } = status(token, now);
            return (
              <tr key={token.id}>
                <th scope="row" className="table__name">
                  {token.name}
                </th>
                <td>{token.role}</td>
                <td className="numeric">{token.prefix}…</td>
                <td>
                  {formatDateTime(token.createdAt, zone, { seconds: false })} · {token.createdBy}
                </td>
                <td>{formatDateTime(token.expiresAt, zone, { seconds: false })}</td>
                <td>{token.lastUsedAt === null ? 'never' : formatDateTime(token.lastUsedAt, zone, { seconds: false })}</td>
                <td>
                  <span className={`badge ${tone}`}>{label}</span>
                </td>
                <td>
                  {label === 'active' && (
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
