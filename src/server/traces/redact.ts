/**
 * Removes secrets from trace bodies before they leave the server. CTS records the request and
 * response of an API call verbatim, so a password change, a token request or a KMS data key
 * can carry the secret itself. JSON bodies are walked: a primitive under a secret-looking key is
 * replaced, objects under such keys are walked further (so `auth.identity.password.user.name`
 * stays readable while its `password` goes). Text that is not JSON, and every string inside
 * JSON, also loses bearer credentials, JWTs, private keys and `password=…`-style pairs.
 */
import type { CtsTrace } from '../../contract/index.ts';

export const REDACTED = '[REDACTED]';

// Keys are compared lowercased without separators: "X-Auth-Token", "x_auth_token" → "xauthtoken".
const SECRET_KEY_SUFFIX =
  /(password|passwd|passphrase|pwd|secret|secretkey|token|apikey|privatekey|authorization|proxyauthorization|cookie|setcookie|credential|credentials|signature|plaintext|datakey|sessionid|sessionkey|totp|otp|mfacode)$/;
const SECRET_KEY_EXACT = new Set(['sk', 'auth', 'cvv', 'pin']);

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEY_EXACT.has(normalized) || SECRET_KEY_SUFFIX.test(normalized);
}

const TEXT_PATTERNS: readonly [RegExp, (match: string, ...groups: string[]) => string][] = [
  [/-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)/g, () => REDACTED],
  [/\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, () => REDACTED],
  [/\b(Bearer|Basic|DPoP|Digest|Negotiate)\s+[A-Za-z0-9._~+/=:-]{8,}/gi, (_m, scheme) => `${scheme} ${REDACTED}`],
  // key=value and key: value pairs in query strings, headers and log-like text.
  [
    /\b((?:[\w-]*?)(?:password|passwd|pwd|secret|token|api[_-]?key|authorization|access[_-]?key[_-]?secret|private[_-]?key))(\s*["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s&,;"'{}[\]]+)/gi,
    (_m, key, separator, value) => `${key}${separator}${value.startsWith('"') ? `"${REDACTED}"` : value.startsWith("'") ? `'${REDACTED}'` : REDACTED}`,
  ],
];

/** Redacts secrets in free text; returns the text and whether anything changed. */
export function redactText(text: string): { text: string; changed: boolean } {
  let result = text;
  for (const [pattern, replace] of TEXT_PATTERNS) {
    result = result.replace(pattern, replace as (match: string, ...groups: string[]) => string);
  }
  return { text: result, changed: result !== text };
}

function redactValue(value: unknown, path: string, found: string[]): unknown {
  if (typeof value === 'string') {
    const { text, changed } = redactText(value);
    if (changed) found.push(path);
    return text;
  }
  if (Array.isArray(value)) return value.map((item, index) => redactValue(item, `${path}[${index}]`, found));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const innerPath = `${path}.${key}`;
      const primitive = inner === null || typeof inner !== 'object';
      if (isSecretKey(key) && primitive && inner !== null && inner !== '') {
        out[key] = REDACTED;
        found.push(innerPath);
      } else {
        out[key] = redactValue(inner, innerPath, found);
      }
    }
    return out;
  }
  return value;
}

/**
 * Redacts one body (a JSON text or free text) of field `field`; `found` receives the paths of
 * what was redacted. JSON comes back re-serialised compactly; free text keeps its layout.
 */
export function redactBody(body: string, field: string, found: string[]): string {
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined) {
      const before = found.length;
      const redacted = redactValue(parsed, field, found);
      return found.length === before ? body : JSON.stringify(redacted);
    }
  }
  const { text, changed } = redactText(body);
  if (changed) found.push(field);
  return text;
}

/** The trace as the detail view shows it: bodies and free-text fields without secrets. */
export function redactTrace(trace: CtsTrace): { trace: CtsTrace; redactions: string[] } {
  const redactions: string[] = [];
  const text = (value: string, field: string) => {
    const result = redactText(value);
    if (result.changed) redactions.push(field);
    return result.text;
  };
  return {
    trace: {
      ...trace,
      request: redactBody(trace.request, 'request', redactions),
      response: redactBody(trace.response, 'response', redactions),
      message: text(trace.message, 'message'),
      location_info: text(trace.location_info, 'location_info'),
      resource_url: text(trace.resource_url, 'resource_url'),
    },
    redactions,
  };
}
