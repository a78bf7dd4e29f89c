import { describe, expect, it } from 'vitest';
import { readAdminState, writeAdminState } from './url.ts';

describe('admin view state in the URL', () => {
  it('reads defaults and ignores junk', () => {
    expect(readAdminState(new URLSearchParams('tab=nope&rating=bad&record=-3'))).toEqual({
      tab: 'audit',
      filters: { user: '', action: '', rating: '' },
      selected: null,
    });
  });

  it('round-trips every field and keeps other parameters (the time range)', () => {
    const params = writeAdminState(new URLSearchParams('range=7d'), {
      tab: 'tokens',
      filters: { user: 'Ada Admin', action: 'createApiToken', rating: 'warning' },
      selected: 12,
    });
    expect(params.get('range')).toBe('7d');
    expect(readAdminState(params)).toEqual({
      tab: 'tokens',
      filters: { user: 'Ada Admin', action: 'createApiToken', rating: 'warning' },
      selected: 12,
    });
    expect(writeAdminState(params, { tab: 'audit', selected: null }).toString()).toBe(
      'range=7d&user=Ada+Admin&action=createApiToken&rating=warning',
    );
  });
});
