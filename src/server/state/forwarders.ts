import { randomUUID } from 'node:crypto';
import {
  forwardDestinationInputSchema,
  forwardSourceSchema,
  type ForwardDestinationInput,
  type ForwardDestinationView,
  type ForwardSource,
} from '../../contract/index.ts';
import type { Database } from '../storage/embedded/sqlite.ts';

/** Destination as stored: the input without its write-only secrets. */
export type StoredDestination = ForwardDestinationInput;
export interface ForwardSecrets {
  token?: string;
}

/**
 * Everything strictly before the cursor was acknowledged by the destination. Logs: `position` is
 * the store's search position of the last acknowledged line. Traces: `ids` are the trace ids at
 * exactly `time` already delivered (several traces share a millisecond).
 */
export interface ForwardCursor {
  time: number;
  position: string | null;
  ids: string[];
  /**
   * Log sources: the last late arrival looked at (LateArrivalsPage.lastSeq) and the position the
   * forwarder started from (older lines are not its to send). Absent until the first read.
   */
  late?: { seq: number; floor: string };
}

export interface StoredForwarder {
  id: string;
  name: string;
  enabled: boolean;
  source: ForwardSource;
  destination: StoredDestination;
  secrets: ForwardSecrets;
  batchSize: number;
  settleSeconds: number;
  cursor: ForwardCursor;
  delivered: number;
  lastDeliveredAt: number | null;
  failures: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
}

interface Row {
  id: string;
  name: string;
  enabled: number;
  source: string;
  destination: string;
  secrets: string;
  batch_size: number;
  settle_seconds: number;
  cursor: string;
  delivered: number;
  last_delivered_at: number | null;
  failures: number;
  next_attempt_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
}

