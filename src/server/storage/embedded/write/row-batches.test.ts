import { describe, expect, it } from 'vitest';
import { openDatabase } from '../sqlite.ts';
import { createRowBatches, ROWS_PER_STATEMENT } from './row-batches.ts';

describe('rows written many to a statement', () => {
  it('writes every row once, full statements as they fill and the rest on flush, and forgets discarded ones', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT)');
    const rows = createRowBatches(db, 'INSERT INTO t(a, b)', 2);
    const count = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
    for (let i = 0; i < ROWS_PER_STATEMENT + 5; i++) rows.add(i, `row ${i}`);
    expect(count()).toBe(ROWS_PER_STATEMENT);
    rows.flush();
    expect(count()).toBe(ROWS_PER_STATEMENT + 5);
    rows.add(1_000, 'discarded');
    rows.discard();
    rows.flush();
    expect(count()).toBe(ROWS_PER_STATEMENT + 5);
    expect(db.prepare('SELECT b FROM t WHERE a = ?').get(ROWS_PER_STATEMENT + 4)).toEqual({ b: `row ${ROWS_PER_STATEMENT + 4}` });
    expect(() => rows.add(1)).toThrow(/a row has 2 values, got 1/);
    db.close();
  });
});
