import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLines, type FileLine, type ReadFrom } from './read-lines.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-lines-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lines(content: string | Buffer, maxChars = 100, from?: ReadFrom): Promise<FileLine[]> {
  const path = join(dir, `f-${Math.random().toString(36).slice(2)}`);
  await writeFile(path, content);
  const out: FileLine[] = [];
  for await (const line of readLines(path, maxChars, from)) out.push(line);
  return out;
}

describe('readLines', () => {
  it('splits on LF, drops the CR of CRLF, keeps a lone CR, and reads a last line without newline', async () => {
    const got = await lines('\uFEFFfirst\r\nsec\rond\n\nlast');
    expect(got.map((l) => [l.number, l.text])).toEqual([[1, 'first'], [2, 'sec\rond'], [3, ''], [4, 'last']]);
  });

  it('returns nothing for an empty file and no extra line after a final newline', async () => {
    expect(await lines('')).toEqual([]);
    expect((await lines('a\nb\n')).map((l) => l.text)).toEqual(['a', 'b']);
  });

  it('cuts overlong lines but reports their true length', async () => {
    const got = await lines(`${'x'.repeat(250)}\r\nshort\n`, 100);
    expect(got[0]).toEqual({ number: 1, text: 'x'.repeat(100), length: 250, end: 252 });
    expect(got[1]).toEqual({ number: 2, text: 'short', length: 5, end: 258 });
  });

  it('keeps multi-byte characters whole across read chunks', async () => {
    const long = `${'ä'.repeat(200_000)}\n€\n`;
    const got = await lines(Buffer.from(long, 'utf8'), 300_000);
    expect(got.map((l) => l.length)).toEqual([200_000, 1]);
    expect(got[1]!.text).toBe('€');
  });

  it('reports where each line ends in bytes, so reading can resume at a line exactly', async () => {
    const text = '\ufeffeins ä\r\nzwei €\n\ndrei 😀\nvier';
    const all = await lines(text);
    expect(all.map((l) => l.text)).toEqual(['eins ä', 'zwei €', '', 'drei 😀', 'vier']);
    expect(all.at(-1)!.end).toBe(Buffer.byteLength(text));
    const second = all[1]!;
    const rest = await lines(text, 1000, { byte: second.end, line: second.number });
    expect(rest.map((l) => [l.number, l.text, l.length])).toEqual([[3, '', 0], [4, 'drei 😀', 7], [5, 'vier', 4]]);
  });
});
