/**
 * Calls to one region's LTS and CTS: signed with AK/SK or carrying an IAM token (authorizer.ts;
 * a refused token is renewed and the call sent once more), JSON in and out, failures classified
 * (errors.ts), LTS reads held to the client-side quota (limits.ts) and answered from the short
 * cache when the same call was just made.
 */
import type { CtsTrace } from '../../../contract/index.ts';
import { OtcError, parseErrorBody } from './errors.ts';
import { TransportError, type Send } from './http.ts';
import { CallCache, ReadQuota, type ReadRates } from './limits.ts';
import type { RegionConfig } from './config.ts';
import type { Authorizer } from './authorizer.ts';

export interface LtsLog {
  content: string;
  line_num: string;
  labels: Record<string, string>;
}

export interface ContentQuery {
  start_time: string;
  end_time: string;
  keywords?: string;
  line_num?: string;
  is_desc: boolean;
  search_type: 'init' | 'forwards' | 'backwards';
  limit: number;
  highlight: false;
  is_count?: boolean;
}

export interface ContentAnswer {
  count: number;
  logs: LtsLog[];
  isQueryComplete: boolean;
}

export interface RemoteStream {
  id: string;
  name: string;
  ttlInDays: number | null;
  creationTime: number;
  tags: Record<string, string>;
}

export interface RemoteGroup {
  id: string;
  name: string;
  ttlInDays: number;
  creationTime: number;
  tags: Record<string, string>;
  streams: RemoteStream[];
}

export interface RegionClientOptions {
  region: RegionConfig;
  authorizer: Authorizer;
  send: Send;
  timeoutMs: number;
  rates: ReadRates;
  cacheMs: number;
  now: () => number;
}

const tagsOf = (value: unknown): Record<string, string> =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : {};

export class RegionClient {
  readonly name: string;
  readonly #o: RegionClientOptions;
  readonly quota: ReadQuota;
  readonly cache: CallCache;
  /** Groups and streams change rarely: their listing is kept for a minute. */
  readonly groupsCache = new CallCache(60_000, 1);
  /** Calls actually sent (for the bench and health). */
  calls = 0;

  get authorizer(): Authorizer {
    return this.#o.authorizer;
  }

  constructor(options: RegionClientOptions) {
    this.#o = options;
    this.name = options.region.name;
    this.quota = new ReadQuota(options.rates, options.now());
    this.cache = new CallCache(options.cacheMs);
  }

