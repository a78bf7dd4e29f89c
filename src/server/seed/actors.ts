/**
 * Who and where: the demo tenant's account, its small operations team, the addresses they work
 * from, and the outsiders that show up in the logs. Fixed values (not seeded) so the README and
 * tests can name them.
 */
import type { Rng } from './prng.ts';

export const REGION = 'eu-de';
export const DOMAIN = { id: '0c5f1e3a9b7d4e2f8a6c1b3d5e7f9a2b', name: 'OTC-EU-DE-00000000001000061287' } as const;
export const PROJECT_ID = '5f67944957444bd6bb4fe3b367de8f3d';

export interface TeamMember {
  id: string;
  name: string;
  /** Rough share of the human console/API activity. */
  weight: number;
  /** Works from home now and then (adds the home IP to their address pool). */
  homeIp: string | null;
}

export const TEAM: readonly TeamMember[] = [
  { id: '4b2e8f1c6a9d4c3e8b7f2a1d9c6e5b4a', name: 'anna.schmidt', weight: 5, homeIp: '87.123.45.67' },
  { id: '7d1a9c3e5b2f4a8c9e6d1b3a5c7e9f2d', name: 'jonas.weber', weight: 4, homeIp: '79.206.112.9' },
  { id: '2c8e6a4b1d9f4e7a8c3b5d2e9f1a6c4b', name: 'lena.fischer', weight: 4, homeIp: null },
  { id: '9f3b5d7e1a2c4b6d8e9a1c3e5f7b2d4a', name: 'mehmet.yilmaz', weight: 3, homeIp: '2.204.18.77' },
  { id: '6e4c2a8f9b1d4e3c7a5b9d1f3e6c8a2b', name: 'sophie.nowak', weight: 3, homeIp: null },
  { id: '1a7c9e3b5d2f4a6c8e1b3d5f7a9c2e4b', name: 'tobias.becker', weight: 2, homeIp: '91.64.203.118' },
  { id: '8b6d4f2a1c3e4b5d7f9a2c4e6b8d1f3a', name: 'terraform-ci', weight: 6, homeIp: null },
];

/** The CI user calls the API from the build runner only. */
export const CI_USER = 'terraform-ci';
export const CI_RUNNER_IP = '80.158.59.21';

/** Operations CTS attributes to the platform itself (SystemAction, empty source IP). */
export const SYSTEM_USER = { id: '', name: 'op_service', domain: DOMAIN } as const;

export const OFFICE_NAT_IPS = ['217.6.112.9', '217.6.112.10', '217.6.112.11', '217.6.112.12'] as const;
export const VPN_IPS = ['91.213.47.10', '91.213.47.11'] as const;

/** Scenario actors: the brute-force source and the sign-in from an address never seen before. */
export const BRUTE_FORCE_IP = '185.220.101.47';
export const NEVER_SEEN_IP = '45.155.205.233';

const RESERVED = new Set<string>([BRUTE_FORCE_IP, NEVER_SEEN_IP, CI_RUNNER_IP, ...OFFICE_NAT_IPS, ...VPN_IPS]);
for (const member of TEAM) if (member.homeIp) RESERVED.add(member.homeIp);

// First octets of busy public ranges; scanners and shoppers come from all over.
const FIRST_OCTETS = [2, 5, 31, 37, 45, 46, 62, 77, 78, 80, 81, 84, 85, 87, 89, 91, 93, 94, 103, 109, 141, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217];

/** A random public IPv4 address that is never one of the named actors' addresses. */
export function randomPublicIp(rng: Rng): string {
  for (;;) {
    const ip = `${rng.pick(FIRST_OCTETS)}.${rng.int(1, 254)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    if (!RESERVED.has(ip)) return ip;
  }
}

/** Addresses a team member signs in from: office NAT, VPN and sometimes their home line. */
export function memberIp(rng: Rng, member: TeamMember): string {
  if (member.name === CI_USER) return CI_RUNNER_IP;
  const r = rng.next();
  if (member.homeIp && r < 0.15) return member.homeIp;
  if (r < 0.4) return rng.pick(VPN_IPS);
  return rng.pick(OFFICE_NAT_IPS);
}

/** A pool of recurring "internet" addresses so that top-N charts have repeat offenders. */
export function createIpPool(rng: Rng, size: number): readonly string[] {
  const pool: string[] = [];
  for (let i = 0; i < size; i++) pool.push(randomPublicIp(rng));
  return pool;
}
