import { describe, expect, it } from 'vitest';
import { prettyJson } from './line-json.ts';
import { controlStandIn } from '../../lib/visible-text.ts';
import { cutIndex, formatBytes, normalizeHighlights, segmentLine, shortText, utf8Length } from './line-text.ts';

describe('segmentLine: matches', () => {
  it('splits content into plain and marked segments', () => {
    expect(segmentLine('Failed password for root from 1.2.3.4', [{ start: 0, end: 15 }, { start: 30, end: 37 }])).toEqual([
      { text: 'Failed password', mark: true },
      { text: ' for root from ', mark: false },
      { text: '1.2.3.4', mark: true },
    ]);
  });

  it('merges overlapping ranges and clips those outside the content', () => {
    expect(normalizeHighlights([{ start: 5, end: 9 }, { start: 0, end: 6 }, { start: 20, end: 99 }, { start: 3, end: 3 }], 10)).toEqual([
      { start: 0, end: 9 },
    ]);
    expect(segmentLine('abc', [{ start: 2, end: 50 }])).toEqual([
      { text: 'ab', mark: false },
      { text: 'c', mark: true },
    ]);
  });

  it('cuts at the limit without splitting a surrogate pair, keeping marks inside it', () => {
    expect(segmentLine('abcdef', [{ start: 2, end: 5 }], { limit: 4 })).toEqual([
      { text: 'ab', mark: false },
      { text: 'cd', mark: true },
    ]);
    expect(cutIndex('a😀b', 2)).toBe(1);
    expect(cutIndex('abc', 5)).toBe(3);
  });
});

describe('segmentLine: control characters are shown, not obeyed', () => {
  it('shows ANSI escapes as ␛ and keeps the rest as text', () => {
    expect(segmentLine('\u001b[31mred\u001b[0m', [])).toEqual([
      { text: '␛', mark: false, control: { title: 'ESC (U+001B)' } },
      { text: '[31mred', mark: false },
      { text: '␛', mark: false, control: { title: 'ESC (U+001B)' } },
      { text: '[0m', mark: false },
    ]);
  });

  it('shows bidi overrides and isolates as visible escapes', () => {
    const text = segmentLine('invoice\u202Etxt.exe \u2066x\u2069', [])
      .map((segment) => segment.text)
      .join('');
    expect(text).toBe('invoice⟨U+202E⟩txt.exe ⟨U+2066⟩x⟨U+2069⟩');
  });

  it('shows line breaks and tabs on one line, keeps them when multiline', () => {
    expect(segmentLine('a\n\tb', []).map((segment) => segment.text)).toEqual(['a', '␊', '␉', 'b']);
    expect(segmentLine('a\n\tb', [], { multiline: true })).toEqual([{ text: 'a\n\tb', mark: false }]);
    expect(segmentLine('a\r\nb', [], { multiline: true }).map((segment) => segment.text)).toEqual(['a', '␍', '\nb']);
  });

  it('marks a control character inside a match', () => {
    expect(segmentLine('x\u0007y', [{ start: 0, end: 3 }])).toEqual([
      { text: 'x', mark: true },
      { text: '␇', mark: true, control: { title: 'BEL (U+0007)' } },
      { text: 'y', mark: true },
    ]);
  });

  it('names every stand-in', () => {
    expect(controlStandIn('\u0000')).toEqual({ text: '␀', title: 'NUL (U+0000)' });
    expect(controlStandIn('\u007f')).toEqual({ text: '␡', title: 'DEL (U+007F)' });
    expect(controlStandIn('\u009b')).toEqual({ text: '⟨U+009B⟩', title: 'U+009B' });
    expect(controlStandIn('\u200b')).toEqual({ text: '⟨U+200B⟩', title: 'U+200B' });
    // Joiners stay: scripts and emoji need them.
    expect(segmentLine('👩\u200d💻', [])).toEqual([{ text: '👩\u200d💻', mark: false }]);
  });
});

describe('sizes', () => {
  it('counts UTF-8 bytes and formats them', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1024 * 1024)).toBe('1.0 MB');
  });

  it('shortens text for accessible names', () => {
    expect(shortText('short')).toBe('short');
    expect(shortText('x'.repeat(100))).toHaveLength(80);
  });
});

describe('prettyJson', () => {
  it('pretty-prints whole-line JSON', () => {
    expect(prettyJson('{"level":"error","latency_ms":812}')).toEqual({ prefix: '', pretty: '{\n  "level": "error",\n  "latency_ms": 812\n}' });
  });

  it('finds JSON after a prefix', () => {
    expect(prettyJson('2026-11-25T02:05:01Z INFO {"user":"deploy"}')).toEqual({ prefix: '2026-11-25T02:05:01Z INFO', pretty: '{\n  "user": "deploy"\n}' });
  });

  it('leaves other text alone', () => {
    for (const text of ['plain text', '{not json}', '42', '"a string"', '[1, 2', 'x {"a":1} y']) expect(prettyJson(text), text).toBeNull();
    expect(prettyJson(`{"a":"${'x'.repeat(300_000)}"}`)).toBeNull();
  });
});