  async #call<T>(service: 'lts' | 'cts', method: string, path: string, body: unknown, signal?: AbortSignal, renewed = false): Promise<T> {
    const url = `${this.#o.region.endpoints[service]}/${path.replace(/^\//, '').replace('{project_id}', this.#o.region.projectId)}`;
    const text = body === undefined ? '' : JSON.stringify(body);
    const authorized = await this.#o.authorizer.authorize({ method, url, headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: text });
    // X-Project-Id is sent unsigned, as the SDKs do.
    const headers = { ...authorized, 'X-Project-Id': this.#o.region.projectId };
    this.calls++;
    let response;
    try {
      // (The shared client has no cancellation; a dropped request still ends at the timeout.)
      if (signal?.aborted) throw new OtcError({ kind: 'client', message: 'cancelled', region: this.name });
      response = await this.#o.send({ method: method as 'GET' | 'POST', url, headers, timeoutMs: this.#o.timeoutMs, ...(text ? { body: text } : {}) });
    } catch (error) {
      if (error instanceof TransportError) {
        throw new OtcError({ kind: error.kind === 'timeout' ? 'timeout' : error.kind === 'refused' ? 'client' : 'network', message: error.message, region: this.name });
      }
      throw error;
    }
    if (response.status >= 200 && response.status < 300) {
      try {
        return (response.text ? JSON.parse(response.text) : {}) as T;
      } catch {
        throw new OtcError({ kind: 'server', message: `${service} in ${this.name} answered with malformed JSON`, region: this.name, status: response.status });
      }
    }
    const status = response.status;
    // An expired or revoked token: once more with a new one.
    if (status === 401 && !renewed && this.#o.authorizer.rejected(authorized)) return this.#call<T>(service, method, path, body, signal, true);
    const { code, message } = parseErrorBody(response.text);
    const retryAfter = Number(response.headers.get('retry-after'));
    const kind = status === 429 || code === 'APIG.0308' ? 'throttled' : status >= 500 ? 'server' : status === 401 || status === 403 ? 'auth' : 'client';
    throw new OtcError({
      kind, status, code, region: this.name,
      message: `${service.toUpperCase()} ${this.name}: ${status}${code ? ` ${code}` : ''}${message ? ` ${message}` : ''}`,
      // Without Retry-After, a stream's read quota frees a slot within 6 s (10 reads a minute).
      ...(kind === 'throttled' ? { retryAt: this.#o.now() + (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 6_000) } : {}),
    });
  }

  /** Groups with their streams (one call for the groups, one per group). */
  async listGroups(): Promise<RemoteGroup[]> {
    return this.groupsCache.get('groups', this.#o.now(), async () => {
      const answer = await this.#call<{ log_groups?: Record<string, unknown>[] }>('lts', 'GET', 'v2/{project_id}/groups', undefined);
      const groups = answer.log_groups ?? [];
      return Promise.all(
        groups.map(async (g): Promise<RemoteGroup> => {
          const id = String(g.log_group_id);
          const streams = await this.#call<{ log_streams?: Record<string, unknown>[] }>('lts', 'GET', `v2/{project_id}/groups/${encodeURIComponent(id)}/streams`, undefined);
          return {
            id,
            name: String(g.log_group_name),
            ttlInDays: Number(g.ttl_in_days ?? 7),
            creationTime: Number(g.creation_time ?? 0),
            tags: tagsOf(g.tag),
            streams: (streams.log_streams ?? []).map((s) => ({
              id: String(s.log_stream_id),
              name: String(s.log_stream_name),
              ttlInDays: typeof s.ttl_in_days === 'number' ? s.ttl_in_days : null,
              creationTime: Number(s.creation_time ?? 0),
              tags: tagsOf(s.tag),
            })),
          };
        }),
      );
    });
  }

  /** Cheap call for health checks (bypasses the cache). */
  async ping(): Promise<void> {
    await this.#call('lts', 'GET', 'v2/{project_id}/groups', undefined);
  }

  #quota(groupId: string, streamId: string): void {
    const wait = this.quota.acquire(groupId, streamId, this.#o.now());
    if (wait > 0) {
      throw new OtcError({ kind: 'throttled', message: `LTS read quota of ${this.name} used up (client side)`, region: this.name, retryAt: this.#o.now() + wait });
    }
  }

  async queryContent(groupId: string, streamId: string, query: ContentQuery, signal?: AbortSignal): Promise<ContentAnswer> {
    const key = `q:${groupId}:${streamId}:${JSON.stringify(query)}`;
    return this.cache.get(key, this.#o.now(), async () => {
      this.#quota(groupId, streamId);
      const answer = await this.#call<Partial<ContentAnswer>>('lts', 'POST', `v2/{project_id}/groups/${encodeURIComponent(groupId)}/streams/${encodeURIComponent(streamId)}/content/query`, query, signal);
      return { count: Number(answer.count ?? 0), logs: Array.isArray(answer.logs) ? answer.logs : [], isQueryComplete: answer.isQueryComplete !== false };
    });
  }

  async keywordCount(
    body: { start_time: string; end_time: string; step_interval: number; group_id: string; stream_id: string; key_word: string },
    signal?: AbortSignal,
  ): Promise<{ count: number; histogram: { num: number; startTime: number; endTime: number }[]; isQueryComplete: boolean }> {
    return this.cache.get(`k:${JSON.stringify(body)}`, this.#o.now(), async () => {
      this.#quota(body.group_id, body.stream_id);
      const answer = await this.#call<Record<string, unknown>>('lts', 'POST', 'v2/{project_id}/lts/keyword-count', body, signal);
      // Some answers carry the histogram as a JSON-encoded string.
      const raw = typeof answer.histogram === 'string' ? (JSON.parse(answer.histogram) as unknown) : answer.histogram;
      const histogram = Array.isArray(raw) ? (raw as { num: number; startTime: number; endTime: number }[]) : [];
      return { count: Number(answer.count ?? 0), histogram, isQueryComplete: answer.isQueryComplete !== false };
    });
  }

  async listTraces(params: Record<string, string>, signal?: AbortSignal): Promise<{ traces: CtsTrace[]; marker: string | null }> {
    const query = new URLSearchParams({ trace_type: 'system', ...params }).toString();
    return this.cache.get(`t:${query}`, this.#o.now(), async () => {
      const answer = await this.#call<{ traces?: unknown[]; meta_data?: { marker?: string | null } }>('cts', 'GET', `v3/{project_id}/traces?${query}`, undefined, signal);
      return { traces: (answer.traces ?? []).map(normalizeTrace), marker: answer.meta_data?.marker ?? null };
    });
  }
}

/** CTS sends some fields as objects or numbers where the reference says strings: accept both. */
export function normalizeTrace(raw: unknown): CtsTrace {
  const t = (raw ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  let user = t.user;
  if (typeof user === 'string') {
    try {
      user = JSON.parse(user);
    } catch {
      user = { name: user };
    }
  }
  const u = (user ?? {}) as Record<string, unknown>;
  const domain = (u.domain ?? {}) as Record<string, unknown>;
  const rating = t.trace_rating === 'warning' || t.trace_rating === 'incident' ? t.trace_rating : 'normal';
  const type = t.trace_type === 'ConsoleAction' || t.trace_type === 'SystemAction' ? t.trace_type : 'ApiCall';
  return {
    trace_id: text(t.trace_id), trace_name: text(t.trace_name), trace_rating: rating, trace_type: type,
    service_type: text(t.service_type), resource_type: text(t.resource_type), resource_id: text(t.resource_id), resource_name: text(t.resource_name),
    user: { id: text(u.id), name: text(u.name), domain: { id: text(domain.id), name: text(domain.name) } },
    source_ip: text(t.source_ip), request: text(t.request), response: text(t.response), code: text(t.code), message: text(t.message),
    time: Number(t.time ?? 0), record_time: Number(t.record_time ?? t.time ?? 0), request_id: text(t.request_id), api_version: text(t.api_version),
    endpoint: text(t.endpoint), resource_url: text(t.resource_url), location_info: text(t.location_info),
  };
}
