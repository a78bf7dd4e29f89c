/**
 * Search cursors. A cursor carries where the next page starts (an opaque position from the store),
 * the window the first page resolved (so "last 24 hours" does not slide while paging), and a
 * fingerprint of the query it belongs to, so a cursor replayed with another query is refused
 * instead of silently returning a mix. It is not a secret: anyone may page any window they may
 * search, and everything in it is checked again on use.
 */
import { createHash } from 'node:crypto';

const VERSION = 1;

export interface CursorQuery {
  q: string;
  from?: number;
  to?: number;
  groups?: readonly string[];
  streams?: readonly string[];
  order: 'newest' | 'oldest';
}

export interface CursorState {
  /** The store's position: the next page continues strictly after it in the page order. */
  position: string;
  from: number;
  to: number;
}

/** Same query, same fingerprint: order of repeated parameters does not matter, the page size does not count. */
export function queryFingerprint(query: CursorQuery): string {
  const canonical = JSON.stringify([
    query.q,
    query.from ?? null,
    query.to ?? null,
    [...(query.groups ?? [])].sort(),
    [...(query.streams ?? [])].sort(),
    query.order,
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

export function encodeCursor(query: CursorQuery, state: CursorState): string {
  const payload = { v: VERSION, f: queryFingerprint(query), p: state.position, a: state.from, b: state.to };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export class CursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CursorError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The cursor's state, or a CursorError saying why it cannot be used with this query. */
export function decodeCursor(cursor: string, query: CursorQuery): CursorState {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('the cursor is not one this server issued');
  }
  if (!isRecord(payload) || payload.v !== VERSION) throw new CursorError('the cursor is not one this server issued');
  const { f, p, a, b } = payload;
  if (typeof f !== 'string' || typeof p !== 'string' || p.length > 256 || !Number.isSafeInteger(a) || !Number.isSafeInteger(b)) {
    throw new CursorError('the cursor is damaged');
  }
  if (f !== queryFingerprint(query)) {
    throw new CursorError('the cursor belongs to another query: repeat the first request without a cursor');
  }
  return { position: p, from: a as number, to: b as number };
}
