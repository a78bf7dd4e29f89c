import type { z } from 'zod';
import type { Access } from './roles.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Objects of query parameters, path parameters or JSON body fields. */
export type InputSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

/**
 * One API endpoint, declared once and used by both sides: the BFF validates input and enforces
 * `access` from it; the SPA parses outputs with `output`; the OpenAPI document is generated from it.
 * `access` has no default, so adding an endpoint forces a decision about who may call it.
 */
export interface Endpoint<
  Params extends InputSchema | undefined = InputSchema | undefined,
  Query extends InputSchema | undefined = InputSchema | undefined,
  Body extends InputSchema | undefined = InputSchema | undefined,
  Output extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Path with `:name` parameters, e.g. `/api/log-groups/:groupId`. */
  path: `/api/${string}`;
  summary: string;
  tags: readonly string[];
  access: Access;
  /** Changes that need a multi-factor sign-in (admin changes); refused with 403 mfa_required otherwise. */
  mfa?: boolean;
  params?: Params;
  query?: Query;
  body?: Body;
  output: Output;
  /** The output carries an `etag` field that is also sent as the ETag header (optimistic locking). */
  etag?: boolean;
  /** HTTP status of a successful response (default 200). */
  status?: 200 | 201 | 202 | 204;
  /**
   * Set when the response is a stream (a file download, Server-Sent Events) instead of one JSON
   * value: `output` then describes one record of the stream, and the BFF mounts a stream handler.
   */
  streamed?: StreamedResponse;
}

export interface StreamedResponse {
  contentTypes: readonly [string, ...string[]];
}

export function defineEndpoint<
  Params extends InputSchema | undefined = undefined,
  Query extends InputSchema | undefined = undefined,
  Body extends InputSchema | undefined = undefined,
  Output extends z.ZodType = z.ZodType,
  Streamed extends StreamedResponse | undefined = undefined,
>(
  endpoint: Endpoint<Params, Query, Body, Output> & { streamed?: Streamed },
): Endpoint<Params, Query, Body, Output> & ([Streamed] extends [StreamedResponse] ? { streamed: Streamed } : unknown) {
  // The type keeps `streamed` when it is set, so the server's handler types can tell the two kinds apart.
  return endpoint as Endpoint<Params, Query, Body, Output> & ([Streamed] extends [StreamedResponse] ? { streamed: Streamed } : unknown);
}

// Optional members read as `X | undefined`; strip the undefined before asking what X is.
type Parsed<S> = [NonNullable<S>] extends [z.ZodType] ? z.output<NonNullable<S>> : undefined;
type Raw<S> = [NonNullable<S>] extends [z.ZodType] ? z.input<NonNullable<S>> : undefined;

/** The validated input a handler receives. */
export interface InputOf<E extends Endpoint> {
  params: Parsed<E['params']>;
  query: Parsed<E['query']>;
  body: Parsed<E['body']>;
}
/** The input a caller sends (before transforms such as ISO-8601 → epoch ms). */
export interface RawInputOf<E extends Endpoint> {
  params: Raw<E['params']>;
  query: Raw<E['query']>;
  body: Raw<E['body']>;
}
export type OutputOf<E extends Endpoint> = z.output<E['output']>;
