/**
 * The one function the OTC adapter sends HTTP through. It is kept this small so that it can be
 * replaced by Vigil's shared outbound client (src/server/outbound) without touching the adapter:
 * HTTPS only, except hosts explicitly allowed (the simulator on loopback), a timeout per call,
 * and a bounded response size.
 */
export interface OutboundRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** host:port values that may be reached over plain http. */
  allowHttpHosts: readonly string[];
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  text: string;
}

export type Send = (request: OutboundRequest) => Promise<OutboundResponse>;

/** Larger responses are refused (LTS answers at most about 1 MB per query, 10 MB per stream). */
export const MAX_RESPONSE_BYTES = 12 * 1024 * 1024;

export class TransportError extends Error {
  readonly kind: 'timeout' | 'network' | 'refused';
  constructor(kind: 'timeout' | 'network' | 'refused', message: string) {
    super(message);
    this.name = 'TransportError';
    this.kind = kind;
  }
}

export const sendOutbound: Send = async (request) => {
  const url = new URL(request.url);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && request.allowHttpHosts.includes(url.host))) {
    throw new TransportError('refused', `plain http to ${url.host} is not allowed (VIGIL_OUTBOUND_ALLOW_HOSTS)`);
  }
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { method: request.method, headers: request.headers, body: request.body, signal, redirect: 'error' });
  } catch (error) {
    if (timeout.aborted) throw new TransportError('timeout', `no answer from ${url.host} within ${request.timeoutMs} ms`);
    if (request.signal?.aborted) throw error;
    throw new TransportError('network', `${url.host}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_RESPONSE_BYTES) throw new TransportError('network', `${url.host} answered ${length} bytes, more than allowed`);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (timeout.aborted) throw new TransportError('timeout', `the answer from ${url.host} did not finish within ${request.timeoutMs} ms`);
    throw new TransportError('network', `${url.host}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (text.length > MAX_RESPONSE_BYTES) throw new TransportError('network', `${url.host} answered more than allowed`);
  return { status: response.status, headers: response.headers, text };
};
