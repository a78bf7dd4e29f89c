/**
 * Source-address filters: a value with a slash is a network, parsed here into address and
 * prefix length; membership itself is the query language's `ipInCidr`, so trace filters and log
 * search agree on what an address is (IPv4-mapped IPv6 included).
 */
import { ipInCidr, parseIpAddress } from '../../query/index.ts';

export { ipInCidr };

export interface Network {
  address: string;
  prefixLength: number;
}

/** `10.0.0.0/8` → network; null when the address or prefix is invalid. */
export function parseNetwork(text: string): Network | null {
  const [address, prefix, extra] = text.split('/');
  if (extra !== undefined || address === undefined || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return null;
  const bytes = parseIpAddress(address);
  const prefixLength = Number(prefix);
  if (!bytes || prefixLength > bytes.length * 8) return null;
  return { address, prefixLength };
}
