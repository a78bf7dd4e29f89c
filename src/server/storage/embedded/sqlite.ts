/**
 * The one place that imports node:sqlite. The module is still marked experimental/release
 * candidate and later Node versions rename `DatabaseSync` to `Database` (DEP0210), so everything
 * else talks to these aliases and a rename is a one-line change here.
 */
import { DatabaseSync } from 'node:sqlite';
import type { SQLInputValue, StatementSync } from 'node:sqlite';

export type Database = DatabaseSync;
export type Statement = StatementSync;
export type SqlValue = SQLInputValue;

export interface OpenOptions {
  readOnly?: boolean;
  /** How long a connection waits for a lock held by another connection (busy_timeout), in ms. */
  busyTimeoutMs?: number;
}

export function openDatabase(path: string, options: OpenOptions = {}): Database {
  return new DatabaseSync(path, {
    readOnly: options.readOnly ?? false,
    timeout: options.busyTimeoutMs ?? 5_000,
  });
}

/**
 * Runs `work` inside one transaction. BEGIN IMMEDIATE takes the write lock up front so a
 * transaction never fails half-way with SQLITE_BUSY when upgrading from a read lock.
 */
export function transaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