function toStored(row: Row): StoredForwarder {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    source: forwardSourceSchema.parse(JSON.parse(row.source)),
    destination: forwardDestinationInputSchema.parse(JSON.parse(row.destination)),
    secrets: JSON.parse(row.secrets) as ForwardSecrets,
    batchSize: row.batch_size,
    settleSeconds: row.settle_seconds,
    cursor: JSON.parse(row.cursor) as ForwardCursor,
    delivered: row.delivered,
    lastDeliveredAt: row.last_delivered_at,
    failures: row.failures,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** Splits the destination input into what is stored in the open and the write-only token. */
export function splitDestination(input: ForwardDestinationInput, previous: ForwardSecrets = {}, previousDestination?: StoredDestination): { destination: StoredDestination; secrets: ForwardSecrets } {
  if (input.format === 'cef') {
    // Like the token, an omitted CA keeps the stored one (the view only says whether one is set).
    const caPem = input.caPem ?? (previousDestination?.format === 'cef' ? previousDestination.caPem : undefined);
    return { destination: { ...input, ...(caPem ? { caPem } : {}) }, secrets: {} };
  }
  if (input.format !== 'hec') return { destination: input, secrets: {} };
  const { token, ...rest } = input;
  const kept = token ?? previous.token;
  return { destination: rest, secrets: kept ? { token: kept } : {} };
}

/** The API's view of a destination: no token, no certificate body. */
export function destinationView(destination: StoredDestination, secrets: ForwardSecrets): ForwardDestinationView {
  switch (destination.format) {
    case 'hec':
      return {
        format: 'hec',
        url: destination.url,
        ack: destination.ack,
        tokenSet: Boolean(secrets.token),
        ...(destination.index ? { index: destination.index } : {}),
        ...(destination.sourcetype ? { sourcetype: destination.sourcetype } : {}),
      };
    case 'gelf':
      return { format: 'gelf', host: destination.host, port: destination.port, transport: destination.transport };
    case 'cef':
      return { format: 'cef', host: destination.host, port: destination.port, transport: destination.transport, caSet: Boolean(destination.caPem) };
  }
}

export interface ForwarderWrite {
  name: string;
  enabled: boolean;
  source: ForwardSource;
  destination: StoredDestination;
  secrets: ForwardSecrets;
  batchSize: number;
  settleSeconds: number;
}

/** SIEM forwarders and their cursors in state.db. */
export class Forwarders {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  list(): StoredForwarder[] {
    return (this.#db.prepare('SELECT * FROM forwarders ORDER BY name COLLATE NOCASE, created_at').all() as unknown as Row[]).map(toStored);
  }

  get(id: string): StoredForwarder | null {
    const row = this.#db.prepare('SELECT * FROM forwarders WHERE id = ?').get(id) as Row | undefined;
    return row ? toStored(row) : null;
  }

  create(write: ForwarderWrite, startAt: number, actor: string): StoredForwarder {
    const id = randomUUID();
    const now = this.#now();
    const cursor: ForwardCursor = { time: startAt, position: null, ids: [] };
    this.#db
      .prepare(
        `INSERT INTO forwarders(id, name, enabled, source, destination, secrets, batch_size, settle_seconds, cursor, created_by, created_at, updated_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, write.name, write.enabled ? 1 : 0, JSON.stringify(write.source), JSON.stringify(write.destination), JSON.stringify(write.secrets), write.batchSize, write.settleSeconds, JSON.stringify(cursor), actor, now, actor, now);
    return this.get(id)!;
  }

  /**
   * Replaces the definition. A changed source starts over from the cursor's time (the old
   * position belongs to the old query); failures are reset so the new destination is tried now.
   */
  update(id: string, write: ForwarderWrite, actor: string): StoredForwarder | null {
    const before = this.get(id);
    if (!before) return null;
    const sourceChanged = JSON.stringify(before.source) !== JSON.stringify(write.source);
    const cursor: ForwardCursor = sourceChanged ? { time: before.cursor.time, position: null, ids: [] } : before.cursor;
    this.#db
      .prepare(
        `UPDATE forwarders SET name = ?, enabled = ?, source = ?, destination = ?, secrets = ?, batch_size = ?, settle_seconds = ?, cursor = ?,
           failures = 0, next_attempt_at = NULL, updated_by = ?, updated_at = ? WHERE id = ?`,
      )
      .run(write.name, write.enabled ? 1 : 0, JSON.stringify(write.source), JSON.stringify(write.destination), JSON.stringify(write.secrets), write.batchSize, write.settleSeconds, JSON.stringify(cursor), actor, this.#now(), id);
    return this.get(id);
  }

  delete(id: string): void {
    this.#db.prepare('DELETE FROM forwarders WHERE id = ?').run(id);
  }

  /**
   * The destination acknowledged `count` events up to `cursor`: one statement, so both or neither.
   * Applied only while the definition is the one the batch was read for (`updatedAt`).
   */
  acknowledge(id: string, cursor: ForwardCursor, count: number, updatedAt: number): boolean {
    return this.#db
      .prepare('UPDATE forwarders SET cursor = ?, delivered = delivered + ?, last_delivered_at = ?, failures = 0, next_attempt_at = NULL WHERE id = ? AND updated_at = ?')
      .run(JSON.stringify(cursor), count, this.#now(), id, updatedAt).changes === 1;
  }

  /** Nothing to send up to `cursor` (no matches): the position moves without a delivery. */
  advance(id: string, cursor: ForwardCursor, updatedAt: number): boolean {
    return this.#db.prepare('UPDATE forwarders SET cursor = ?, failures = 0, next_attempt_at = NULL WHERE id = ? AND updated_at = ?').run(JSON.stringify(cursor), id, updatedAt).changes === 1;
  }

  recordFailure(id: string, error: string, nextAttemptAt: number): number {
    const now = this.#now();
    this.#db
      .prepare('UPDATE forwarders SET failures = failures + 1, next_attempt_at = ?, last_error = ?, last_error_at = ? WHERE id = ?')
      .run(nextAttemptAt, error.slice(0, 500), now, id);
    return this.get(id)?.failures ?? 0;
  }
}
