/**
 * One batch to one destination in its format. Resolves with null once the destination took it,
 * or with the HEC ackId the runner must still see confirmed (indexer acknowledgement on).
 */
import os from 'node:os';
import type { OutboundClient } from '../outbound/client.ts';
import { OutboundError } from '../outbound/client.ts';
import type { ForwardSecrets, StoredDestination } from '../state/forwarders.ts';
import { octetFrame, syslogMessage } from './cef-format.ts';
import type { ForwardEvent } from './event.ts';
import { gelfDatagrams, gelfMessage, gelfTcpFrame } from './gelf-format.ts';
import { hecBody } from './hec-format.ts';
import { postHec, type HecTarget, type HecTiming } from './hec-sender.ts';
import { sendDatagrams, sendStream } from './socket-sender.ts';

export interface DeliverOptions {
  client: OutboundClient;
  /** The forwarder's id (the HEC channel). */
  id: string;
  destination: StoredDestination;
  secrets: ForwardSecrets;
  hecTiming?: HecTiming;
  socketTimeoutMs?: number;
}

/** Where a HEC forwarder posts and polls: its channel is the forwarder's id, stable across restarts. */
export function hecTarget(options: Pick<DeliverOptions, 'id' | 'destination' | 'secrets'>): HecTarget {
  const { destination } = options;
  if (destination.format !== 'hec') throw new Error(`forwarder ${options.id} does not send to HEC`);
  if (!options.secrets.token) throw new OutboundError('refused', 'no HEC token is stored for this forwarder', { retryable: false });
  return { url: destination.url, token: options.secrets.token, channel: options.id, ack: destination.ack };
}

export async function deliver(events: readonly ForwardEvent[], options: DeliverOptions): Promise<number | null> {
  const { client, destination } = options;
  const timeoutMs = options.socketTimeoutMs ?? 30_000;
  switch (destination.format) {
    case 'hec':
      return postHec(client, hecTarget(options), hecBody(events, destination), options.hecTiming);
    case 'gelf': {
      const messages = events.map(gelfMessage);
      if (destination.transport === 'tcp') {
        await sendStream(client, { host: destination.host, port: destination.port, timeoutMs }, messages.map(gelfTcpFrame));
        return null;
      }
      const datagrams = messages.flatMap((message) => {
        const chunks = gelfDatagrams(message);
        if (chunks) return chunks;
        // Over 128 chunks: send the short message and say the rest was cut, never drop the event.
        const { full_message: _full, ...short } = message;
        return gelfDatagrams({ ...short, _vigil_truncated: 'full_message over the GELF UDP size limit' }) ?? [];
      });
      await sendDatagrams(client, destination.host, destination.port, datagrams);
      return null;
    }
    case 'cef': {
      const hostname = os.hostname();
      const frames = events.map((event) => octetFrame(syslogMessage(event, hostname)));
      const tlsOptions = destination.transport === 'tls' ? { caPem: destination.caPem } : undefined;
      await sendStream(client, { host: destination.host, port: destination.port, tls: tlsOptions, timeoutMs }, frames);
      return null;
    }
  }
}
