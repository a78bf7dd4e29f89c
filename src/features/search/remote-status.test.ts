import { describe, expect, it } from 'vitest';
import { remoteText } from './remote-status.ts';

const base = { region: 'eu-de', retried: false, localFilter: false, remoteLines: 40, throttled: null, incomplete: null };

describe('remoteText', () => {
  it('says nothing for the embedded store', () => {
    expect(remoteText([undefined, undefined], 'utc')).toBeNull();
  });

  it('names the region, a retry, local filtering and throttled streams with the retry time', () => {
    expect(remoteText([base], 'utc')).toBe('Answered by OTC region eu-de');
    const text = remoteText(
      [
        { ...base, localFilter: true },
        { ...base, region: 'eu-nl', retried: true, remoteLines: 60, throttled: { retryAt: Date.UTC(2026, 0, 2, 3, 4, 5), streams: ['ecs-prod/auth'] } },
      ],
      'utc',
    );
    expect(text).toBe(
      'Answered by OTC region eu-nl after another region failed (read retried once) · part of the query was applied by Vigil to 100 lines LTS returned · ' +
        "LTS's read quota refused 1 stream (ecs-prod/auth): results are partial, try again after 2026-01-02 03:04:05",
    );
  });

  it('says when paging continued in another region and restarted at a time', () => {
    const cursorFrom = { region: 'eu-de', time: Date.UTC(2026, 0, 2, 3, 4, 5), mayRepeat: false };
    expect(remoteText([base, { ...base, region: 'eu-nl', cursorFrom }, { ...base, region: 'eu-nl', cursorFrom: null }], 'utc')).toBe(
      'Answered by OTC region eu-nl · paging continued from eu-de: restarted at 2026-01-02 03:04:05, leaving out the lines already shown',
    );
    expect(remoteText([{ ...base, region: 'eu-nl', cursorFrom: { ...cursorFrom, mayRepeat: true } }], 'utc')).toContain('(lines of that very millisecond may repeat)');
  });
});
