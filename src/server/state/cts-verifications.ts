/**
 * Results of checking imported CTS trace files against CTS digest files. The integrity check
 * reads the newest result per file: a file that failed once and verified after being imported
 * again from an intact copy counts as verified.
 */
import { basename } from 'node:path';
import type { TraceFileStatus, TraceFileVerification } from '../ingest/cts-digest.ts';
import { transaction, type Database } from '../storage/embedded/sqlite.ts';

export interface CtsVerificationSummary {
  files: number;
  counts: Record<TraceFileStatus, number>;
  lastVerifiedAt: number;
  /** Files whose newest result is not 'verified', worst first, at most 20. */
  problems: { file: string; status: TraceFileStatus; detail: string; verifiedAt: number }[];
}

const SEVERITY: Record<TraceFileStatus, number> = { changed: 0, signature_invalid: 1, unsigned: 2, not_covered: 3, verified: 4 };

export class CtsVerifications {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  record(results: readonly TraceFileVerification[]): void {
    const at = this.#now();
    const insert = this.#db.prepare('INSERT INTO cts_file_verifications(file, md5, status, digest, detail, verified_at) VALUES (?, ?, ?, ?, ?, ?)');
    transaction(this.#db, () => {
      for (const r of results) insert.run(basename(r.file), r.md5, r.status, r.digest, r.detail.slice(0, 500), at);
    });
  }

  /** The newest result of every file; null when no file was ever checked. */
  summary(): CtsVerificationSummary | null {
    const rows = this.#db
      .prepare(
        `SELECT file, status, detail, verified_at FROM cts_file_verifications v
         WHERE seq = (SELECT max(seq) FROM cts_file_verifications w WHERE w.file = v.file)`,
      )
      .all() as { file: string; status: TraceFileStatus; detail: string; verified_at: number }[];
    if (rows.length === 0) return null;
    const counts: Record<TraceFileStatus, number> = { verified: 0, changed: 0, signature_invalid: 0, unsigned: 0, not_covered: 0 };
    for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
    const problems = rows
      .filter((r) => r.status !== 'verified')
      .sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || b.verified_at - a.verified_at)
      .slice(0, 20)
      .map((r) => ({ file: r.file, status: r.status, detail: r.detail, verifiedAt: r.verified_at }));
    return { files: rows.length, counts, lastVerifiedAt: Math.max(...rows.map((r) => r.verified_at)), problems };
  }
}
