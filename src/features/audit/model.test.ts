import { describe, expect, it } from 'vitest';
import { IAM_KMS_CHANGES, logsAroundHref, pivotFilters, prettyJson, stepIndex, toTraceQuery, toggleValue } from './model.ts';
import { emptyFilters, type AuditFilters } from './url.ts';

function filters(patch: (f: AuditFilters) => void): AuditFilters {
  const f = emptyFilters();
  patch(f);
  return f;
}

describe('toTraceQuery', () => {
  it('sends nothing for no filters', () => {
    expect(toTraceQuery(emptyFilters())).toEqual({ ok: true, query: {} });
  });

  it('maps facets, the resource pivot and the text to CTS parameters', () => {
    const result = toTraceQuery(
      filters((f) => {
        f.facets.user = ['tobias.becker'];
        f.facets.source_ip = ['45.155.205.233'];
        f.resource = 'system';
        f.text = ' prod ';
      }),
    );
    expect(result).toEqual({
      ok: true,
      query: { user: ['tobias.becker'], source_ip: ['45.155.205.233'], resource_id: ['system'], text: ['prod'] },
    });
  });

  it('combines quick filters with facets: both must hold', () => {
    const result = toTraceQuery(
      filters((f) => {
        f.facets.service_type = ['KMS', 'ECS'];
        f.quick = ['iam-kms', 'risky', 'failed'];
      }),
    );
    expect(result).toEqual({
      ok: true,
      query: { service_type: ['KMS'], trace_name: [...IAM_KMS_CHANGES], trace_rating: ['warning', 'incident'], code: ['4xx', '5xx'] },
    });
    expect(IAM_KMS_CHANGES).toContain('scheduleKeyDeletion');
    expect(IAM_KMS_CHANGES).not.toContain('login');
    expect(IAM_KMS_CHANGES.length).toBeLessThanOrEqual(50);
  });

  it('reports filters that exclude each other instead of sending an empty list', () => {
    const result = toTraceQuery(
      filters((f) => {
        f.facets.service_type = ['ECS'];
        f.quick = ['iam-kms'];
      }),
    );
    expect(result).toEqual({ ok: false, conflict: 'The selected services and "IAM and KMS changes" exclude each other.' });
  });
});

describe('toggleValue', () => {
  it('adds at the end and removes wherever it is', () => {
    expect(toggleValue(['a', 'b'], 'c')).toEqual(['a', 'b', 'c']);
    expect(toggleValue(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
  });
});

describe('prettyJson', () => {
  it('indents JSON and leaves anything else as it is', () => {
    expect(prettyJson('{"a":[1,2]}')).toEqual({ pretty: '{\n  "a": [\n    1,\n    2\n  ]\n}', json: true });
    expect(prettyJson('not json <b>')).toEqual({ pretty: 'not json <b>', json: false });
    expect(prettyJson('  ')).toEqual({ pretty: '', json: false });
  });
});

describe('pivots', () => {
  const trace = {
    user: { id: 'u1', name: 'tobias.becker', domain: { id: 'd', name: 'd' } },
    source_ip: '45.155.205.233',
    resource_id: 'tracker-9',
    resource_name: 'system',
  };

  it('start from that one filter alone', () => {
    expect(pivotFilters('user', trace).facets.user).toEqual(['tobias.becker']);
    expect(pivotFilters('source_ip', trace).facets.source_ip).toEqual(['45.155.205.233']);
    const resource = pivotFilters('resource', trace);
    expect(resource.resource).toBe('tracker-9');
    expect(resource.facets.user).toEqual([]);
  });

  it('link to Search with the correlation query and window, keeping the zone', () => {
    const from = Date.UTC(2026, 10, 25, 3, 4, 52);
    const href = logsAroundHref({ query: '"tracker-9" OR "45.155.205.233"', from, to: from + 1_800_000 }, new URLSearchParams('range=7d&tz=utc&user=x'));
    const url = new URL(href, 'http://vigil.test');
    expect(url.pathname).toBe('/search');
    expect(url.searchParams.get('q')).toBe('"tracker-9" OR "45.155.205.233"');
    expect(url.searchParams.get('from')).toBe('2026-11-25T03:04:52Z');
    expect(url.searchParams.get('to')).toBe('2026-11-25T03:34:52Z');
    expect(url.searchParams.get('tz')).toBe('utc');
    expect(url.searchParams.get('range')).toBeNull();
    expect(url.searchParams.get('user')).toBeNull();
  });
});

describe('stepIndex', () => {
  it('moves within the list and starts at the first row on screen', () => {
    expect(stepIndex(-1, 1, 5)).toBe(0);
    expect(stepIndex(-1, -1, 5)).toBe(0);
    expect(stepIndex(-1, 1, 5, 3)).toBe(3);
    expect(stepIndex(-1, -1, 5, 9)).toBe(4);
    expect(stepIndex(4, 1, 5)).toBe(4);
    expect(stepIndex(0, -1, 5)).toBe(0);
    expect(stepIndex(2, 1, 0)).toBe(-1);
  });
});
