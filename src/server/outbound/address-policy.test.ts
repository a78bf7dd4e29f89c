import { describe, expect, it } from 'vitest';
import { checkAddress, parseAllowList } from './address-policy.ts';
import { checkOutboundUrl, checkSocketDestination } from './destination.ts';

describe('outbound URL policy', () => {
  const refusedUrls: Array<[string, RegExp]> = [
    ['http://127.0.0.1/hook', /loopback/],
    ['http://2130706433/hook', /loopback/], // decimal
    ['http://0x7f000001/hook', /loopback/], // hex
    ['http://0x7f.1/hook', /loopback/], // hex short form
    ['http://017700000001/hook', /loopback/], // octal
    ['http://0177.0.0.1/hook', /loopback/], // octal dotted
    ['http://127.1/hook', /loopback/], // short form
    ['http://[::1]/hook', /loopback/],
    ['http://[::ffff:127.0.0.1]/hook', /loopback/], // IPv6-mapped
    ['http://[::ffff:7f00:1]/hook', /loopback/],
    ['http://[::127.0.0.1]/hook', /loopback/], // IPv4-compatible
    ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/latest', /metadata/],
    ['http://169.254.169.254/latest/meta-data', /metadata/],
    ['http://2852039166/latest', /metadata/], // 169.254.169.254 as a number
    ['http://169.254.1.1/', /link-local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://10.0.0.5/', /private/],
    ['http://10.1/', /private/],
    ['http://172.16.3.4/', /private/],
    ['http://192.168.1.1/', /private/],
    ['http://0xc0a80101/', /private/],
    ['http://[fd12:3456::1]/', /unique-local/],
    ['http://100.64.1.1/', /carrier-grade NAT/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://0/', /unspecified/],
    ['http://[::]/', /unspecified/],
    ['http://224.0.0.1/', /multicast/],
    ['http://255.255.255.255/', /broadcast/],
    ['http://[64:ff9b::a00:1]/', /10\.0\.0\.1.*private/], // NAT64 of 10.0.0.1
    ['http://[2002:7f00:1::]/', /127\.0\.0\.1.*loopback/], // 6to4 of 127.0.0.1
    ['http://localhost:8080/', /this machine/],
    ['http://api.localhost/', /this machine/],
    ['http://printer.local/', /local network/],
    ['http://metadata.google.internal/', /local network/],
    ['ftp://example.com/', /scheme ftp/],
    ['file:///etc/passwd', /scheme file/],
    ['gopher://example.com/', /scheme gopher/],
    ['https://user:pw@example.com/', /credentials/],
    ['not a url', /valid absolute URL/],
  ];

  it.each(refusedUrls)('refuses %s', (url, reason) => {
    const result = checkOutboundUrl(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it.each(['https://hooks.slack.com/services/T0/B0/xyz', 'http://93.184.215.14:8080/alerts', 'https://[2606:4700::6810:84e5]/x', 'https://smn.eu-de.otc.t-systems.com/v2/p/notifications/topics/urn/publish'])(
    'accepts %s',
    (url) => {
      expect(checkOutboundUrl(url).ok).toBe(true);
    },
  );

  it('requires https when asked, except for allow-listed hosts', () => {
    expect(checkOutboundUrl('http://example.com/', undefined, { requireHttps: true }).ok).toBe(false);
    const allow = parseAllowList('example.com');
    expect(checkOutboundUrl('http://example.com/', allow, { requireHttps: true }).ok).toBe(true);
  });
});

describe('allow list (VIGIL_OUTBOUND_ALLOW_HOSTS)', () => {
  it('lets listed names, addresses and ranges through and nothing else', () => {
    const allow = parseAllowList(' receiver.corp , 127.0.0.1, 10.20.0.0/16 ,fd00::/8');
    expect(checkOutboundUrl('http://receiver.corp/x', allow).ok).toBe(true);
    expect(checkOutboundUrl('http://127.0.0.1:9000/x', allow).ok).toBe(true);
    expect(checkOutboundUrl('http://2130706433:9000/x', allow).ok).toBe(true);
    expect(checkOutboundUrl('http://10.20.3.4/x', allow).ok).toBe(true);
    expect(checkOutboundUrl('http://[fd00::7]/x', allow).ok).toBe(true);
    expect(checkOutboundUrl('http://127.0.0.2/x', allow).ok).toBe(false);
    expect(checkOutboundUrl('http://10.21.0.1/x', allow).ok).toBe(false);
    expect(checkAddress('169.254.169.254', allow).allowed).toBe(false);
  });

  it('names the entry it cannot read', () => {
    expect(() => parseAllowList('ok.example, bad host!')).toThrow(/"bad host!"/);
    expect(() => parseAllowList('10.0.0.0/99')).toThrow(/CIDR/);
  });
});

describe('raw socket destinations (syslog, GELF)', () => {
  it('applies the same rules to host and port', () => {
    expect(checkSocketDestination('siem.example.com', 514).ok).toBe(true);
    expect(checkSocketDestination('0x7f.1', 514)).toMatchObject({ ok: false, reason: expect.stringMatching(/loopback/) });
    expect(checkSocketDestination('[::ffff:10.0.0.1]', 12201)).toMatchObject({ ok: false, reason: expect.stringMatching(/private/) });
    expect(checkSocketDestination('localhost', 514).ok).toBe(false);
    expect(checkSocketDestination('siem.example.com', 0).ok).toBe(false);
    expect(checkSocketDestination('siem.example.com', 70000).ok).toBe(false);
    expect(checkSocketDestination('1.2.3.4.5', 514)).toMatchObject({ ok: false, reason: expect.stringMatching(/malformed/) });
  });
});
