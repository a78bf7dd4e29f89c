import type { AlertEvent } from '../../contract/index.ts';
import type { AlertTransition } from '../services/alerts/transition.ts';
import type { RuleState } from '../services/alerts/model.ts';
import { transaction, type Database } from '../storage/embedded/sqlite.ts';

interface EventRow {
  id: string;
  rule_id: string;
  rule_name: string;
  rule_version: number;
  severity: AlertEvent['severity'];
  labels: string;
  group_key: string;
  state: AlertEvent['state'];
  starts_at: number;
  ends_at: number | null;
  value: number;
  peak: number;
  threshold: number | null;
  summary: string;
  evidence: string;
  ack_by: string | null;
  ack_at: number | null;
  ack_note: string | null;
  seq: number;
}

function toEvent(row: EventRow): AlertEvent {
  return {
    id: row.id,
    ruleId: row.rule_id,
    ruleName: row.rule_name,
    ruleVersion: row.rule_version,
    severity: row.severity,
    labels: JSON.parse(row.labels) as Record<string, string>,
    groupKey: row.group_key,
    state: row.state,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    value: row.value,
    peak: row.peak,
    threshold: row.threshold,
    summary: row.summary,
    evidencePath: row.evidence,
    ack: row.ack_by !== null ? { by: row.ack_by, at: row.ack_at ?? 0, note: row.ack_note ?? '' } : null,
  };
}

export interface EventFilter {
  state?: AlertEvent['state'];
  severity?: AlertEvent['severity'];
  ruleId?: string;
  acknowledged?: boolean;
  from?: number;
  to?: number;
  beforeSeq?: number;
  limit: number;
}

/** What one evaluation of one rule changes, written in one transaction (restart safety). */
export interface EvaluationCommit {
  ruleId: string;
  evaluatedTo: number;
  state: RuleState;
  lastError: string | null;
  opened: AlertEvent[];
  /** Events that resolved or whose value changed. */
  updated: { id: string; state: AlertEvent['state']; endsAt: number | null; value: number; peak: number }[];
  history: { eventId: string; time: number; state: AlertEvent['state']; value: number }[];
  transitions: AlertTransition[];
}

/** Alert events, their history, each rule's evaluator state and the outbox of transitions. */
export class AlertEvents {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  get(id: string): AlertEvent | null {
    const row = this.#db.prepare('SELECT * FROM alert_events WHERE id = ?').get(id) as EventRow | undefined;
    return row ? toEvent(row) : null;
  }

