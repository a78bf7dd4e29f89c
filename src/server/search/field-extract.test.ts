import { describe, expect, it } from 'vitest';
import { buildCorpus } from './testing/corpus.ts';
import { extractFields, fieldKey } from './field-extract.ts';
import { canonicalField, FIELD_NAME, fieldValue } from './fields.ts';

const HOSTILE = [
  '{"a":"x "b":2, "c" : "d\\"e", "nested": {"inner": 5}, "LEVEL": "warn"}',
  'k=v,user=root;SRC=10.1.2.3 (uid=0) [pid=12] x=y=z =nope 9bad=1 a.b-c_d=ok',
  '10.0.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET /a?b=c HTTP/1.1" 503 0 "-" "curl" rt=1.5',
  '{"status":"503","bytes":12,"method":"GET"} status=200',
  `{${Array.from({ length: 300 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
  `${'x'.repeat(70)}=long name=short`,
];

/** Every name a query could ask for that occurs in the line: all runs of field-name characters. */
function namesIn(content: string): Set<string> {
  const names = new Set<string>(['status', 'bytes', 'method', 'path', 'level', 'hostName']);
  for (let start = 0; start < content.length; start++) {
    for (let end = start + 1; end <= Math.min(content.length, start + 16); end++) {
      const name = content.slice(start, end);
      if (FIELD_NAME.test(name)) names.add(name);
    }
  }
  return names;
}

describe('extractFields', () => {
  it('finds every field a query can read, with the value the query reads (corpus and hostile lines)', () => {
    const lines = [...buildCorpus(200, 0, 1000).map((line) => ({ content: line.content, labels: line.labels })), ...HOSTILE.map((content) => ({ content, labels: { hostName: 'web-1', pod: 'p1' } }))];
    for (const { content, labels } of lines) {
      const { fields, dropped } = extractFields(content, labels, 10_000);
      expect(dropped).toEqual([]);
      for (const name of namesIn(content + ' ' + Object.keys(labels).join(' '))) {
        const value = fieldValue(labels, content, name);
        const canonical = canonicalField(name);
        if (value === null) expect(fields.has(canonical), `${name} in ${content}`).toBe(false);
        else expect(fields.get(canonical), `${name} in ${content}`).toBe(fieldKey(value));
      }
    }
  });

  it('keeps numbers as numbers and folds and cuts text', () => {
    expect(fieldKey('503')).toBe(503);
    expect(fieldKey('-0.25')).toBe(-0.25);
    expect(fieldKey(' 7 ')).toBe(7);
    expect(fieldKey('1e5')).toBe('1e5');
    expect(fieldKey('ÜBER Admin')).toBe('über admin');
    expect(fieldKey('y'.repeat(100))).toBe('y'.repeat(64));
  });

  it('takes at most maxFields from a hostile line and names the rest', () => {
    const { fields, dropped } = extractFields(HOSTILE[4]!, {}, 64);
    expect(fields.size).toBe(64);
    expect(dropped).toHaveLength(236);
    expect(fields.get('k0')).toBe(0);
    expect(dropped[0]).toBe('k64');
  });
});
