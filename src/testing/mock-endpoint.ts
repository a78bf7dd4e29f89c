import { http, HttpResponse, type HttpHandler } from 'msw';
import type { z } from 'zod';
import type { Endpoint, InputOf, OutputOf } from '../contract/endpoint.ts';
import type { ErrorCode, ErrorEnvelope } from '../contract/errors.ts';

export interface MockRequest<E extends Endpoint> extends InputOf<E> {
  request: Request;
}

export type MockResolver<E extends Endpoint> = (
  input: MockRequest<E>,
) => OutputOf<E> | Response | Promise<OutputOf<E> | Response>;

const methods = { GET: http.get, POST: http.post, PUT: http.put, PATCH: http.patch, DELETE: http.delete } as const;

/**
 * An MSW handler for one contract endpoint. Like the BFF, it validates the request with the
 * endpoint's input schemas (answering 400 `validation_failed` when the SPA sends something the
 * server would refuse) and checks that what the resolver returns satisfies the output schema, so
 * fixtures cannot drift from the contract. Return a `Response` to send anything else verbatim.
 */
export function mockEndpoint<E extends Endpoint>(endpoint: E, resolve: MockResolver<E>): HttpHandler {
  return methods[endpoint.method](endpoint.path, async ({ request, params }) => {
    const url = new URL(request.url);
    const rawBody = endpoint.body ? await request.clone().json().catch(() => undefined) : undefined;
    const parsed = {
      params: parsePart(endpoint.params, params),
      query: parsePart(endpoint.query, queryObject(url.searchParams)),
      body: parsePart(endpoint.body, rawBody),
    };
    const issues = Object.entries(parsed).flatMap(([part, result]) =>
      result.success ? [] : result.issues.map((issue) => ({ path: `${part}.${issue.path.join('.')}`, message: issue.message })),
    );
    if (issues.length > 0) {
      return errorResponse(400, 'validation_failed', 'The request does not match the API contract.', issues);
    }
    const input = {
      params: parsed.params.success ? parsed.params.data : undefined,
      query: parsed.query.success ? parsed.query.data : undefined,
      body: parsed.body.success ? parsed.body.data : undefined,
      request,
    } as MockRequest<E>;
    const output = await resolve(input);
    if (output instanceof Response) return output;
    const checked = endpoint.output.safeParse(output);
    if (!checked.success) {
      throw new Error(`Mock for ${endpoint.method} ${endpoint.path} returned output outside the contract: ${checked.error.message}`);
    }
    return HttpResponse.json(output as never, { status: endpoint.status ?? 200 });
  });
}

/** A handler answering one endpoint with Vigil's error envelope. */
export function mockEndpointError<E extends Endpoint>(
  endpoint: E,
  status: number,
  code: ErrorCode,
  message: string,
  details?: unknown,
): HttpHandler {
  return mockEndpoint(endpoint, () => errorResponse(status, code, message, details));
}

export function errorResponse(status: number, code: ErrorCode, message: string, details?: unknown): Response {
  const envelope: ErrorEnvelope = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return HttpResponse.json(envelope, { status });
}

type PartResult =
  | { success: true; data: unknown }
  | { success: false; issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> };

function parsePart(schema: z.ZodType | undefined, value: unknown): PartResult {
  if (!schema) return { success: true, data: undefined };
  const result = schema.safeParse(value ?? {});
  return result.success ? { success: true, data: result.data } : { success: false, issues: result.error.issues };
}

/** Repeated keys become lists, as a server's query parser would give them. */
function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}