  /** Newest first; `next` is the seq to continue below. */
  list(filter: EventFilter): { events: AlertEvent[]; next: number | null } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (sql: string, value: string | number) => {
      where.push(sql);
      params.push(value);
    };
    if (filter.state) add('state = ?', filter.state);
    if (filter.severity) add('severity = ?', filter.severity);
    if (filter.ruleId) add('rule_id = ?', filter.ruleId);
    if (filter.acknowledged !== undefined) where.push(filter.acknowledged ? 'ack_by IS NOT NULL' : 'ack_by IS NULL');
    // An event overlaps [from, to) when it started before `to` and had not ended before `from`.
    if (filter.to !== undefined) add('starts_at < ?', filter.to);
    if (filter.from !== undefined) add('(ends_at IS NULL OR ends_at >= ?)', filter.from);
    if (filter.beforeSeq !== undefined) add('seq < ?', filter.beforeSeq);
    const sql = `SELECT * FROM alert_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    const rows = this.#db.prepare(sql).all(...params, filter.limit + 1) as unknown as EventRow[];
    const page = rows.slice(0, filter.limit);
    return { events: page.map(toEvent), next: rows.length > filter.limit ? page[page.length - 1]!.seq : null };
  }

  acknowledge(id: string, by: string, note: string): AlertEvent | null {
    const changed = this.#db.prepare('UPDATE alert_events SET ack_by = ?, ack_at = ?, ack_note = ? WHERE id = ?').run(by, this.#now(), note, id).changes;
    return Number(changed) > 0 ? this.get(id) : null;
  }

  /** Events that started in [from, to), counted per UTC day, severity, state and acknowledgement. */
  dailyCounts(from: number, to: number): { day: number; severity: string; state: string; acked: number; n: number }[] {
    return this.#db
      .prepare(
        `SELECT (starts_at - starts_at % 86400000) AS day, severity, state, (ack_by IS NOT NULL) AS acked, count(*) AS n
         FROM alert_events WHERE starts_at >= ? AND starts_at < ? GROUP BY day, severity, state, acked`,
      )
      .all(from, to) as { day: number; severity: string; state: string; acked: number; n: number }[];
  }

  /** Firing events by severity. */
  firingBySeverity(): Map<string, number> {
    const rows = this.#db.prepare("SELECT severity, count(*) AS n FROM alert_events WHERE state = 'firing' GROUP BY severity").all() as { severity: string; n: number }[];
    return new Map(rows.map((row) => [row.severity, row.n]));
  }

  firingCounts(): Map<string, number> {
    const rows = this.#db.prepare("SELECT rule_id, count(*) AS n FROM alert_events WHERE state = 'firing' GROUP BY rule_id").all() as { rule_id: string; n: number }[];
    return new Map(rows.map((row) => [row.rule_id, row.n]));
  }

  ruleState(ruleId: string): { evaluatedTo: number; state: RuleState; lastError: string | null } | null {
    const row = this.#db.prepare('SELECT * FROM alert_rule_state WHERE rule_id = ?').get(ruleId) as
      | { evaluated_to: number; groups: string; last_error: string | null }
      | undefined;
    return row ? { evaluatedTo: row.evaluated_to, state: JSON.parse(row.groups) as RuleState, lastError: row.last_error } : null;
  }

  forgetRuleState(ruleId: string): void {
    this.#db.prepare('DELETE FROM alert_rule_state WHERE rule_id = ?').run(ruleId);
  }

  commit(change: EvaluationCommit): void {
    transaction(this.#db, () => {
      this.#db
        .prepare(
          `INSERT INTO alert_rule_state(rule_id, evaluated_to, groups, last_error) VALUES (?, ?, ?, ?)
           ON CONFLICT(rule_id) DO UPDATE SET evaluated_to = excluded.evaluated_to, groups = excluded.groups, last_error = excluded.last_error`,
        )
        .run(change.ruleId, change.evaluatedTo, JSON.stringify(change.state), change.lastError);
      const insert = this.#db.prepare(
        `INSERT INTO alert_events(id, rule_id, rule_name, rule_version, severity, labels, group_key, state, starts_at, ends_at, value, peak, threshold, summary, evidence, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM alert_events))`,
      );
      for (const e of change.opened) {
        insert.run(e.id, e.ruleId, e.ruleName, e.ruleVersion, e.severity, JSON.stringify(e.labels), e.groupKey, e.state, e.startsAt, e.endsAt, e.value, e.peak, e.threshold, e.summary, e.evidencePath);
      }
      const update = this.#db.prepare('UPDATE alert_events SET state = ?, ends_at = ?, value = ?, peak = ? WHERE id = ?');
      for (const u of change.updated) update.run(u.state, u.endsAt, u.value, u.peak, u.id);
      const history = this.#db.prepare('INSERT INTO alert_history(event_id, time, state, value) VALUES (?, ?, ?, ?)');
      for (const h of change.history) history.run(h.eventId, h.time, h.state, h.value);
      const outbox = this.#db.prepare('INSERT INTO alert_outbox(transition) VALUES (?)');
      for (const t of change.transitions) outbox.run(JSON.stringify(t));
    });
  }

  /** Transitions not yet handed to the sink, oldest first. */
  undelivered(limit = 500): { seq: number; transition: AlertTransition }[] {
    const rows = this.#db.prepare('SELECT seq, transition FROM alert_outbox WHERE delivered_at IS NULL ORDER BY seq LIMIT ?').all(limit) as { seq: number; transition: string }[];
    return rows.map((row) => ({ seq: row.seq, transition: JSON.parse(row.transition) as AlertTransition }));
  }

  markDelivered(seqs: readonly number[]): void {
    const mark = this.#db.prepare('UPDATE alert_outbox SET delivered_at = ? WHERE seq = ?');
    const now = this.#now();
    transaction(this.#db, () => {
      for (const seq of seqs) mark.run(now, seq);
    });
  }

  history(eventId: string): { time: number; state: AlertEvent['state']; value: number }[] {
    return this.#db.prepare('SELECT time, state, value FROM alert_history WHERE event_id = ? ORDER BY seq').all(eventId) as {
      time: number;
      state: AlertEvent['state'];
      value: number;
    }[];
  }
}
