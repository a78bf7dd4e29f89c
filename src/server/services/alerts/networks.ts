/**
 * "Not from these addresses" as the trace filter can express it: the IPv4 space minus the
 * excluded networks, as a short list of networks (at most 32 per excluded one). The CTS timeline
 * then counts with its own address matching, no trace-by-trace pass needed.
 */
import type { Network } from '../../traces/cidr.ts';

function toNumber(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

const toAddress = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

/** `1.2.3.4` or `1.2.0.0/16` as a numeric range; null when not IPv4. */
export function ipv4Range(text: string): { lo: number; hi: number } | null {
  const [address, prefix, extra] = text.trim().split('/');
  if (extra !== undefined || address === undefined) return null;
  const base = toNumber(address);
  const length = prefix === undefined ? 32 : /^\d{1,2}$/.test(prefix) ? Number(prefix) : -1;
  if (base === null || length < 0 || length > 32) return null;
  const size = 2 ** (32 - length);
  const lo = Math.floor(base / size) * size;
  return { lo, hi: lo + size - 1 };
}

/** The IPv4 networks covering every address outside `excluded` (IPv4 addresses or networks). */
export function complementNetworks(excluded: readonly string[]): Network[] {
  const ranges = excluded.map(ipv4Range).filter((r): r is { lo: number; hi: number } => r !== null);
  const out: Network[] = [];
  const cover = (lo: number, length: number) => {
    const hi = lo + 2 ** (32 - length) - 1;
    if (ranges.some((r) => r.lo <= lo && r.hi >= hi)) return;
    if (!ranges.some((r) => r.lo <= hi && r.hi >= lo)) {
      out.push({ address: toAddress(lo), prefixLength: length });
      return;
    }
    cover(lo, length + 1);
    cover(lo + 2 ** (31 - length), length + 1);
  };
  cover(0, 0);
  return out;
}
