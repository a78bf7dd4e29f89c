/**
 * Compliance records in state.db: daily check snapshots, the policy, report schedules and the
 * runs of the retention job (so the retention check can say when it last ran and what it deleted).
 */
import { randomUUID } from 'node:crypto';
import { compliancePolicySchema, type CheckStatus, type CompliancePolicy, type Schedule } from '../../contract/index.ts';
import { DEFAULT_POLICY } from '../services/compliance/policy.ts';
import { nextRunAfter } from '../services/compliance/report-schedule.ts';
import type { Database } from '../storage/embedded/sqlite.ts';

export const DAY_MS = 86_400_000;

export interface SnapshotRow {
  day: number;
  checkId: string;
  status: CheckStatus;
  summary: string;
  evaluatedAt: number;
}

export interface RetentionRun {
  startedAt: number;
  finishedAt: number;
  deletedLines: number;
  error: string | null;
}

export interface StoredSchedule extends Pick<Schedule, 'id' | 'framework' | 'cadence' | 'recipient' | 'createdBy' | 'createdAt' | 'nextRunAt' | 'lastRunAt' | 'lastError' | 'lastPeriod'> {
  /** The outbox row carrying the newest queued pack. */
  lastOutboxSeq: number | null;
}

interface ScheduleRow {
  id: string; framework: Schedule['framework']; cadence: Schedule['cadence']; recipient: string; created_by: string; created_at: number;
  next_run_at: number | null; last_run_at: number | null; last_error: string | null; last_period_from: number | null; last_period_to: number | null; last_outbox_seq: number | null;
}

function scheduleOf(r: ScheduleRow): StoredSchedule {
  return {
    id: r.id, framework: r.framework, cadence: r.cadence, recipient: r.recipient, createdBy: r.created_by, createdAt: r.created_at,
    nextRunAt: r.next_run_at, lastRunAt: r.last_run_at, lastError: r.last_error,
    lastPeriod: r.last_period_from !== null && r.last_period_to !== null ? { from: r.last_period_from, to: r.last_period_to } : null,
    lastOutboxSeq: r.last_outbox_seq,
  };
}

