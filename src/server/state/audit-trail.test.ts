import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../storage/embedded/sqlite.ts';
import { AuditTrail, type AuditEvent } from './audit-trail.ts';
import { openStateDb } from './state-db.ts';

const event = (action: string, code = 200): AuditEvent => ({
  action,
  actor: { id: 'u-admin', name: 'Ada Admin', kind: 'user' },
  sourceIp: '127.0.0.1',
  userAgent: 'test',
  resource: { type: 'apiToken', id: 't1', name: 'ci' },
  code,
  request: { before: null, after: { name: 'ci' } },
});

let dir: string;
let db: Database;
let trail: AuditTrail;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-audit-'));
  db = openStateDb(dir);
  trail = new AuditTrail(db);
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

/** What someone with write access to the file could do: drop the guard triggers, then tamper. */
function tamper(sql: string, ...params: (string | number)[]) {
  db.exec('DROP TRIGGER IF EXISTS audit_records_no_update; DROP TRIGGER IF EXISTS audit_records_no_delete;');
  db.prepare(sql).run(...params);
}

describe('the audit trail', () => {
  it('chains records and verifies an intact chain', () => {
    const first = trail.append(event('createApiToken', 201));
    const second = trail.append(event('revokeApiToken'));
    expect(first.seq).toBe(1);
    expect(second.prev_hash).toBe(first.hash);
    expect(first).toMatchObject({ service_type: 'VIGIL', trace_name: 'createApiToken', trace_rating: 'normal', code: '201' });
    expect(trail.verify()).toMatchObject({ intact: true, checked: 2, intactUpTo: 2, firstBroken: null });
  });

  it('rates refusals as warnings and stores them in CTS trace shape', () => {
    const refused = trail.append({ ...event('refusedRequest', 403), resource: { type: 'endpoint', name: 'GET /api/audit' } });
    expect(refused).toMatchObject({ trace_rating: 'warning', trace_type: 'ConsoleAction', user: { id: 'u-admin', name: 'Ada Admin' } });
  });

  it('refuses updates and deletes through SQL', () => {
    trail.append(event('a'));
    expect(() => db.prepare("UPDATE audit_records SET trace_name = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_records').run()).toThrow(/append-only/);
  });

  it('detects an edited record and names it', () => {
    for (const action of ['a', 'b', 'c']) trail.append(event(action));
    const row = db.prepare('SELECT record FROM audit_records WHERE seq = 2').get() as { record: string };
    tamper('UPDATE audit_records SET record = ? WHERE seq = 2', row.record.replace('Ada Admin', 'Mallory'));
    expect(trail.verify()).toMatchObject({ intact: false, intactUpTo: 1, firstBroken: { seq: 2, reason: expect.stringMatching(/edited/) } });
  });

  it('detects a deleted record', () => {
    for (const action of ['a', 'b', 'c']) trail.append(event(action));
    tamper('DELETE FROM audit_records WHERE seq = 2');
    expect(trail.verify()).toMatchObject({ intact: false, firstBroken: { seq: 2, reason: expect.stringMatching(/missing/) } });
  });

  it('detects reordered records', () => {
    for (const action of ['a', 'b', 'c']) trail.append(event(action));
    tamper('UPDATE audit_records SET seq = 10 WHERE seq = 2');
    tamper('UPDATE audit_records SET seq = 2 WHERE seq = 3');
    tamper('UPDATE audit_records SET seq = 3 WHERE seq = 10');
    expect(trail.verify()).toMatchObject({ intact: false, firstBroken: { seq: 2, reason: expect.stringMatching(/link/) } });
  });

  it('lists newest first with filters and a cursor that visits every record once', () => {
    for (let i = 0; i < 7; i++) trail.append(event(i % 2 ? 'searchLogs' : 'refusedRequest', i % 2 ? 200 : 401));
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = trail.list({ limit: 3, beforeSeq });
      seen.push(...page.records.map((r) => r.seq));
      if (page.nextBeforeSeq === null) break;
      beforeSeq = page.nextBeforeSeq;
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(trail.list({ limit: 10, actions: ['searchLogs'] }).records.map((r) => r.seq)).toEqual([6, 4, 2]);
    expect(trail.list({ limit: 10, rating: 'warning' }).records).toHaveLength(4);
    expect(trail.list({ limit: 10, users: ['Ada Admin'] }).records).toHaveLength(7);
  });

  it('refuses to open a state database written by a newer Vigil', async () => {
    db.close();
    const raw = openDatabase(path.join(dir, 'state.db'));
    raw.exec('PRAGMA user_version = 99');
    raw.close();
    expect(() => openStateDb(dir)).toThrow(/schema version 99.*newer Vigil/);
    db = openStateDb(await mkdtemp(path.join(os.tmpdir(), 'vigil-audit-')));
  });
});
