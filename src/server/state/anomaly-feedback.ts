import type { AnomalyFeedback } from '../../contract/index.ts';
import type { Database } from '../storage/embedded/sqlite.ts';

export interface FeedbackEntry {
  anomalyId: string;
  /** kind|subject key of the series. */
  series: string;
  start: number;
  end: number;
  feedback: AnomalyFeedback;
}

interface Row {
  anomaly_id: string;
  series: string;
  start: number;
  end: number;
  verdict: 'expected' | 'confirmed';
  note: string;
  user_name: string;
  updated_at: number;
}

const toEntry = (row: Row): FeedbackEntry => ({
  anomalyId: row.anomaly_id,
  series: row.series,
  start: row.start,
  end: row.end,
  feedback: { verdict: row.verdict, note: row.note, by: row.user_name, at: row.updated_at },
});

/** Analysts' verdicts on anomalies (state.db); one per anomaly, the latest wins. */
export class AnomalyFeedbackStore {
  readonly #db: Database;
  readonly #now: () => number;
  /** Bumped on every change, so cached detections know their baselines are stale. */
  version = 0;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  all(): FeedbackEntry[] {
    return (this.#db.prepare('SELECT * FROM anomaly_feedback ORDER BY start').all() as unknown as Row[]).map(toEntry);
  }

  get(anomalyId: string): FeedbackEntry | null {
    const row = this.#db.prepare('SELECT * FROM anomaly_feedback WHERE anomaly_id = ?').get(anomalyId) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  set(entry: Omit<FeedbackEntry, 'feedback'>, verdict: 'expected' | 'confirmed', note: string, user: { id: string; name: string }): FeedbackEntry {
    this.#db
      .prepare(
        `INSERT INTO anomaly_feedback(anomaly_id, series, start, end, verdict, note, user_id, user_name, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(anomaly_id) DO UPDATE SET verdict = excluded.verdict, note = excluded.note,
           user_id = excluded.user_id, user_name = excluded.user_name, updated_at = excluded.updated_at`,
      )
      .run(entry.anomalyId, entry.series, entry.start, entry.end, verdict, note, user.id, user.name, this.#now());
    this.version++;
    return this.get(entry.anomalyId)!;
  }
}
