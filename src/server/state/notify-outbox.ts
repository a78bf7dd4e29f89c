/**
 * The notification outbox and the notifier's grouping state in state.db. A notification becomes
 * rows here in the same transaction that advances the grouping state, so a crash can neither lose
 * it nor create it twice; rows are then sent at least once (a row left 'sending' by a crash is
 * taken again when its lease runs out).
 */
import type { Notification } from '../../contract/index.ts';
import { transaction, type Database } from '../storage/embedded/sqlite.ts';
import type { NotificationContent } from '../services/notify/message.ts';
import { emptyNotifyState, type NotifyState } from '../services/notify/model.ts';

export interface OutboxRow {
  seq: number;
  channel_id: string;
  channel_name: string;
  channel_kind: string;
  rule_id: string;
  rule_name: string;
  group_key: string;
  reason: string;
  alert_count: number;
  title: string;
  content: string;
  status: Notification['status'];
  attempts: number;
  next_attempt_at: number | null;
  lease_until: number | null;
  last_error: string | null;
  idempotency_key: string;
  silence_id: string | null;
  created_at: number;
  delivered_at: number | null;
}

export interface NewOutboxRow {
  channelId: string;
  channelName: string;
  channelKind: string;
  content: NotificationContent;
  title: string;
  status: 'pending' | 'failed' | 'silenced';
  lastError?: string;
  silenceId?: string | null;
  nextAttemptAt: number | null;
  /** Attempts already made (a channel test is sent before its row is written). */
  attempts?: number;
}

export interface OutboxFilter {
  status?: Notification['status'] | undefined;
  channelId?: string | undefined;
  ruleId?: string | undefined;
  before?: number | undefined;
  limit: number;
}

export function notificationView(row: OutboxRow): Notification {
  return {
    id: String(row.seq),
    channelId: row.channel_id,
    channelName: row.channel_name,
    channelKind: row.channel_kind,
    ruleId: row.rule_id,
    ruleName: row.rule_name,
    groupKey: row.group_key,
    reason: row.reason as Notification['reason'],
    alertCount: row.alert_count,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastError: row.last_error,
    idempotencyKey: row.idempotency_key,
    silenceId: row.silence_id,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    title: row.title,
  };
}

export class NotifyOutbox {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** Runs `work` in one write transaction (state change and new rows together). */
  atomically<T>(work: () => T): T {
    return transaction(this.#db, work);
  }

  loadState(): NotifyState {
    const row = this.#db.prepare('SELECT state FROM notify_state WHERE id = 1').get() as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as NotifyState) : emptyNotifyState();
  }

  saveState(state: NotifyState): void {
    this.#db
      .prepare('INSERT INTO notify_state(id, state, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at')
      .run(JSON.stringify(state), this.#now());
  }

  /** Adds a row; a second row for the same (idempotency key, channel) is ignored. Returns its seq or null. */
  add(row: NewOutboxRow): number | null {
    const c = row.content;
    const result = this.#db
      .prepare(
        `INSERT OR IGNORE INTO notify_outbox(channel_id, channel_name, channel_kind, rule_id, rule_name, group_key, reason, alert_count, title, content,
           status, attempts, next_attempt_at, last_error, idempotency_key, silence_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.channelId, row.channelName, row.channelKind, c.ruleId, c.ruleName, c.groupKey, c.reason, c.alerts.length, row.title, JSON.stringify(c),
        row.status, row.attempts ?? 0, row.nextAttemptAt, row.lastError ?? null, c.idempotencyKey, row.silenceId ?? null, this.#now(),
      );
    return result.changes ? Number(result.lastInsertRowid) : null;
  }

  /** Rows left 'sending' by a crashed or stalled sender become due again. */
  reclaimExpired(now: number): number {
    return Number(
      this.#db.prepare("UPDATE notify_outbox SET status = 'pending', lease_until = NULL, next_attempt_at = ? WHERE status = 'sending' AND lease_until <= ?").run(now, now).changes,
    );
  }

  /** Takes up to `limit` due rows for sending: each gets a lease and one more attempt counted. */
  claimDue(now: number, limit: number, leaseMs: number): OutboxRow[] {
    return transaction(this.#db, () => {
      const rows = this.#db
        .prepare("SELECT * FROM notify_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, seq LIMIT ?")
        .all(now, limit) as unknown as OutboxRow[];
      const claim = this.#db.prepare("UPDATE notify_outbox SET status = 'sending', attempts = attempts + 1, lease_until = ? WHERE seq = ?");
      for (const row of rows) claim.run(now + leaseMs, row.seq);
      return rows.map((row) => ({ ...row, status: 'sending' as const, attempts: row.attempts + 1, lease_until: now + leaseMs }));
    });
  }

  markDelivered(seq: number, now: number): void {
    this.#db.prepare("UPDATE notify_outbox SET status = 'delivered', delivered_at = ?, lease_until = NULL, last_error = NULL WHERE seq = ?").run(now, seq);
  }

  markRetry(seq: number, nextAttemptAt: number, error: string): void {
    this.#db.prepare("UPDATE notify_outbox SET status = 'pending', next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE seq = ?").run(nextAttemptAt, error.slice(0, 500), seq);
  }

  markFailed(seq: number, error: string): void {
    this.#db.prepare("UPDATE notify_outbox SET status = 'failed', lease_until = NULL, next_attempt_at = NULL, last_error = ? WHERE seq = ?").run(error.slice(0, 500), seq);
  }

  get(seq: number): OutboxRow | null {
    return (this.#db.prepare('SELECT * FROM notify_outbox WHERE seq = ?').get(seq) as OutboxRow | undefined) ?? null;
  }

  /** The earliest time a pending row falls due (for the sender's timer). */
  nextDueAt(): number | null {
    const row = this.#db.prepare("SELECT min(next_attempt_at) AS t FROM notify_outbox WHERE status = 'pending'").get() as { t: number | null };
    return row.t;
  }

  list(filter: OutboxFilter): OutboxRow[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      args.push(value);
    };
    add('status = ?', filter.status);
    add('channel_id = ?', filter.channelId);
    add('rule_id = ?', filter.ruleId);
    add('seq < ?', filter.before);
    const sql = `SELECT * FROM notify_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return this.#db.prepare(sql).all(...args, filter.limit) as unknown as OutboxRow[];
  }

  counts(): Record<string, number> {
    const rows = this.#db.prepare('SELECT status, count(*) AS n FROM notify_outbox GROUP BY status').all() as Array<{ status: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Alert notifications created in [from, to) by status (not scheduled reports): the compliance Monitoring check reads it. */
  countsBetween(from: number, to: number): Record<string, number> {
    const rows = this.#db
      .prepare("SELECT status, count(*) AS n FROM notify_outbox WHERE created_at >= ? AND created_at < ? AND reason != 'report' GROUP BY status")
      .all(from, to) as Array<{ status: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
