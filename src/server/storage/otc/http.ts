/**
 * The OTC adapter's calls go through Vigil's one outbound client (src/server/outbound): its
 * address rules (loopback only when VIGIL_OUTBOUND_ALLOW_HOSTS allows it, as for the simulator),
 * deadline and response-size bound. `Send` is the small shape the adapter needs from it.
 */
import { OutboundError, type OutboundClient } from '../../outbound/index.ts';

export interface OutboundCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface OutboundAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export type Send = (call: OutboundCall) => Promise<OutboundAnswer>;

/** LTS answers at most about 1 MB per query (10 MB per stream); more is refused, not cut. */
export const MAX_RESPONSE_BYTES = 12 * 1024 * 1024;

export class TransportError extends Error {
  readonly kind: 'timeout' | 'network' | 'refused';
  constructor(kind: 'timeout' | 'network' | 'refused', message: string) {
    super(message);
    this.name = 'TransportError';
    this.kind = kind;
  }
}

export function sendThrough(client: OutboundClient): Send {
  return async (call) => {
    try {
      const response = await client.request({ ...call, maxResponseBytes: MAX_RESPONSE_BYTES });
      if (response.truncated) throw new TransportError('network', `${new URL(call.url).host} answered more than ${MAX_RESPONSE_BYTES} bytes`);
      return { status: response.status, headers: new Headers(response.headers), text: response.body };
    } catch (error) {
      if (error instanceof OutboundError) {
        throw new TransportError(error.kind === 'timeout' ? 'timeout' : error.kind === 'refused' ? 'refused' : 'network', error.message);
      }
      throw error;
    }
  };
}
