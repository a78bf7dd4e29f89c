import type { ErrorCode } from '../contract/errors.ts';

/**
 * Codes the client adds to the server's own: the server was unreachable, or it answered with
 * something that is not what the contract promises.
 */
export type ApiErrorCode = ErrorCode | 'network_error' | 'invalid_response';

export interface ApiErrorInit {
  status: number;
  code: ApiErrorCode;
  message: string;
  details?: unknown;
  cause?: unknown;
}

/**
 * A failed API call. Kept apart from api-client.ts so the shell (query-client, error states) can
 * recognise it without pulling zod and the contract schemas into the initial bundle.
 */
export class ApiError extends Error {
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401 || this.code === 'unauthenticated';
  }

  get isForbidden(): boolean {
    return this.status === 403 || this.code === 'forbidden' || this.code === 'mfa_required';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const codeByStatus: Readonly<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  500: 'internal',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
};

/**
 * An error response without Vigil's envelope (a proxy, a gateway, a crashed server): keep the
 * status and give it the closest code so callers can still tell "sign in" from "try later".
 */
export function apiErrorFromStatus(status: number, statusText: string): ApiError {
  const code = codeByStatus[status] ?? (status >= 500 ? 'internal' : 'bad_request');
  const label = statusText ? `${status} ${statusText}` : String(status);
  // 502–504 without Vigil's envelope come from whatever sits in front of the server (a proxy,
  // a load balancer): the Vigil server itself did not answer.
  const message =
    status >= 502 && status <= 504
      ? `The Vigil server did not answer (${label} from the gateway in front of it).`
      : `The server answered ${label} without details.`;
  return new ApiError({ status, code, message });
}
