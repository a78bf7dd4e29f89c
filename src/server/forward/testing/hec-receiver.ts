/**
 * A Splunk HTTP Event Collector for tests and the bench, answering as HEC does (response bodies
 * and codes from Splunk's "Format events for HTTP Event Collector" and "HEC indexer
 * acknowledgement" documentation): `POST /services/collector/event` with `Authorization: Splunk
 * <token>`, concatenated JSON events; with `useAck`, a `X-Splunk-Request-Channel` is required, the
 * answer carries an `ackId` per channel, and `POST /services/collector/ack?channel=` reports which
 * are indexed (each ackId is reported true once, then forgotten, as Splunk does). Events become
 * "indexed" after `indexDelayMs`, or `indexDelayOf(ackId)` when set.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HecEvent {
  time?: number;
  host?: string;
  source?: string;
  sourcetype?: string;
  index?: string;
  event: unknown;
  fields?: Record<string, string>;
}

export interface HecReceiver {
  url: string;
  port: number;
  /** Indexed events, in arrival order (duplicates kept: at-least-once shows here). */
  events: HecEvent[];
  requests: number;
  /** Answer 503 "Server is busy" to every request while set. */
  busy: boolean;
  useAck: boolean;
  indexDelayMs: number;
  /** Per-batch indexing delay (overrides indexDelayMs), e.g. to confirm batches out of order. */
  indexDelayOf: ((ackId: number) => number) | null;
  /** Most batches ever posted and not yet reported indexed, at once. */
  maxUnconfirmed: number;
  close(): Promise<void>;
}

/** Splits concatenated JSON objects ({...}{...} or separated by whitespace), as HEC reads them. */
export function splitConcatenated(body: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) parts.push(body.slice(start, i + 1));
    } else if (depth === 0 && !/\s/.test(c)) return null;
  }
  return depth === 0 ? parts : null;
}

export async function startHecReceiver(options: { token: string; useAck?: boolean; indexDelayMs?: number; port?: number }): Promise<HecReceiver> {
  const pending = new Map<string, Map<number, { at: number; events: HecEvent[] }>>();
  const nextAck = new Map<string, number>();
  const receiver: HecReceiver = {
    url: '', port: 0, events: [], requests: 0, busy: false, useAck: options.useAck ?? false, indexDelayMs: options.indexDelayMs ?? 0, indexDelayOf: null, maxUnconfirmed: 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  // Moves batches whose indexing time has come into `events`.
  const index = () => {
    const now = Date.now();
    for (const acks of pending.values()) {
      for (const batch of acks.values()) {
        if (batch.at <= now && batch.events.length > 0) {
          receiver.events.push(...batch.events);
          batch.events = [];
        }
      }
    }
  };
  const answer = (res: http.ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.requests++;
      const url = new URL(req.url ?? '/', 'http://hec');
      if (receiver.busy) return answer(res, 503, { text: 'Server is busy', code: 9 });
      if (url.pathname === '/services/collector/health') return answer(res, 200, { text: 'HEC is healthy', code: 17 });
      const auth = req.headers.authorization;
      if (!auth) return answer(res, 401, { text: 'Token is required', code: 2 });
      if (!/^Splunk /.test(auth)) return answer(res, 401, { text: 'Invalid authorization', code: 3 });
      if (auth !== `Splunk ${options.token}`) return answer(res, 403, { text: 'Invalid token', code: 4 });
      const channel = (req.headers['x-splunk-request-channel'] as string | undefined) ?? url.searchParams.get('channel') ?? undefined;
      const body = Buffer.concat(chunks).toString('utf8');
      if (url.pathname === '/services/collector/ack') {
        if (!receiver.useAck) return answer(res, 400, { text: 'ACK is disabled', code: 14 });
        if (!channel) return answer(res, 400, { text: 'Data channel is missing', code: 10 });
        index();
        let asked: unknown;
        try {
          asked = (JSON.parse(body) as { acks?: unknown }).acks;
        } catch {
          return answer(res, 400, { text: 'Invalid data format', code: 6 });
        }
        if (!Array.isArray(asked)) return answer(res, 400, { text: 'Invalid data format', code: 6 });
        const acks = pending.get(channel) ?? new Map<number, { at: number; events: HecEvent[] }>();
        const indexed = (id: number) => acks.get(id)?.events.length === 0 && (acks.get(id)?.at ?? Infinity) <= Date.now();
        const reply = Object.fromEntries(asked.map((id) => [String(id), indexed(Number(id))]));
        for (const id of asked) if (reply[String(id)]) acks.delete(Number(id));
        return answer(res, 200, { acks: reply });
      }
      if (url.pathname !== '/services/collector/event' && url.pathname !== '/services/collector') return answer(res, 404, { text: 'The requested URL was not found on this server.', code: 404 });
      if (req.method !== 'POST') return answer(res, 405, { text: 'Method Not Allowed', code: 405 });
      if (receiver.useAck && !channel) return answer(res, 400, { text: 'Data channel is missing', code: 10 });
      if (!body.trim()) return answer(res, 400, { text: 'No data', code: 5 });
      const parts = splitConcatenated(body);
      if (!parts) return answer(res, 400, { text: 'Invalid data format', code: 6, 'invalid-event-number': 0 });
      const events: HecEvent[] = [];
      for (const [n, part] of parts.entries()) {
        let event: HecEvent;
        try {
          event = JSON.parse(part) as HecEvent;
        } catch {
          return answer(res, 400, { text: 'Invalid data format', code: 6, 'invalid-event-number': n });
        }
        if (event.event === undefined || event.event === '' || event.event === null) return answer(res, 400, { text: 'Event field cannot be blank', code: 13, 'invalid-event-number': n });
        events.push(event);
      }
      if (!receiver.useAck) {
        receiver.events.push(...events);
        return answer(res, 200, { text: 'Success', code: 0 });
      }
      const ackId = nextAck.get(channel!) ?? 0;
      nextAck.set(channel!, ackId + 1);
      const acks = pending.get(channel!) ?? new Map<number, { at: number; events: HecEvent[] }>();
      pending.set(channel!, acks);
      acks.set(ackId, { at: Date.now() + (receiver.indexDelayOf?.(ackId) ?? receiver.indexDelayMs), events });
      receiver.maxUnconfirmed = Math.max(receiver.maxUnconfirmed, acks.size);
      return answer(res, 200, { text: 'Success', code: 0, ackId });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}`;
  return receiver;
}
