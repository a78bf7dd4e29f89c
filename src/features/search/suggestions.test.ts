import { describe, expect, it } from 'vitest';
import { applySuggestion, catalogFrom, suggest, type SuggestionCatalog } from './suggestions.ts';

const catalog: SuggestionCatalog = {
  fields: ['level', 'hostName', 'traceId'],
  values: new Map([
    ['level', [
      { value: 'WARN', count: 360 },
      { value: 'INFO', count: 12 },
    ]],
    ['hostName', [{ value: 'ecs bastion', count: 3 }]],
  ]),
};

describe('suggest', () => {
  it('offers field names while a word is typed', () => {
    const found = suggest('error AND ho', 12, catalog);
    expect(found.map((suggestion) => suggestion.label)).toEqual(['hostName:', 'hostIP:']);
    expect(applySuggestion('error AND ho', found[0]!)).toEqual({ query: 'error AND hostName:', caret: 19 });
  });

  it('offers frequent values after field:, with counts', () => {
    const found = suggest('level:', 6, catalog);
    expect(found.map((suggestion) => [suggestion.label, suggestion.detail])).toEqual([
      ['WARN', '360 lines'],
      ['INFO', '12 lines'],
    ]);
    expect(applySuggestion('level: sshd', found[0]!)).toEqual({ query: 'level:WARN sshd', caret: 10 });
  });

  it('narrows values by what is typed and quotes values that need it', () => {
    expect(suggest('level:in', 8, catalog).map((suggestion) => suggestion.label)).toEqual(['INFO']);
    const [host] = suggest('hostname:ecs', 12, catalog);
    expect(applySuggestion('hostname:ecs', host!).query).toBe('hostname:"ecs bastion" ');
  });

  it('stays quiet where nothing fits', () => {
    expect(suggest('', 0, catalog)).toEqual([]);
    expect(suggest('"phrase', 4, catalog)).toEqual([]);
    expect(suggest('status>=5', 9, catalog)).toEqual([]);
    expect(suggest('zzz', 3, catalog)).toEqual([]);
    // A complete field name is not suggested again.
    expect(suggest('level', 5, catalog).map((suggestion) => suggestion.label)).toEqual([]);
  });
});

describe('catalogFrom', () => {
  it('takes fields and values from facets and label names from lines, not streams', () => {
    const result = catalogFrom(
      {
        facets: [
          { field: 'level', values: [{ value: 'WARN', count: 3 }] },
          { field: 'stream', values: [{ value: 'auth', count: 3 }] },
        ],
      },
      [{ labels: { pathFile: '/var/log/auth.log', 'bad name': 'x' } }],
    );
    expect(result.fields).toEqual(['level', 'pathFile']);
    expect([...result.values.keys()]).toEqual(['level']);
  });
});
