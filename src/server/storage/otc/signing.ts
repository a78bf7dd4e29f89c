/**
 * AK/SK request signing for Open Telekom Cloud APIs ("SDK-HMAC-SHA256", the documented
 * `Access=` form). Pure: the caller passes the clock. Used by the OTC storage adapter and by SMN
 * publishing; the OTC simulator uses the same canonicalisation to verify what it receives, and the
 * unit tests check it against an independent computation for fixed inputs.
 *
 * Algorithm (reference: API Gateway "making an API request" + the signing guide):
 *   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n hex(sha256(body))
 *   StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
 *   Signature        = hex(HMAC-SHA256(SK, StringToSign))
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** OTC refuses signatures whose X-Sdk-Date is further than this from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

export interface Credentials {
  ak: string;
  sk: string;
  /** Temporary credentials come with a security token, sent unsigned as X-Security-Token. */
  securityToken?: string;
}

export interface RequestToSign {
  method: string;
  /** Absolute URL (scheme, host, path, query). */
  url: string;
  /** Headers to send; names in any case. Host and X-Sdk-Date are added. */
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface SignedRequest {
  /** The input headers plus Host, X-Sdk-Date and Authorization. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Parses an X-Sdk-Date value; null when malformed. */
export function parseSdkDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isFinite(t) ? new Date(t) : null;
}

/** RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - _ . ~ (encodeURIComponent leaves !'()* too). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Each path segment encoded, with a trailing slash appended when missing. */
export function canonicalUri(pathname: string): string {
  const encoded = pathname
    .split('/')
    .map((segment) => uriEncode(decodeSafely(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Parameters sorted by name (then value), names and values encoded, `k=v` joined by `&`. */
export function canonicalQuery(search: string): string {
  const pairs: [string, string][] = [];
  for (const [name, value] of new URLSearchParams(search)) pairs.push([uriEncode(name), uriEncode(value)]);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Host as sent in the Host header: host[:port], default ports omitted. */
export function hostHeader(url: URL): string {
  return url.host;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The canonical request for `signedHeaders` (lower-case names) taken from `headers`.
 * Header values are trimmed; a signed header that is missing counts as empty.
 */
export function buildCanonicalRequest(
  method: string,
  url: URL,
  headers: Record<string, string>,
  signedHeaders: readonly string[],
  bodyHash: string,
): string {
  const lower = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) lower.set(name.toLowerCase(), value);
  const names = [...signedHeaders].map((n) => n.toLowerCase()).sort();
  const canonicalHeaders = names.map((n) => `${n}:${(lower.get(n) ?? '').trim()}\n`).join('');
  return [
    method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    canonicalHeaders,
    names.join(';'),
    bodyHash,
  ].join('\n');
}

export function buildStringToSign(date: string, canonicalRequest: string): string {
  return `${SIGNING_ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest)}`;
}

export function hmacHex(key: string, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** Signs a request: every header passed is signed (plus host and x-sdk-date). */
export function signRequest(request: RequestToSign, credentials: Credentials, now: Date): SignedRequest {
  const url = new URL(request.url);
  const date = sdkDate(now);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    // Authorization is never signed; Host and X-Sdk-Date are set below.
    if (lower === 'authorization' || lower === 'host' || lower === 'x-sdk-date') continue;
    headers[name] = value;
  }
  headers.Host = hostHeader(url);
  headers['X-Sdk-Date'] = date;
  const signedHeaders = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort();
  const canonicalRequest = buildCanonicalRequest(request.method, url, headers, signedHeaders, sha256Hex(request.body));
  const stringToSign = buildStringToSign(date, canonicalRequest);
  const signature = hmacHex(credentials.sk, stringToSign);
  headers.Authorization = `${SIGNING_ALGORITHM} Access=${credentials.ak}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  if (credentials.securityToken) headers['X-Security-Token'] = credentials.securityToken;
  return { headers, canonicalRequest, stringToSign, signature };
}

export interface ParsedAuthorization {
  access: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`; null when it is not that form. */
export function parseAuthorization(header: string | null | undefined): ParsedAuthorization | null {
  if (!header) return null;
  const m = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(header.trim());
  if (!m) return null;
  return { access: m[1]!, signedHeaders: m[2]!.split(';'), signature: m[3]! };
}

export type VerifyOutcome =
  | { ok: true; access: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown_key' | 'date' | 'expired' | 'signed_headers' | 'signature' };

/**
 * Verifies a signed request as the receiving side would: known AK, fresh X-Sdk-Date, host and
 * x-sdk-date among the signed headers, and the signature recomputed over what arrived.
 */
export function verifyRequest(
  request: { method: string; url: string; headers: Headers; body: string | Uint8Array },
  lookupSecret: (ak: string) => string | null,
  now: Date,
): VerifyOutcome {
  const header = request.headers.get('authorization');
  if (!header) return { ok: false, reason: 'missing' };
  const parsed = parseAuthorization(header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const sk = lookupSecret(parsed.access);
  if (sk === null) return { ok: false, reason: 'unknown_key' };
  const dateValue = request.headers.get('x-sdk-date') ?? '';
  const date = parseSdkDate(dateValue);
  if (!date) return { ok: false, reason: 'date' };
  if (Math.abs(now.getTime() - date.getTime()) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'expired' };
  if (!parsed.signedHeaders.includes('host') || !parsed.signedHeaders.includes('x-sdk-date')) {
    return { ok: false, reason: 'signed_headers' };
  }
  const received: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    received[name] = value;
  });
  const canonical = buildCanonicalRequest(request.method, new URL(request.url), received, parsed.signedHeaders, sha256Hex(request.body));
  const expected = Buffer.from(hmacHex(sk, buildStringToSign(dateValue, canonical)), 'hex');
  const given = Buffer.from(parsed.signature, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' };
  return { ok: true, access: parsed.access };
}
