import { describe, expect, it } from 'vitest';
import { emptyFilters, hasFilters, readAuditState, writeAuditState } from './url.ts';

describe('audit view state in the URL', () => {
  it('reads defaults and ignores junk', () => {
    expect(readAuditState(new URLSearchParams('lanes=nope&quick=everything&user=&trace=' + 'x'.repeat(65)))).toEqual({
      filters: emptyFilters(),
      lanes: 'service',
      trace: null,
    });
  });

  it('round-trips every field and keeps the header state', () => {
    const filters = emptyFilters();
    filters.facets.user = ['tobias.becker', 'mehmet.yilmaz'];
    filters.facets.source_ip = ['45.155.205.233'];
    filters.facets.service_type = ['IAM'];
    filters.resource = 'tracker-1';
    filters.text = 'prod key';
    filters.quick = ['risky', 'failed'];
    const params = writeAuditState(new URLSearchParams('range=7d&tz=utc'), { filters, lanes: 'user', trace: 'abc-123' });
    expect(params.get('range')).toBe('7d');
    expect(params.get('tz')).toBe('utc');
    expect(params.getAll('user')).toEqual(['tobias.becker', 'mehmet.yilmaz']);
    expect(params.get('ip')).toBe('45.155.205.233');
    expect(readAuditState(params)).toEqual({ filters, lanes: 'user', trace: 'abc-123' });
  });

  it('drops what is at its default, so links stay short', () => {
    const params = writeAuditState(new URLSearchParams('range=1h&user=a&lanes=user&trace=t&q=x'), {
      filters: emptyFilters(),
      lanes: 'service',
      trace: null,
    });
    expect(params.toString()).toBe('range=1h');
  });

  it('removes duplicates and keeps quick filters in a fixed order', () => {
    const state = readAuditState(new URLSearchParams('user=a&user=a&user=b&quick=failed&quick=risky'));
    expect(state.filters.facets.user).toEqual(['a', 'b']);
    expect(state.filters.quick).toEqual(['risky', 'failed']);
  });

  it('knows whether anything is filtered', () => {
    expect(hasFilters(emptyFilters())).toBe(false);
    expect(hasFilters(readAuditState(new URLSearchParams('quick=risky')).filters)).toBe(true);
    expect(hasFilters(readAuditState(new URLSearchParams('q=%20')).filters)).toBe(false);
  });
});
