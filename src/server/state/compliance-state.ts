/**
 * Compliance records in state.db: daily check snapshots, the policy, report schedules and the
 * runs of the retention job (so the retention check can say when it last ran and what it deleted).
 */
import { randomUUID } from 'node:crypto';
import { compliancePolicySchema, type CheckStatus, type CompliancePolicy, type Schedule } from '../../contract/index.ts';
import { DEFAULT_POLICY } from '../services/compliance/policy.ts';
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

  schedules(): Schedule[] {
    const rows = this.#db.prepare('SELECT * FROM compliance_schedules ORDER BY created_at').all() as {
      id: string; framework: Schedule['framework']; cadence: Schedule['cadence']; recipient: string; created_by: string; created_at: number;
    }[];
    return rows.map((r) => ({ id: r.id, framework: r.framework, cadence: r.cadence, recipient: r.recipient, createdBy: r.created_by, createdAt: r.created_at, delivery: 'not_configured' }));
  }

  addSchedule(input: Pick<Schedule, 'framework' | 'cadence' | 'recipient'>, by: string): Schedule {
    const schedule: Schedule = { ...input, id: randomUUID(), createdBy: by, createdAt: this.#now(), delivery: 'not_configured' };
    this.#db
      .prepare('INSERT INTO compliance_schedules(id, framework, cadence, recipient, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(schedule.id, schedule.framework, schedule.cadence, schedule.recipient, schedule.createdBy, schedule.createdAt);
    return schedule;
  }

  removeSchedule(id: string): Schedule | null {
    const before = this.schedules().find((s) => s.id === id) ?? null;
    if (before) this.#db.prepare('DELETE FROM compliance_schedules WHERE id = ?').run(id);
    return before;
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
