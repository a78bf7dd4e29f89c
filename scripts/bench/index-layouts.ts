/**
 * Why the field and substring indexes look the way they do (search/README.md): candidate
 * layouts built side by side over the same generated lines, in one process, each in its own
 * file, measuring build time, size and the queries the targets name.
 *   node scripts/bench/index-layouts.ts [--lines N]
 * Field layouts:
 *   A  b-tree (fid, v, id) WITHOUT ROWID, v a number or folded text (what Vigil uses)
 *   B  FTS5 tokens `name=value` (detail=none), plus a numeric b-tree for ranges (fid, num, id)
 * Substring layouts: FTS5 trigram with detail=none (Vigil) and with detail=full.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractFields } from '../../src/server/search/field-extract.ts';
import { openDatabase, type Database } from '../../src/server/storage/embedded/sqlite.ts';
import { BENCH_STREAMS, createLineGenerator } from './log-generator.ts';

const { values } = parseArgs({ options: { lines: { type: 'string', default: '200000' } } });
const LINES = Number(values.lines);
const RUNS = 15;

interface Line {
  id: number;
  content: string;
  fields: Map<string, number | string>;
}

function generate(): Line[] {
  const generator = createLineGenerator(7, Date.UTC(2026, 0, 1), 2_000);
  const lines: Line[] = [];
  let id = 0;
  while (lines.length < LINES) {
    for (const line of generator.batch(BENCH_STREAMS[lines.length % 3]!, 1_000)) {
      // The bench lines carry no latency: add the JSON shape the demo's shop service writes.
      const content = lines.length % 5 === 0 ? `{"level":"INFO","status":${[200, 200, 404, 503][id % 4]},"duration_ms":${(id * 7919) % 3000}}` : line.content;
      lines.push({ id: id++, content, fields: extractFields(content, line.labels, 64).fields });
    }
  }
  return lines;
}

function time(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function p50(work: () => void): number {
  const times = Array.from({ length: RUNS }, () => time(work)).sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

async function withDb(dir: string, name: string, build: (db: Database) => void, queries: Record<string, (db: Database) => unknown>) {
  const path = join(dir, `${name}.db`);
  const db = openDatabase(path);
  db.exec('PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072');
  const buildMs = time(() => {
    db.exec('BEGIN');
    build(db);
    db.exec('COMMIT');
  });
  db.exec('VACUUM');
  const mb = (await stat(path)).size / 1e6;
  const results = Object.entries(queries).map(([label, query]) => `${label} ${p50(() => query(db)).toFixed(1)} ms (${JSON.stringify(query(db))})`);
  db.close();
  console.log(`${name.padEnd(22)} build ${(buildMs / 1000).toFixed(1)} s, ${((mb * 1e6) / LINES).toFixed(0)} MB per 1M lines | ${results.join(' | ')}`);
}

const lines = generate();
const dir = await mkdtemp(join(tmpdir(), 'vigil-layouts-'));
const names = new Map<string, number>();
const fid = (name: string) => names.get(name) ?? (names.set(name, names.size + 1), names.size);
try {
  console.log(`${LINES.toLocaleString('en')} lines; p50 of ${RUNS} runs; sizes after VACUUM`);
  await withDb(dir, 'A btree (fid,v,id)', (db) => {
    db.exec('CREATE TABLE f(fid INTEGER NOT NULL, v, id INTEGER NOT NULL, PRIMARY KEY(fid, v, id)) WITHOUT ROWID');
    const insert = db.prepare('INSERT OR IGNORE INTO f VALUES (?, ?, ?)');
    for (const line of lines) for (const [name, key] of line.fields) insert.run(fid(name), key, line.id);
  }, {
    'status>=500 count': (db) => (db.prepare("SELECT count(*) AS n FROM f WHERE fid = ? AND v >= 500 AND v < ''").get(fid('status')) as { n: number }).n,
    'status:503 newest 100': (db) => db.prepare('SELECT id FROM f WHERE fid = ? AND v = 503 ORDER BY id DESC LIMIT 100').all(fid('status')).length,
    'duration_ms>1000 newest 100': (db) => db.prepare("SELECT id FROM f WHERE fid = ? AND v > 1000 AND v < '' ORDER BY id DESC LIMIT 100").all(fid('duration_ms')).length,
  });
  await withDb(dir, 'B fts tokens + numeric', (db) => {
    db.exec("CREATE VIRTUAL TABLE t USING fts5(kv, tokenize=\"unicode61 tokenchars '=._-/:'\", detail=none)");
    db.exec('CREATE TABLE n(fid INTEGER NOT NULL, num REAL NOT NULL, id INTEGER NOT NULL, PRIMARY KEY(fid, num, id)) WITHOUT ROWID');
    const insertText = db.prepare('INSERT INTO t(rowid, kv) VALUES (?, ?)');
    const insertNum = db.prepare('INSERT OR IGNORE INTO n VALUES (?, ?, ?)');
    for (const line of lines) {
      const tokens: string[] = [];
      for (const [name, key] of line.fields) {
        tokens.push(`${name}=${String(key).replace(/[^\p{L}\p{N}._\-/:]/gu, '_')}`);
        if (typeof key === 'number') insertNum.run(fid(name), key, line.id);
      }
      if (tokens.length > 0) insertText.run(line.id, tokens.join(' '));
    }
  }, {
    'status>=500 count': (db) => (db.prepare('SELECT count(*) AS n FROM n WHERE fid = ? AND num >= 500').get(fid('status')) as { n: number }).n,
    'status:503 newest 100': (db) => db.prepare("SELECT rowid FROM t WHERE t MATCH '\"status=503\"' ORDER BY rowid DESC LIMIT 100").all().length,
    'duration_ms>1000 newest 100': (db) => db.prepare('SELECT id FROM n WHERE fid = ? AND num > 1000 ORDER BY id DESC LIMIT 100').all(fid('duration_ms')).length,
  });
  for (const detail of ['none', 'full']) {
    await withDb(dir, `trigram detail=${detail}`, (db) => {
      db.exec(`CREATE TABLE logs(id INTEGER PRIMARY KEY, content TEXT NOT NULL); CREATE VIRTUAL TABLE tri USING fts5(content, content='logs', content_rowid='id', tokenize='trigram', detail=${detail})`);
      const insert = db.prepare('INSERT INTO logs(id, content) VALUES (?, ?)');
      const index = db.prepare('INSERT INTO tri(rowid, content) VALUES (?, ?)');
      for (const line of lines) {
        insert.run(line.id, line.content);
        index.run(line.id, line.content);
      }
    }, {
      '*admin* count': (db) => (db.prepare("SELECT count(*) AS n FROM tri WHERE tri MATCH '\"adm\" AND \"dmi\" AND \"min\"'").get() as { n: number }).n,
      '*okka77* count': (db) => (db.prepare("SELECT count(*) AS n FROM tri WHERE tri MATCH '\"okk\" AND \"kka\" AND \"ka7\" AND \"a77\"'").get() as { n: number }).n,
    });
  }
  await withDb(dir, 'lines only (no index)', (db) => {
    db.exec('CREATE TABLE logs(id INTEGER PRIMARY KEY, content TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO logs(id, content) VALUES (?, ?)');
    for (const line of lines) insert.run(line.id, line.content);
  }, {});
} finally {
  await rm(dir, { recursive: true, force: true });
}
