import type { Endpoint } from '../contract/endpoint.ts';
import { errorEnvelopeSchema } from '../contract/errors.ts';
import { ApiError, apiErrorFromStatus } from './api-error.ts';
import { authHeadersFor, buildPath, buildQuery, type RequestInput } from './api-client.ts';

/**
 * Opens a streamed endpoint (a download, Server-Sent Events) with the same credentials as
 * apiRequest, and returns the Response for the caller to read as it arrives. EventSource cannot
 * send Authorization or DPoP headers, hence fetch. Errors before the stream starts arrive as the
 * API's error envelope and are thrown as ApiError.
 */
export async function openStream<E extends Endpoint & { streamed: object }>(
  endpoint: E,
  input: RequestInput<E>,
  options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<Response> {
  const parts = input as { params?: Record<string, unknown>; query?: Record<string, unknown> };
  const url = buildPath(endpoint.path, parts.params) + buildQuery(parts.query);
  const headers = new Headers(options.headers);
  for (const [name, value] of Object.entries(await authHeadersFor(endpoint.method, new URL(url, window.location.href).href))) headers.set(name, value);

  let response: Response;
  try {
    response = await fetch(url, { method: endpoint.method, headers, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted || (error instanceof DOMException && error.name === 'AbortError')) throw error;
    throw new ApiError({ status: 0, code: 'network_error', message: 'Could not reach the Vigil server.', cause: error });
  }
  if (response.ok) return response;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw apiErrorFromStatus(response.status, response.statusText);
  }
  const envelope = errorEnvelopeSchema.safeParse(body);
  if (!envelope.success) throw apiErrorFromStatus(response.status, response.statusText);
  const { code, message, details } = envelope.data.error;
  throw new ApiError({ status: response.status, code, message, details });
}
