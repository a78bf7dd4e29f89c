// The three wire formats, checked against their specifications' rules without a network.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeTrace } from '../storage/embedded/test-helpers.ts';
import type { FoundLine } from '../storage/ports.ts';
import { cefOf, escapeExtension, escapeHeader, octetFrame, syslogMessage } from './cef-format.ts';
import type { ForwardEvent } from './event.ts';
import { gelfDatagrams, gelfMessage, gelfTcpFrame } from './gelf-format.ts';
import { hecBody } from './hec-format.ts';
import { splitConcatenated } from './testing/hec-receiver.ts';

const line = (content: string, labels: Record<string, string> = {}): ForwardEvent => ({
  kind: 'log',
  line: { lineNum: '1796598300562000000', time: 1_796_598_300_562, streamId: 's', streamName: 'auth', groupName: 'ecs-prod', content, labels } satisfies FoundLine,
});

describe('CEF', () => {
  it('escapes pipes and backslashes in the header, equals and line breaks in extension values', () => {
    expect(escapeHeader('a|b\\c\nd')).toBe('a\\|b\\\\c d');
    expect(escapeExtension('k=v\\x\r\ny')).toBe('k\\=v\\\\x\\r\\ny');
  });

  it('maps a trace onto CEF fields and leaves out what is not an address', () => {
    const cef = cefOf({ kind: 'trace', trace: makeTrace('t1', { source_ip: 'not-an-ip', code: '', trace_rating: 'normal' }) });
    expect(cef).toMatch(/^CEF:0\|Open Telekom Cloud\|CTS\|v1\|OBS:deleteBucket\|deleteBucket\|3\|rt=1767225600000 act=deleteBucket cat=OBS suser=alice /);
    expect(cef).not.toMatch(/ src=| outcome=| cn1=/);
  });

  it('frames RFC 5424 messages by octet count in bytes, not characters', () => {
    const message = syslogMessage(line('Grüße aus Köln', { level: 'ERROR', hostName: 'web-01' }), 'vigil host');
    expect(message).toMatch(/^<163>1 2026-12-06T\S+Z vigilhost vigil - log - CEF:0\|Vigil\|LTS\|/);
    const frame = octetFrame(message);
    const space = frame.indexOf(0x20);
    expect(Number(frame.subarray(0, space).toString())).toBe(frame.length - space - 1);
  });
});

describe('GELF', () => {
  it('keeps short_message short, the whole line in full_message, labels as additional fields (never _id)', () => {
    const message = gelfMessage(line('x'.repeat(300), { id: '7', 'sd.order@32473.id': '42' }));
    expect(String(message.short_message)).toHaveLength(250);
    expect(message.full_message).toHaveLength(300);
    expect(message).toMatchObject({ _label_id: '7', '_sd.order_32473.id': '42', level: 6 });
    expect(message).not.toHaveProperty('_id');
  });

  it('chunks a large message with the magic bytes, one id, sequence numbers and the count', () => {
    const big = { version: '1.1', host: 'h', short_message: 's', full_message: Array.from({ length: 20_000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20_000))).join('') };
    const datagrams = gelfDatagrams(big, 1024)!;
    expect(datagrams.length).toBeGreaterThan(1);
    expect(datagrams.every((d) => d[0] === 0x1e && d[1] === 0x0f && d.length <= 1024 && d[11] === datagrams.length)).toBe(true);
    expect(new Set(datagrams.map((d) => d.subarray(2, 10).toString('hex'))).size).toBe(1);
    expect(JSON.parse(gunzipSync(Buffer.concat(datagrams.map((d) => d.subarray(12)))).toString())).toEqual(big);
    expect(gelfDatagrams(big, 64)).toBeNull(); // over 128 chunks
  });

  it('ends TCP frames with one null byte and none inside', () => {
    const frame = gelfTcpFrame(gelfMessage(line('a\u0000b')));
    expect(frame.indexOf(0)).toBe(frame.length - 1);
  });
});

describe('HEC', () => {
  it('writes one event object per line with time in seconds and flat string fields', () => {
    const body = hecBody([line('first', { level: 'WARN' }), { kind: 'trace', trace: makeTrace('t1') }], { index: 'otc' });
    const parts = splitConcatenated(body)!.map((p) => JSON.parse(p) as Record<string, unknown>);
    expect(parts[0]).toMatchObject({ time: 1_796_598_300.562, index: 'otc', sourcetype: 'otc:lts', event: 'first', fields: { label_level: 'WARN', log_group: 'ecs-prod' } });
    expect(parts[1]).toMatchObject({ sourcetype: 'otc:cts', event: { trace_id: 't1' }, fields: { trace_rating: 'warning' } });
    expect(splitConcatenated('{"a":"}{"}{"b":1}')).toEqual(['{"a":"}{"}', '{"b":1}']);
    expect(splitConcatenated('{"a":1} x')).toBeNull();
  });
});
