import { useState, type ReactNode } from 'react';
import { Button } from '../../components/button.tsx';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';

/** What every kind of token (API, ingest) shows. */
export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  expiresAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** A column a kind of token adds after its name (its role, its groups, its rate). */
export interface TokenColumn<T> {
  header: string;
  cell: (token: T) => ReactNode;
}

function status(token: TokenRow, now: number): { label: 'active' | 'expired' | 'revoked'; tone: string } {
  if (token.revokedAt !== null) return { label: 'revoked', tone: 'badge--muted' };
  if (token.expiresAt <= now) return { label: 'expired', tone: 'badge--warning' };
  return { label: 'active', tone: 'badge--success' };
}

export interface TokenTableProps<T extends TokenRow> {
  label: string;
  tokens: T[];
  columns: TokenColumn<T>[];
  zone: TimeZoneMode;
  revoking: string | null;
  onRevoke: (token: T) => void;
}

export function TokenTable<T extends TokenRow>({ label, tokens, columns, zone, revoking, onRevoke }: TokenTableProps<T>) {
  const [now] = useState(() => Date.now());
  return (
    <div className="table-scroll">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {columns.map((column) => (
              <th scope="col" key={column.header}>
                {column.header}
              </th>
            ))}
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
            const { label: state, tone } = status(token, now);
            return (
              <tr key={token.id}>
                <th scope="row" className="table__name">
                  {token.name}
                </th>
                {columns.map((column) => (
                  <td key={column.header}>{column.cell(token)}</td>
                ))}
                <td className="numeric">{token.prefix}…</td>
                <td>{formatDateTime(token.expiresAt, zone, { seconds: false })}</td>
                <td>{token.lastUsedAt === null ? 'never' : formatDateTime(token.lastUsedAt, zone, { seconds: false })}</td>
                <td>
                  <span className={`badge ${tone}`}>{state}</span>
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
