/** What went wrong calling OTC, classified for failover (region failures) and for honest results. */
export type OtcFailureKind = 'timeout' | 'network' | 'server' | 'throttled' | 'auth' | 'client';

export class OtcError extends Error {
  readonly kind: OtcFailureKind;
  readonly status: number | null;
  /** LTS/CTS/APIG error code, e.g. LTS.0009, APIG.0308. */
  readonly code: string | null;
  readonly region: string;
  /** For `throttled`: when a retry may succeed (epoch ms). */
  readonly retryAt: number | null;
  constructor(init: { kind: OtcFailureKind; message: string; region: string; status?: number | null; code?: string | null; retryAt?: number | null }) {
    super(init.message);
    this.name = 'OtcError';
    this.kind = init.kind;
    this.region = init.region;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.retryAt = init.retryAt ?? null;
  }
}

/** Failures that say the region (not the request) is in trouble: these trigger failover. */
export function isRegionFailure(error: unknown): error is OtcError {
  return error instanceof OtcError && (error.kind === 'timeout' || error.kind === 'network' || error.kind === 'server');
}

/** Reads the error bodies OTC services use: {error_code,error_msg}, {errorCode,errorMessage}, {message:{code,details}}. */
export function parseErrorBody(text: string): { code: string | null; message: string | null } {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const nested = body.message && typeof body.message === 'object' ? (body.message as Record<string, unknown>) : null;
    const code = body.error_code ?? body.errorCode ?? nested?.code ?? null;
    const message = body.error_msg ?? body.errorMessage ?? nested?.details ?? (typeof body.message === 'string' ? body.message : null);
    return { code: typeof code === 'string' ? code : null, message: typeof message === 'string' ? message.slice(0, 300) : null };
  } catch {
    return { code: null, message: null };
  }
}
