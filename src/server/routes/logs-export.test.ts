// The export endpoint through the real HTTP pipeline: CSV with neutralised formula cells and RFC
// 4180 quoting, NDJSON, newest first across pages, the row cap stated in the file, the audit
// record (query, never rows) and a frozen window named in the file name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';

const NOW = Date.UTC(2026, 4, 1, 12, 0);
const FROM = NOW - 3_600_000;

let t: TestApp;

const hostile = [
  '=HYPERLINK("http://evil.example","click")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\tindented',
  '\rcarriage',
  'plain, with "quotes"\nand a second line',
];

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const group = await t.store.logs.ensureGroup({ name: 'exports', ttlInDays: 30 });
  const stream = await t.store.logs.ensureStream({ groupId: group.id, name: 'web' });
  await t.store.logs.appendLines(
    stream.id,
    hostile.map((content, i) => ({ time: FROM + 60_000 + i * 1000, content: `${content}`, labels: { level: 'WARN', hostName: 'web-1' } })),
  );
  // Many lines, so an export crosses the store's page size.
  const bulk = Array.from({ length: 2_500 }, (_, i) => ({ time: FROM + 600_000 + i * 100, content: `bulk line ${i} ok`, labels: { level: 'INFO' } }));
  await t.store.logs.appendLines(stream.id, bulk);
});
afterAll(() => t.close());

async function download(query: string, roles = ['analyst']): Promise<Response> {
  const headers = await dpopHeaders(t.issuer, 'GET', '/api/logs/export', { roles, sub: 'u-exporter', name: 'Eve Exporter' });
  return t.app.request(`/api/logs/export?${query}`, { headers });
}

/** Splits CSV text into records of cells (RFC 4180, quoted cells may hold commas and line ends). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      cells.push(cell);
      records.push(cells);
      cells = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) records.push([...cells, cell]);
  return records;
}

const window = `from=${FROM}&to=${NOW}`;

describe('GET /api/logs/export', () => {
  it('writes CSV with a header, formula cells neutralised and quoting per RFC 4180, named by its window', async () => {
    const response = await download(`q=${encodeURIComponent('NOT bulk')}&${window}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="vigil-logs_2026-05-01T11-00-00Z_2026-05-01T12-00-00Z.csv"');
    const text = await response.text();
    const records = parseCsv(text);
    expect(records[0]).toEqual(['time', 'id', 'group', 'stream', 'level', 'hostName', 'appName', 'content', 'labels']);
    const rows = records.slice(1);
    expect(rows).toHaveLength(hostile.length);
    // Newest first.
    expect(rows.map((row) => row[7])).toEqual(
      ["'" + hostile[0], "'+1+1", "'-2+3", "'@SUM(A1:A2)", "'\tindented", "'\rcarriage", 'plain, with "quotes"\nand a second line'].reverse(),
    );
    expect(rows[0]).toMatchObject({ 0: new Date(FROM + 66_000).toISOString(), 2: 'exports', 3: 'web', 4: 'WARN', 5: 'web-1', 6: '' });
    expect(JSON.parse(rows[0]![8]!)).toEqual({ level: 'WARN', hostName: 'web-1' });
    // The quoted cell is escaped in the raw text, and no line of the file starts a formula.
    expect(text).toContain('"plain, with ""quotes""\nand a second line"');
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);
    expect(text).not.toContain('# truncated');
  });

  it('writes NDJSON with raw content (JSON is not a formula vector)', async () => {
    const response = await download(`q=${encodeURIComponent('NOT bulk')}&${window}&format=ndjson`);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('.ndjson"');
    const lines = (await response.text()).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(hostile.length);
    expect(lines[0]).toMatchObject({ time: FROM + 66_000, group: 'exports', stream: 'web', level: 'WARN', content: hostile[6] });
    expect(lines.at(-1)).toMatchObject({ content: hostile[0] });
  });

  it('pages through the store newest first and states the row cap in the file when reached', async () => {
    const csv = await (await download(`q=bulk&${window}&limit=2200`)).text();
    const records = parseCsv(csv);
    expect(records).toHaveLength(1 + 2_200 + 1);
    expect(records[1]![7]).toBe('bulk line 2499 ok');
    expect(records[2_200]![7]).toBe('bulk line 300 ok');
    expect(csv.endsWith('# truncated: row cap 2200 reached\r\n')).toBe(true);

    const ndjson = (await (await download(`q=bulk&${window}&limit=5&format=ndjson`)).text()).trimEnd().split('\n');
    expect(ndjson).toHaveLength(6);
    expect(JSON.parse(ndjson[5]!)).toEqual({ truncated: true, rowCap: 5 });
  });

  it('writes every match and no marker when the cap is not reached', async () => {
    const records = parseCsv(await (await download(`q=bulk&${window}`)).text());
    expect(records).toHaveLength(1 + 2_500);
  });

  it('audits the query, window and format, never the rows', async () => {
    await download(`q=${encodeURIComponent('NOT bulk')}&${window}&format=ndjson&limit=50`);
    const record = t.state.audit.list({ limit: 1, actions: ['exportLogs'] }).records[0]!;
    expect(record.user.name).toBe('Eve Exporter');
    expect(JSON.parse(record.request)).toMatchObject({ q: 'NOT bulk', from: FROM, to: NOW, format: 'ndjson', rowCap: 50 });
    expect(JSON.stringify(record)).not.toContain('HYPERLINK');
  });

  it('freezes an open window at the start of the export and names it', async () => {
    const response = await download('q=bulk&limit=1');
    expect(response.headers.get('content-disposition')).toContain('vigil-logs_2026-04-30T12-00-00Z_2026-05-01T12-00-00Z.csv');
    await response.body?.cancel();
  });

  it('refuses bad input before anything is written, and caps the row cap', async () => {
    expect((await download('q=%28unclosed')).status).toBe(400);
    expect((await download(`q=&${window}&limit=1000001`)).status).toBe(400);
    expect((await download(`q=&${window}&format=xlsx`)).status).toBe(400);
    expect((await download(`q=&${window}`, ['manager'])).status).toBe(403);
  });

  it('stops when the client goes away', async () => {
    const response = await download(`q=bulk&${window}`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    const after = await reader.read();
    expect(after.done).toBe(true);
  });
});
