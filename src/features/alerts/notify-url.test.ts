import { describe, expect, it } from 'vitest';
import { readSilencePrefill, silenceThisLink } from './notify-url.ts';

describe('silence this', () => {
  it('round-trips an alert\'s labels through the link, dropping invalid label names', () => {
    const link = silenceThisLink({ alertname: 'SSH brute force', sourceIp: '185.220.101.47', 'bad name': 'x', note: 'a=b&c' });
    const params = new URL(link, 'http://vigil').searchParams;
    expect(params.get('tab')).toBe('silences');
    expect(readSilencePrefill(params)?.matchers).toEqual([
      { label: 'alertname', value: 'SSH brute force' },
      { label: 'sourceIp', value: '185.220.101.47' },
      { label: 'note', value: 'a=b&c' },
    ]);
    expect(readSilencePrefill(new URLSearchParams('matcher=novalue&matcher==x'))).toBeNull();
  });
});
