import { randomUUID } from 'node:crypto';
import { labelMatcherSchema, recurrenceSchema, type LabelMatcher, type Recurrence, type Silence } from '../../contract/index.ts';
import type { Database } from '../storage/embedded/sqlite.ts';
import { activeUntil, type SilenceRule } from '../services/notify/silence-match.ts';

interface SilenceRow {
  id: string;
  kind: string;
  matchers: string;
  starts_at: number;
  ends_at: number;
  comment: string;
  recurrence: string | null;
  created_by: string;
  created_at: number;
  expired_by: string | null;
  expired_at: number | null;
}

export type StoredSilence = Omit<Silence, 'status'> & SilenceRule;

function toStored(row: SilenceRow): StoredSilence {
  return {
    id: row.id,
    kind: row.kind === 'maintenance' ? 'maintenance' : 'silence',
    matchers: labelMatcherSchema.array().parse(JSON.parse(row.matchers)),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    comment: row.comment,
    ...(row.recurrence ? { recurrence: recurrenceSchema.parse(JSON.parse(row.recurrence)) } : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    ...(row.expired_by ? { expiredBy: row.expired_by } : {}),
    ...(row.expired_at !== null ? { expiredAt: row.expired_at } : {}),
  };
}

/** Status at `now`: a recurring window between its occurrences counts as pending. */
export function silenceView(silence: StoredSilence, now: number): Silence {
  const end = Math.min(silence.endsAt, silence.expiredAt ?? Infinity);
  const status = now >= end ? 'expired' : activeUntil(silence, now) !== null ? 'active' : 'pending';
  return { ...silence, status };
}

export interface SilenceInput {
  kind: 'silence' | 'maintenance';
  matchers: LabelMatcher[];
  startsAt: number;
  endsAt: number;
  comment: string;
  recurrence?: Recurrence | undefined;
}

export class NotifySilences {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** Silences not yet over (what the notifier applies), or all, newest first. */
  list(include: 'current' | 'all'): StoredSilence[] {
    const sql =
      include === 'all'
        ? 'SELECT * FROM notify_silences ORDER BY created_at DESC LIMIT 1000'
        : 'SELECT * FROM notify_silences WHERE ends_at > ? AND (expired_at IS NULL OR expired_at > ?) ORDER BY starts_at, created_at';
    const now = this.#now();
    const rows = (include === 'all' ? this.#db.prepare(sql).all() : this.#db.prepare(sql).all(now, now)) as unknown as SilenceRow[];
    return rows.map(toStored);
  }

  countCurrent(): number {
    const now = this.#now();
    return (this.#db.prepare('SELECT count(*) AS n FROM notify_silences WHERE ends_at > ? AND (expired_at IS NULL OR expired_at > ?)').get(now, now) as { n: number }).n;
  }

  get(id: string): StoredSilence | null {
    const row = this.#db.prepare('SELECT * FROM notify_silences WHERE id = ?').get(id) as SilenceRow | undefined;
    return row ? toStored(row) : null;
  }

  create(input: SilenceInput, actor: string): StoredSilence {
    const id = randomUUID();
    this.#db
      .prepare('INSERT INTO notify_silences(id, kind, matchers, starts_at, ends_at, comment, recurrence, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.kind, JSON.stringify(input.matchers), input.startsAt, input.endsAt, input.comment, input.recurrence ? JSON.stringify(input.recurrence) : null, actor, this.#now());
    return this.get(id)!;
  }

  expire(id: string, actor: string): StoredSilence | null {
    this.#db.prepare('UPDATE notify_silences SET expired_by = ?, expired_at = ? WHERE id = ? AND expired_at IS NULL').run(actor, this.#now(), id);
    return this.get(id);
  }
}
