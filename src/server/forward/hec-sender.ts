/**
 * Sends a batch to Splunk's HTTP Event Collector through the outbound client. The batch counts
 * as acknowledged when HEC answers `{"code":0}`; with indexer acknowledgement on, only when
 * `/services/collector/ack` reports the batch's ackId as indexed (polled until a deadline; a
 * batch not confirmed by then is sent again: at least once).
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function sendHec(client: OutboundClient, target: HecTarget, body: string, timing: HecTiming = DEFAULT_HEC_TIMING): Promise<void> {
  const headers = {
    authorization: `Splunk ${target.token}`,
    'content-type': 'application/json',
    'x-splunk-request-channel': target.channel,
  };
  const response = await client.send({ method: 'POST', url: endpoint(target.url, '/services/collector/event'), headers, body, timeoutMs: timing.requestTimeoutMs });
  const answer = parseJson(response.body);
  if (!answer || answer.code !== 0) throw new OutboundError('http', `HEC answered ${response.status} without success: ${response.body.slice(0, 200)}`, { retryable: true, status: response.status });
  if (!target.ack) return;
  const ackId = answer.ackId;
  if (typeof ackId !== 'number') throw new OutboundError('http', 'indexer acknowledgement is on, but HEC returned no ackId (is useACK enabled for this token?)', { retryable: true });
  const deadline = Date.now() + timing.ackTimeoutMs;
  // Indexing usually takes well under a second: ask early, then back off to the poll interval.
  for (let wait = Math.min(100, timing.ackPollMs); ; wait = Math.min(wait * 2, timing.ackPollMs)) {
    await sleep(wait);
    const polled = await client.send({
      method: 'POST',
      url: endpoint(target.url, `/services/collector/ack?channel=${encodeURIComponent(target.channel)}`),
      headers,
      body: JSON.stringify({ acks: [ackId] }),
      timeoutMs: timing.requestTimeoutMs,
    });
    const acks = parseJson(polled.body)?.acks as Record<string, unknown> | undefined;
    if (acks?.[String(ackId)] === true) return;
    if (Date.now() >= deadline) throw new OutboundError('timeout', `HEC did not confirm ackId ${ackId} as indexed within ${Math.round(timing.ackTimeoutMs / 1000)} s`, { retryable: true });
  }
}