export function dayOf(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

export class ComplianceState {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** Keeps the last evaluation of each day: a later one the same day replaces the earlier. */
  saveSnapshot(evaluatedAt: number, checks: readonly { id: string; status: CheckStatus; summary: string }[]): void {
    const insert = this.#db.prepare(
      `INSERT INTO compliance_snapshots(day, check_id, status, summary, evaluated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(day, check_id) DO UPDATE SET status = excluded.status, summary = excluded.summary, evaluated_at = excluded.evaluated_at`,
    );
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const check of checks) insert.run(dayOf(evaluatedAt), check.id, check.status, check.summary.slice(0, 500), evaluatedAt);
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Snapshots of days in [from, to), oldest first. */
  snapshots(from: number, to: number, checkId?: string): SnapshotRow[] {
    const rows = this.#db
      .prepare(
        `SELECT day, check_id, status, summary, evaluated_at FROM compliance_snapshots
         WHERE day >= ? AND day < ? ${checkId ? 'AND check_id = ?' : ''} ORDER BY day, check_id`,
      )
      .all(...[dayOf(from), to, ...(checkId ? [checkId] : [])]) as { day: number; check_id: string; status: CheckStatus; summary: string; evaluated_at: number }[];
    return rows.map((r) => ({ day: r.day, checkId: r.check_id, status: r.status, summary: r.summary, evaluatedAt: r.evaluated_at }));
  }

  policy(): { policy: CompliancePolicy; updatedAt: number | null; updatedBy: string | null } {
    const row = this.#db.prepare('SELECT policy, updated_at, updated_by FROM compliance_policy WHERE id = 1').get() as
      | { policy: string; updated_at: number; updated_by: string }
      | undefined;
    if (!row) return { policy: DEFAULT_POLICY, updatedAt: null, updatedBy: null };
    return { policy: compliancePolicySchema.parse(JSON.parse(row.policy)), updatedAt: row.updated_at, updatedBy: row.updated_by };
  }

  setPolicy(policy: CompliancePolicy, by: string): void {
    this.#db
      .prepare(
        `INSERT INTO compliance_policy(id, policy, updated_at, updated_by) VALUES (1, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(JSON.stringify(policy), this.#now(), by);
  }

  schedules(): StoredSchedule[] {
    const rows = this.#db.prepare('SELECT * FROM compliance_schedules ORDER BY created_at').all() as unknown as ScheduleRow[];
    return rows.map(scheduleOf);
  }

  addSchedule(input: Pick<Schedule, 'framework' | 'cadence' | 'recipient'>, by: string): StoredSchedule {
    const now = this.#now();
    const id = randomUUID();
    this.#db
      .prepare('INSERT INTO compliance_schedules(id, framework, cadence, recipient, created_by, created_at, next_run_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.framework, input.cadence, input.recipient, by, now, nextRunAfter(input.cadence, now));
    return this.schedules().find((s) => s.id === id)!;
  }

  removeSchedule(id: string): StoredSchedule | null {
    const before = this.schedules().find((s) => s.id === id) ?? null;
    if (before) this.#db.prepare('DELETE FROM compliance_schedules WHERE id = ?').run(id);
    return before;
  }

  /** What a run did: the pack it queued (outbox row and period) or why it queued none, and the next due time. */
  recordScheduleRun(id: string, run: { runAt: number; nextRunAt: number; error: string | null; period: { from: number; to: number } | null; outboxSeq: number | null }): void {
    this.#db
      .prepare(
        `UPDATE compliance_schedules SET last_run_at = ?, next_run_at = ?, last_error = ?,
           last_period_from = coalesce(?, last_period_from), last_period_to = coalesce(?, last_period_to), last_outbox_seq = coalesce(?, last_outbox_seq)
         WHERE id = ?`,
      )
      .run(run.runAt, run.nextRunAt, run.error, run.period?.from ?? null, run.period?.to ?? null, run.outboxSeq, id);
  }

  /** Schedules stored before runs were recorded have no next run yet: give them one. */
  setNextRun(id: string, nextRunAt: number): void {
    this.#db.prepare('UPDATE compliance_schedules SET next_run_at = ? WHERE id = ?').run(nextRunAt, id);
  }

  recordRetentionRun(run: RetentionRun): void {
    this.#db
      .prepare('INSERT INTO retention_runs(started_at, finished_at, deleted_lines, error) VALUES (?, ?, ?, ?)')
      .run(run.startedAt, run.finishedAt, run.deletedLines, run.error);
  }

  /** The newest run, and the lines deleted over the runs since `since`. */
  retentionRuns(since: number): { last: RetentionRun | null; lastSuccess: RetentionRun | null; deletedSince: number; runsSince: number } {
    const map = (r: { started_at: number; finished_at: number; deleted_lines: number; error: string | null } | undefined): RetentionRun | null =>
      r ? { startedAt: r.started_at, finishedAt: r.finished_at, deletedLines: r.deleted_lines, error: r.error } : null;
    const last = this.#db.prepare('SELECT * FROM retention_runs ORDER BY started_at DESC LIMIT 1').get() as Parameters<typeof map>[0];
    const ok = this.#db.prepare('SELECT * FROM retention_runs WHERE error IS NULL ORDER BY started_at DESC LIMIT 1').get() as Parameters<typeof map>[0];
    const sum = this.#db
      .prepare('SELECT coalesce(sum(deleted_lines), 0) AS n, count(*) AS runs FROM retention_runs WHERE started_at >= ?')
      .get(since) as { n: number; runs: number };
    return { last: map(last), lastSuccess: map(ok), deletedSince: sum.n, runsSince: sum.runs };
  }
}
