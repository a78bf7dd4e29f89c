import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  canonicalUri,
  parseAuthorization,
  sdkDate,
  signRequest,
  verifyRequest,
} from './signing.ts';

const credentials = { ak: 'AKEXAMPLE0001', sk: 'SKEXAMPLEsecret0123456789' };
const now = new Date(Date.UTC(2024, 10, 26, 8, 15, 0));

// The expected signatures below were computed outside Vigil (Python hashlib/hmac over canonical
// requests written out by hand from the documented algorithm), so they check the implementation
// rather than restate it.
describe('SDK-HMAC-SHA256 signing', () => {
  it('signs an LTS content query like an independent computation', () => {
    const body = '{"start_time":"1732608000000","end_time":"1732611600000","keywords":"error","limit":100}';
    const signed = signRequest(
      {
        method: 'POST',
        url: 'https://lts.eu-de.otc.t-systems.com/v2/0123456789abcdef0123456789abcdef/groups/g-1/streams/s%201/content/query',
        headers: { 'Content-Type': 'application/json;charset=UTF-8' },
        body,
      },
      credentials,
      now,
    );
    expect(signed.signature).toBe('d3ce325e173c9fd6ca183b5ffb11d6ab036bafc94a05f097c1555060ae8503aa');
    expect(signed.headers.Authorization).toBe(
      'SDK-HMAC-SHA256 Access=AKEXAMPLE0001, SignedHeaders=content-type;host;x-sdk-date, Signature=d3ce325e173c9fd6ca183b5ffb11d6ab036bafc94a05f097c1555060ae8503aa',
    );
    expect(signed.headers['X-Sdk-Date']).toBe('20241126T081500Z');
    expect(signed.headers.Host).toBe('lts.eu-de.otc.t-systems.com');
    // The canonical request has an empty line between the headers and the signed-header list.
    expect(signed.canonicalRequest).toContain('x-sdk-date:20241126T081500Z\n\ncontent-type;host;x-sdk-date\n');
  });

  it('signs a CTS GET with sorted, RFC 3986-encoded query and a port in Host', () => {
    const signed = signRequest(
      {
        method: 'GET',
        url: 'http://127.0.0.1:8401/v3/p1/traces?trace_type=system&trace_name=a+b*&service_type=IAM&limit=200&from=1732608000000',
        headers: {},
        body: '',
      },
      credentials,
      now,
    );
    expect(signed.signature).toBe('bb75ff21467701ce74be1ddee825d5ddec1a3ae824191a299893b7c60dfc7878');
    expect(signed.headers.Host).toBe('127.0.0.1:8401');
  });

  it('canonicalises paths and queries as documented', () => {
    expect(canonicalUri('/v3/p1/traces')).toBe('/v3/p1/traces/');
    expect(canonicalUri('/v3/p1/traces/')).toBe('/v3/p1/traces/');
    expect(canonicalUri('/a/b%20c/d(e)')).toBe('/a/b%20c/d%28e%29/');
    expect(canonicalQuery('')).toBe('');
    expect(canonicalQuery('?b=2&a=&a=1')).toBe('a=&a=1&b=2');
    expect(sdkDate(new Date(Date.UTC(2024, 3, 16, 9, 53, 41, 999)))).toBe('20240416T095341Z');
  });

  it('never signs an Authorization header passed in and adds the security token unsigned', () => {
    const signed = signRequest(
      { method: 'GET', url: 'https://x.example/v1', headers: { Authorization: 'old' }, body: '' },
      { ...credentials, securityToken: 'tok' },
      now,
    );
    expect(parseAuthorization(signed.headers.Authorization)?.signedHeaders).toEqual(['host', 'x-sdk-date']);
    expect(signed.headers['X-Security-Token']).toBe('tok');
  });
});

describe('verifying a signed request', () => {
  const lookup = (ak: string) => (ak === credentials.ak ? credentials.sk : null);
  function signed(url = 'http://127.0.0.1:8401/v2/p/groups?x=1', body = '{"a":1}') {
    const s = signRequest({ method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body }, credentials, now);
    return { method: 'POST', url, headers: new Headers(s.headers), body };
  }

  it('accepts what was signed', () => {
    expect(verifyRequest(signed(), lookup, now)).toEqual({ ok: true, access: credentials.ak });
  });

  it('refuses a changed body, path, unknown key, stale date and missing header', () => {
    expect(verifyRequest({ ...signed(), body: '{"a":2}' }, lookup, now)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyRequest({ ...signed(), url: 'http://127.0.0.1:8401/v2/q/groups?x=1' }, lookup, now)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(verifyRequest(signed(), () => null, now)).toEqual({ ok: false, reason: 'unknown_key' });
    expect(verifyRequest(signed(), lookup, new Date(now.getTime() + 16 * 60_000))).toEqual({ ok: false, reason: 'expired' });
    const bare = signed();
    bare.headers.delete('authorization');
    expect(verifyRequest(bare, lookup, now)).toEqual({ ok: false, reason: 'missing' });
  });
});
