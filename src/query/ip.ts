/**
 * IP address parsing and CIDR membership in plain code (no Node `net`, no DOM), so the SPA, the
 * parser and every storage compiler agree on what an address is.
 *
 * Addresses are strict: IPv4 is four decimal parts 0–255 without leading zeros (a leading zero is
 * read as octal by some tools, so `010.0.0.1` is ambiguous and refused); IPv6 follows RFC 4291 text
 * form, including `::` and an embedded dotted IPv4 tail (`::ffff:10.0.0.1`).
 */

const IPV4_PART = /^(0|[1-9]\d{0,2})$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** The 4 bytes of a dotted IPv4 address, or null. */
export function parseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
}

/** 16-bit groups of one side of `::`; a dotted IPv4 tail counts as two groups. */
function parseGroups(text: string, allowIPv4Tail: boolean): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    if (allowIPv4Tail && index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIPv4(part);
      if (!v4) return null;
      groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else if (IPV6_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups;
}

/** The 16 bytes of an IPv6 address, or null. Zone ids (`%eth0`) are not accepted here. */
export function parseIPv6(text: string): number[] | null {
  if (!text.includes(':')) return null;
  const gap = text.indexOf('::');
  if (gap !== text.lastIndexOf('::')) return null;
  let groups: number[];
  if (gap < 0) {
    const all = parseGroups(text, true);
    if (!all || all.length !== 8) return null;
    groups = all;
  } else {
    const head = parseGroups(text.slice(0, gap), false);
    const tail = parseGroups(text.slice(gap + 2), true);
    if (!head || !tail || head.length + tail.length > 7) return null;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** 4 bytes (IPv4) or 16 bytes (IPv6), or null when the text is not an address. */
export function parseIpAddress(text: string): number[] | null {
  return text.includes(':') ? parseIPv6(text) : parseIPv4(text);
}

/** `::ffff:a.b.c.d` — how dual-stack sockets (Node among them) report IPv4 peers. */
function ipv4FromMapped(bytes: number[]): number[] | null {
  for (let index = 0; index < 10; index++) if (bytes[index] !== 0) return null;
  if (bytes[10] !== 0xff || bytes[11] !== 0xff) return null;
  return bytes.slice(12);
}

/**
 * Whether `ip` lies in the network `address/prefixLength`. Never throws: anything unparsable is
 * simply not in the network. IPv4 and IPv4-mapped IPv6 (`::ffff:10.1.2.3`) are compared as the
 * same address, because log lines carry either form for the same peer. A zone id on `ip`
 * (`fe80::1%eth0`) is ignored. Host bits set in `address` (`10.1.2.3/8`) are ignored too.
 */
export function ipInCidr(ip: string, address: string, prefixLength: number): boolean {
  if (typeof ip !== 'string' || typeof address !== 'string') return false;
  const zone = ip.indexOf('%');
  let candidate = parseIpAddress(zone >= 0 && ip.includes(':') ? ip.slice(0, zone) : ip);
  const network = parseIpAddress(address);
  if (!candidate || !network) return false;
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > network.length * 8) return false;
  if (candidate.length === 16 && network.length === 4) {
    candidate = ipv4FromMapped(candidate);
    if (!candidate) return false;
  } else if (candidate.length === 4 && network.length === 16) {
    candidate = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...candidate];
  }
  const fullBytes = Math.floor(prefixLength / 8);
  for (let index = 0; index < fullBytes; index++) {
    if (candidate[index] !== network[index]) return false;
  }
  const remainingBits = prefixLength % 8;
  if (remainingBits === 0) return true;
  const mask = (0xff << (8 - remainingBits)) & 0xff;
  return (candidate[fullBytes]! & mask) === (network[fullBytes]! & mask);
}
