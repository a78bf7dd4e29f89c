/**
 * Which network addresses Vigil may connect to on behalf of a user-supplied destination. Every
 * outside connection (webhooks, chat, SMN, Splunk HEC, syslog/GELF forwarders) is checked here,
 * once when the destination is saved and again on the address actually connected to, so that a
 * name resolving to an inner address (or rebinding to one later) is refused too.
 */
import ipaddr from 'ipaddr.js';

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/** Exceptions from `VIGIL_OUTBOUND_ALLOW_HOSTS`: host names, addresses or CIDR ranges. */
export interface OutboundAllowList {
  hosts: ReadonlySet<string>;
  ranges: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
}

export const EMPTY_ALLOW_LIST: OutboundAllowList = { hosts: new Set(), ranges: [] };

const RANGE_REASONS: Record<string, string> = {
  unspecified: 'an unspecified address',
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
  uniqueLocal: 'a unique-local (private) address',
  benchmarking: 'a benchmarking address',
  as112: 'a reserved (AS112) address',
  amt: 'a reserved (AMT) address',
  teredo: 'a Teredo tunnel address',
  orchid2: 'a reserved (ORCHID) address',
  deprecated: 'a deprecated address',
  discard: 'a discard-only address',
};

/** Host names that mean "this machine" or a local network whatever DNS says. */
export function isLocalName(host: string): boolean {
  const name = normalizeHost(host);
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === 'localhost.localdomain' ||
    name.endsWith('.local') ||
    name.endsWith('.internal') ||
    name === 'metadata' ||
    name === 'metadata.google.internal'
  );
}

/** Lower case, brackets of IPv6 literals and a trailing root dot removed. */
export function normalizeHost(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  if (name.endsWith('.')) name = name.slice(0, -1);
  return name;
}

/**
 * Parses an address in any notation a resolver or URL parser accepts: dotted decimal, a single
 * decimal/octal/hex number, short forms (127.1), IPv6 with embedded IPv4. Null for a host name.
 */
export function parseAddress(host: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const name = normalizeHost(host);
  // A zone index (fe80::1%eth0) only ever names a link-local interface.
  const bare = name.includes('%') ? name.slice(0, name.indexOf('%')) : name;
  if (!ipaddr.isValid(bare)) return null;
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

/** The IPv4 address carried inside an IPv6 one (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const parts = address.parts;
  const range = address.range();
  const fromWords = (high: number, low: number) =>
    new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  if (range === 'ipv4Mapped') return address.toIPv4Address();
  // ::a.b.c.d (IPv4-compatible, deprecated but still routed by some stacks).
  if (parts.slice(0, 6).every((p) => p === 0) && (parts[6] !== 0 || (parts[7] ?? 0) > 1)) {
    return fromWords(parts[6] ?? 0, parts[7] ?? 0);
  }
  // NAT64 (64:ff9b::/96, 64:ff9b:1::/48) and SIIT (::ffff:0:a.b.c.d) carry the IPv4 in the last 32 bits.
  if (range === 'rfc6052' || range === 'rfc6145') return fromWords(parts[6] ?? 0, parts[7] ?? 0);
  // 6to4: 2002:AABB:CCDD::/48.
  if (range === '6to4') return fromWords(parts[1] ?? 0, parts[2] ?? 0);
  return null;
}

function inAllowedRange(address: ipaddr.IPv4 | ipaddr.IPv6, allow: OutboundAllowList): boolean {
  return allow.ranges.some(([base, bits]) => {
    if (base.kind() !== address.kind()) return false;
    return address.match(base as never, bits);
  });
}

/** The verdict for one concrete address (the one about to be connected to). */
export function checkAddress(
  address: ipaddr.IPv4 | ipaddr.IPv6 | string,
  allow: OutboundAllowList = EMPTY_ALLOW_LIST,
): AddressVerdict {
  const parsed = typeof address === 'string' ? parseAddress(address) : address;
  if (!parsed) return { allowed: false, reason: `"${String(address)}" is not an IP address` };
  if (inAllowedRange(parsed, allow) || allow.hosts.has(parsed.toString())) return { allowed: true };
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const inner = embeddedIPv4(v6);
    if (inner) {
      const verdict = checkAddress(inner, allow);
      return verdict.allowed
        ? verdict
        : { allowed: false, reason: `${v6.toString()} embeds ${inner.toString()}: ${verdict.reason}` };
    }
  }
  const range = parsed.range();
  if (range === 'unicast') return { allowed: true };
  const text = parsed.toString();
  if (text === '169.254.169.254' || text === 'fd00:ec2::254') {
    return { allowed: false, reason: `${text} is the cloud metadata service` };
  }
  return { allowed: false, reason: `${text} is ${RANGE_REASONS[range] ?? `in the ${range} range`}` };
}

/** Whether a host (name or address in any notation) is on the allow list itself. */
export function isAllowListed(host: string, allow: OutboundAllowList): boolean {
  const address = parseAddress(host);
  if (!address) return isAllowedName(host, allow);
  return allow.hosts.has(address.toString()) || inAllowedRange(address, allow);
}

/** Whether a host name (not an address) is on the allow list. */
export function isAllowedName(host: string, allow: OutboundAllowList): boolean {
  return allow.hosts.has(normalizeHost(host));
}

/**
 * Parses `VIGIL_OUTBOUND_ALLOW_HOSTS`: comma-separated host names, addresses or CIDR ranges.
 * Throws naming the first entry it cannot read, so a typo fails at start, not at delivery.
 */
export function parseAllowList(value: string | undefined): OutboundAllowList {
  const hosts = new Set<string>();
  const ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry.includes('/')) {
      try {
        ranges.push(ipaddr.parseCIDR(entry));
      } catch {
        throw new Error(`VIGIL_OUTBOUND_ALLOW_HOSTS: "${entry}" is not a CIDR range`);
      }
      continue;
    }
    const address = parseAddress(entry);
    if (address) {
      hosts.add(address.toString());
      continue;
    }
    const name = normalizeHost(entry);
    if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(name)) {
      throw new Error(`VIGIL_OUTBOUND_ALLOW_HOSTS: "${entry}" is neither a host name, an address nor a CIDR range`);
    }
    hosts.add(name);
  }
  return { hosts, ranges };
}
