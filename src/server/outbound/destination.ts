/**
 * Pure checks of a destination as a user types it (save time). They cannot know what a name
 * resolves to later: the connect-time check in `safe-lookup.ts` covers that.
 */
import {
  checkAddress,
  EMPTY_ALLOW_LIST,
  isAllowedName,
  isLocalName,
  normalizeHost,
  parseAddress,
  type OutboundAllowList,
} from './address-policy.ts';

export type DestinationCheck<T> = ({ ok: true } & T) | { ok: false; reason: string };

const MAX_URL_LENGTH = 2048;

/**
 * Validates an outbound URL: http(s) only, no credentials in it, a host that is neither a local
 * name nor an inner address in any notation (the WHATWG parser turns 2130706433, 0x7f.1 or
 * 0177.0.0.1 into 127.0.0.1, which is what a client would connect to).
 */
export function checkOutboundUrl(
  input: string,
  allow: OutboundAllowList = EMPTY_ALLOW_LIST,
  options: { requireHttps?: boolean } = {},
): DestinationCheck<{ url: URL }> {
  if (input.length > MAX_URL_LENGTH) return { ok: false, reason: `the URL is longer than ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: 'not a valid absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `scheme ${url.protocol.replace(':', '')} is not allowed (http or https only)` };
  }
  if (options.requireHttps && url.protocol !== 'https:' && !isAllowedName(url.hostname, allow)) {
    return { ok: false, reason: 'https is required' };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'credentials in the URL are not allowed (they would end up in logs)' };
  }
  const host = checkHost(url.hostname, allow);
  return host.ok ? { ok: true, url } : host;
}

/** Validates a raw TCP/UDP destination (syslog, GELF forwarders). */
export function checkSocketDestination(
  host: string,
  port: number,
  allow: OutboundAllowList = EMPTY_ALLOW_LIST,
): DestinationCheck<{ host: string; port: number }> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, reason: `port ${port} is not 1-65535` };
  if (!host.trim() || host.length > 253) return { ok: false, reason: 'the host is empty or too long' };
  const checked = checkHost(host, allow);
  return checked.ok ? { ok: true, host: normalizeHost(host), port } : checked;
}

function checkHost(rawHost: string, allow: OutboundAllowList): DestinationCheck<object> {
  const host = normalizeHost(rawHost);
  if (!host) return { ok: false, reason: 'the URL has no host' };
  if (isAllowedName(host, allow)) return { ok: true };
  const address = parseAddress(host);
  if (address) {
    const verdict = checkAddress(address, allow);
    return verdict.allowed ? { ok: true } : { ok: false, reason: verdict.reason };
  }
  if (/^[0-9.]+$/.test(host) || /^0x/i.test(host)) {
    // Digits and dots that are no valid address: some resolvers still read them as one.
    return { ok: false, reason: `"${host}" looks like a malformed address` };
  }
  if (isLocalName(host)) return { ok: false, reason: `"${host}" names this machine or a local network` };
  if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(host)) {
    return { ok: false, reason: `"${host}" is not a valid host name` };
  }
  return { ok: true };
}
