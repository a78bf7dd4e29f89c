import type { z } from 'zod';
import type { Endpoint, OutputOf } from '../contract/endpoint.ts';
import { errorEnvelopeSchema } from '../contract/errors.ts';
import { ApiError, apiErrorFromStatus } from './api-error.ts';

type Wire<S> = S extends z.ZodType ? z.input<S> : undefined;
type Empty = Record<never, never>;
/** A part the endpoint does not take may be left out; a part whose fields are all optional too. */
type Part<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : Empty extends T
    ? { [P in K]?: T }
    : { [P in K]: T };

/** What a caller sends: path params, query and body in their wire form (before server transforms). */
export type RequestInput<E extends Endpoint> = Part<'params', Wire<E['params']>> &
  Part<'query', Wire<E['query']>> &
  Part<'body', Wire<E['body']>>;

export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra request headers, e.g. If-Match for optimistic locking. */
  headers?: Record<string, string>;
}

type RequestArgs<E extends Endpoint> =
  Empty extends RequestInput<E>
    ? [input?: RequestInput<E>, options?: RequestOptions]
    : [input: RequestInput<E>, options?: RequestOptions];

/**
 * Supplies headers that prove who is calling. It gets the method and absolute URL because a DPoP
 * proof is bound to both; a plain bearer token can ignore them.
 */
export type AuthHeaderProvider = (request: {
  method: string;
  url: string;
}) => Record<string, string> | undefined | Promise<Record<string, string> | undefined>;

let authHeaderProvider: AuthHeaderProvider | null = null;

/** Installed by the sign-in feature; `null` removes it (sign-out). */
export function setAuthHeaderProvider(provider: AuthHeaderProvider | null): void {
  authHeaderProvider = provider;
}

/** The headers proving who calls `method url` (absolute URL), from the installed provider. */
export async function authHeadersFor(method: string, url: string): Promise<Record<string, string>> {
  return (await authHeaderProvider?.({ method, url })) ?? {};
}

/** Calls an endpoint of the contract and returns its output, parsed by the endpoint's schema. */
export async function apiRequest<E extends Endpoint>(endpoint: E, ...[input, options]: RequestArgs<E>): Promise<OutputOf<E>> {
  const parts = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const url = buildPath(endpoint.path, parts.params) + buildQuery(parts.query);
  const headers = new Headers({ Accept: 'application/json' });
  if (parts.body !== undefined) headers.set('Content-Type', 'application/json');
  const auth = await authHeaderProvider?.({ method: endpoint.method, url: new URL(url, window.location.href).href });
  for (const [name, value] of Object.entries(auth ?? {})) headers.set(name, value);
  for (const [name, value] of Object.entries(options?.headers ?? {})) headers.set(name, value);

  let response: Response;
  try {
    response = await fetch(url, {
      method: endpoint.method,
      headers,
      body: parts.body === undefined ? undefined : JSON.stringify(parts.body),
      credentials: 'same-origin',
      signal: options?.signal,
    });
  } catch (error) {
    // Cancellation is not a failure: let TanStack Query see the AbortError it expects.
    if (options?.signal?.aborted || (error instanceof DOMException && error.name === 'AbortError')) throw error;
    throw new ApiError({ status: 0, code: 'network_error', message: 'Could not reach the Vigil server.', cause: error });
  }

  const text = await response.text();
  const json = parseJson(text);

  if (!response.ok) {
    const envelope = errorEnvelopeSchema.safeParse(json.value);
    if (envelope.success) {
      const { code, message, details } = envelope.data.error;
      throw new ApiError({ status: response.status, code, message, details });
    }
    throw apiErrorFromStatus(response.status, response.statusText);
  }
  if (!json.ok) {
    throw new ApiError({ status: response.status, code: 'invalid_response', message: 'The server answered with something that is not JSON.' });
  }
  const result = endpoint.output.safeParse(json.value);
  if (!result.success) {
    throw new ApiError({
      status: response.status,
      code: 'invalid_response',
      message: "The server's answer does not match the API contract.",
      details: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return result.data as OutputOf<E>;
}

/** An empty body (204) parses as `undefined`, which the endpoint's output schema then judges. */
function parseJson(text: string): { ok: boolean; value: unknown } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, value: undefined };
  }
}

export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`Missing path parameter "${name}" for ${path}`);
    }
    return encodeURIComponent(String(value));
  });
}

export function buildQuery(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (item instanceof Date) search.append(key, item.toISOString());
      else if (typeof item === 'object') throw new Error(`Query parameter "${key}" must be a scalar or a list of scalars`);
      else search.append(key, String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
