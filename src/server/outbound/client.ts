/**
 * The one outbound HTTP client. Webhooks, chat, SMN, Splunk HEC and the OTC APIs all go through it
 * so that the SSRF rules, timeouts, size bounds and retry policy hold everywhere:
 * - the URL is checked before anything is sent (scheme, credentials, host in every notation);
 * - the connection resolves through `createSafeLookup`, so the address connected to is checked;
 * - redirects are returned, not followed, unless the caller asks; each hop is checked again;
 * - the response body is read up to a bound and the whole exchange has a deadline.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import { EMPTY_ALLOW_LIST, type OutboundAllowList } from './address-policy.ts';
import { withRetries, type BackoffOptions } from './backoff.ts';
import { checkOutboundUrl, checkSocketDestination, type DestinationCheck } from './destination.ts';
import { createSafeLookup, DestinationRefusedError, resolveSafely } from './safe-lookup.ts';

export type OutboundErrorKind = 'refused' | 'timeout' | 'network' | 'http' | 'redirect';

export class OutboundError extends Error {
  readonly kind: OutboundErrorKind;
  /** Worth another try later: timeouts, network failures, 408/425/429/5xx. */
  readonly retryable: boolean;
  readonly status: number | undefined;
  constructor(kind: OutboundErrorKind, message: string, options: { retryable: boolean; status?: number }) {
    super(message);
    this.name = 'OutboundError';
    this.kind = kind;
    this.retryable = options.retryable;
    this.status = options.status;
  }
}

export interface OutboundRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Deadline for the whole exchange (connect, send, read). */
  timeoutMs?: number;
  /** Response bytes kept; the rest is discarded and `truncated` set. */
  maxResponseBytes?: number;
  /** Redirects to follow (each target is checked like the first URL); 0 by default. */
  followRedirects?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
  /** The URL that answered (differs from the request's after followed redirects). */
  url: string;
}

export interface OutboundClientOptions {
  allow?: OutboundAllowList;
  timeoutMs?: number;
  maxResponseBytes?: number;
  userAgent?: string;
  /** Name resolution (tests use a fake resolver to point public names at inner addresses). */
  resolver?: (host: string, options: { all: true; family?: number }) => Promise<LookupAddress[]>;
}

