import { describe, expect, it } from 'vitest';
import { ipInCidr } from '../../traces/cidr.ts';
import { complementNetworks, ipv4Range } from './networks.ts';

const inAny = (ip: string, networks: { address: string; prefixLength: number }[]) => networks.some((n) => ipInCidr(ip, n.address, n.prefixLength));

describe('complementNetworks', () => {
  it('covers every IPv4 address outside the excluded ones and none inside', () => {
    const rest = complementNetworks(['217.6.112.0/24', '91.64.203.118']);
    expect(rest.length).toBeLessThanOrEqual(64);
    for (const ip of ['217.6.112.0', '217.6.112.255', '91.64.203.118']) expect(inAny(ip, rest)).toBe(false);
    for (const ip of ['217.6.111.255', '217.6.113.0', '91.64.203.117', '91.64.203.119', '0.0.0.0', '255.255.255.255', '45.155.205.233']) expect(inAny(ip, rest)).toBe(true);
  });

  it('is the whole space without exclusions, and reads addresses and networks strictly', () => {
    expect(complementNetworks([])).toEqual([{ address: '0.0.0.0', prefixLength: 0 }]);
    expect(ipv4Range('10.1.2.3/8')).toEqual({ lo: 10 * 2 ** 24, hi: 11 * 2 ** 24 - 1 });
    for (const bad of ['10.1.2', '10.1.2.256', '10.0.0.0/33', '::1', 'ten']) expect(ipv4Range(bad)).toBeNull();
  });
});
