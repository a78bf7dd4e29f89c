/**
 * Splunk's HTTP Event Collector through the outbound client. A batch counts as acknowledged when
 * HEC answers `{"code":0}`; with indexer acknowledgement on, only when `/services/collector/ack`
 * reports the batch's ackId as indexed. The runner keeps several batches awaiting their ackIds
 * and confirms them in order (runner.ts); one not confirmed by its deadline is sent again with
 * everything after it: at least once.
 */
import { OutboundError, type OutboundClient } from '../outbound/client.ts';

export interface HecTarget {
  url: string;
  token: string;
  /** The forwarder's id: a stable channel, so acks survive our restart on Splunk's side. */
  channel: string;
  ack: boolean;
}

export interface HecTiming {
  ackTimeoutMs: number;
  ackPollMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_HEC_TIMING: HecTiming = { ackTimeoutMs: 120_000, ackPollMs: 1_000, requestTimeoutMs: 30_000 };

function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '').replace(/\/services\/collector(\/event)?$/, '')}${path}`;
}

function parseJson(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function headersOf(target: HecTarget): Record<string, string> {
  return {
    authorization: `Splunk ${target.token}`,
    'content-type': 'application/json',
    'x-splunk-request-channel': target.channel,
  };
}

/**
 * Posts one batch. Resolves with null once HEC took it, or, with indexer acknowledgement on, with
 * the ackId that must be confirmed (pollHecAcks) before the batch counts as acknowledged.
 */
export async function postHec(client: OutboundClient, target: HecTarget, body: string, timing: HecTiming = DEFAULT_HEC_TIMING): Promise<number | null> {
  const response = await client.send({ method: 'POST', url: endpoint(target.url, '/services/collector/event'), headers: headersOf(target), body, timeoutMs: timing.requestTimeoutMs });
  const answer = parseJson(response.body);
  if (!answer || answer.code !== 0) throw new OutboundError('http', `HEC answered ${response.status} without success: ${response.body.slice(0, 200)}`, { retryable: true, status: response.status });
  if (!target.ack) return null;
  const ackId = answer.ackId;
  if (typeof ackId !== 'number') throw new OutboundError('http', 'indexer acknowledgement is on, but HEC returned no ackId (is useACK enabled for this token?)', { retryable: true });
  return ackId;
}

/**
 * Which of `ackIds` HEC reports as indexed now, in one request. Splunk reports an ackId as true
 * once and then forgets it, so the caller keeps what it learnt.
 */
export async function pollHecAcks(client: OutboundClient, target: HecTarget, ackIds: readonly number[], timing: HecTiming = DEFAULT_HEC_TIMING): Promise<Set<number>> {
  const polled = await client.send({
    method: 'POST',
    url: endpoint(target.url, `/services/collector/ack?channel=${encodeURIComponent(target.channel)}`),
    headers: headersOf(target),
    body: JSON.stringify({ acks: ackIds }),
    timeoutMs: timing.requestTimeoutMs,
  });
  const acks = parseJson(polled.body)?.acks as Record<string, unknown> | undefined;
  return new Set(ackIds.filter((id) => acks?.[String(id)] === true));
}
