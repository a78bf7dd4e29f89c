import { describe, expect, it } from 'vitest';
import { SseParser } from './sse.ts';

describe('SseParser', () => {
  it('parses events with ids, types and data, across arbitrary chunk boundaries', () => {
    const text = 'retry: 3000\n: following\n\nid: 1\nevent: line\ndata: {"a":1}\n\n: heartbeat\n\nid: 2\nevent: line\ndata: {"a":2}\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      expect(events).toEqual([
        { event: 'line', data: '{"a":1}', lastEventId: '1' },
        { event: 'line', data: '{"a":2}', lastEventId: '2' },
      ]);
      expect(parser.retryMs).toBe(3000);
      expect(parser.lastEventId).toBe('2');
    }
  });

  it('handles CRLF and CR line ends, multi-line data, default type and fields without a value', () => {
    const parser = new SseParser();
    expect(parser.push('data: one\r\ndata: two\r\n\r\n')).toEqual([{ event: 'message', data: 'one\ntwo', lastEventId: '' }]);
    expect(parser.push('data:x\r')).toEqual([]);
    expect(parser.push('\r')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'message', data: 'x', lastEventId: '' }]);
    expect(parser.push('data\n\n')).toEqual([{ event: 'message', data: '', lastEventId: '' }]);
  });

  it('ignores comments, unknown fields, bad retry values and events without data', () => {
    const parser = new SseParser();
    expect(parser.push(': hi\nfoo: bar\nretry: soon\nid: 7\n\n')).toEqual([]);
    expect(parser.retryMs).toBeNull();
    expect(parser.lastEventId).toBe('7');
  });
});