export interface SendOptions extends Partial<BackoffOptions> {
  /** Total tries including the first (default 1: the outbox does its own retries over time). */
  attempts?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class OutboundClient {
  readonly allow: OutboundAllowList;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #userAgent: string;
  readonly #lookup: ReturnType<typeof createSafeLookup>;
  readonly #resolver: OutboundClientOptions['resolver'];

  constructor(options: OutboundClientOptions = {}) {
    this.allow = options.allow ?? EMPTY_ALLOW_LIST;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;
    this.#userAgent = options.userAgent ?? 'Vigil';
    this.#resolver = options.resolver;
    this.#lookup = createSafeLookup(this.allow, options.resolver);
  }

  /** Save-time check of a URL a user entered. */
  checkUrl(url: string, options: { requireHttps?: boolean } = {}): DestinationCheck<{ url: URL }> {
    return checkOutboundUrl(url, this.allow, options);
  }

  /** Save-time check of a raw TCP/UDP destination (syslog, GELF). */
  checkSocket(host: string, port: number): DestinationCheck<{ host: string; port: number }> {
    return checkSocketDestination(host, port, this.allow);
  }

  /**
   * Connect-time resolution for raw sockets: returns the checked address to pass to
   * net.connect / dgram.send (never the name, which could resolve differently a moment later).
   */
  async resolveSocket(host: string, port: number): Promise<{ address: string; family: number; port: number }> {
    const checked = this.checkSocket(host, port);
    if (!checked.ok) throw new OutboundError('refused', checked.reason, { retryable: false });
    try {
      const [first] = await resolveSafely(checked.host, this.allow, this.#resolver);
      return { address: first!.address, family: first!.family, port };
    } catch (error) {
      throw toOutboundError(error);
    }
  }

  /** One exchange; any HTTP status is returned (3xx too, unless redirects are followed). */
  async request(request: OutboundRequest): Promise<OutboundResponse> {
    let current = request;
    for (let hop = 0; ; hop++) {
      const response = await this.#once(current);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.status) || !location || hop >= (request.followRedirects ?? 0)) return response;
      const next = new URL(location, response.url).toString();
      const keepBody = response.status === 307 || response.status === 308;
      current = {
        ...request,
        url: next,
        ...(keepBody ? {} : { method: 'GET', body: undefined }),
      };
    }
  }

  /** An exchange that must succeed (2xx): other statuses become an OutboundError with the body's start. */
  async send(request: OutboundRequest, options: SendOptions = {}): Promise<OutboundResponse> {
    return withRetries(
      async () => {
        const response = await this.request(request);
        if (response.status >= 200 && response.status < 300) return response;
        const retryable = response.status === 408 || response.status === 425 || response.status === 429 || response.status >= 500;
        const kind: OutboundErrorKind = REDIRECTS.has(response.status) ? 'redirect' : 'http';
        const detail = kind === 'redirect' ? 'redirects are not followed' : response.body.slice(0, 200);
        throw new OutboundError(kind, `HTTP ${response.status}${detail ? `: ${detail}` : ''}`, {
          retryable,
          status: response.status,
        });
      },
      {
        attempts: options.attempts ?? 1,
        baseMs: options.baseMs ?? 500,
        maxMs: options.maxMs ?? 10_000,
        jitter: options.jitter ?? 0.5,
        retryable: (error) => error instanceof OutboundError && error.retryable,
      },
    );
  }

  #once(request: OutboundRequest): Promise<OutboundResponse> {
    const checked = this.checkUrl(request.url);
    if (!checked.ok) {
      return Promise.reject(new OutboundError('refused', `refused ${describeUrl(request.url)}: ${checked.reason}`, { retryable: false }));
    }
    const url = checked.url;
    const timeoutMs = request.timeoutMs ?? this.#timeoutMs;
    const maxBytes = request.maxResponseBytes ?? this.#maxResponseBytes;
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<OutboundResponse>((resolve, reject) => {
      let settled = false;
      const finish = (error: unknown, response?: OutboundResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(toOutboundError(error));
        else resolve(response!);
      };
      const req = transport.request(
        url,
        {
          method: request.method ?? (body ? 'POST' : 'GET'),
          headers: {
            'user-agent': this.#userAgent,
            ...(body ? { 'content-length': String(body.byteLength) } : {}),
            ...request.headers,
          },
          lookup: this.#lookup as never,
          // A fresh connection per exchange: a pooled socket would skip the connect-time check.
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          let truncated = false;
          res.on('data', (chunk: Buffer) => {
            if (kept >= maxBytes) {
              truncated = true;
              return;
            }
            const slice = chunk.subarray(0, maxBytes - kept);
            if (slice.length < chunk.length) truncated = true;
            chunks.push(slice);
            kept += slice.length;
          });
          res.on('end', () =>
            finish(null, {
              status: res.statusCode ?? 0,
              headers: flattenHeaders(res.headers),
              body: Buffer.concat(chunks).toString('utf8'),
              truncated,
              url: url.toString(),
            }),
          );
          res.on('error', (error) => finish(error));
        },
      );
      const timer = setTimeout(() => {
        req.destroy(new OutboundError('timeout', `no complete answer from ${url.host} within ${timeoutMs} ms`, { retryable: true }));
      }, timeoutMs);
      req.on('error', (error) => finish(error));
      req.end(body);
    });
  }
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Scheme and host only: paths of chat webhooks carry their secret. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an invalid URL';
  }
}

function toOutboundError(error: unknown): OutboundError {
  if (error instanceof OutboundError) return error;
  if (error instanceof DestinationRefusedError) return new OutboundError('refused', error.message, { retryable: false });
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new OutboundError('network', code ? `${code}: ${message}` : message, { retryable: true });
}
