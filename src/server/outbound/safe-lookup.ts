/**
 * DNS lookup used for every outbound connection: it resolves the name, refuses when ANY answer is
 * an inner address (a name with one public and one private answer is a rebinding trick), and
 * hands the checked address to the socket, so the address checked is the address connected to.
 */
import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { checkAddress, isAllowedName, parseAddress, type OutboundAllowList } from './address-policy.ts';

export class DestinationRefusedError extends Error {
  readonly code = 'EVIGILREFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'DestinationRefusedError';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Resolver = (host: string, options: { all: true; family?: number }) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (host, options) => dns.promises.lookup(host, { ...options, verbatim: true });

/** Resolves and checks a host; the addresses it returns are safe to connect to. */
export async function resolveSafely(
  host: string,
  allow: OutboundAllowList,
  resolver: Resolver = systemResolver,
  family?: number,
): Promise<LookupAddress[]> {
  const literal = parseAddress(host);
  const answers = literal
    ? [{ address: literal.toString(), family: literal.kind() === 'ipv6' ? 6 : 4 }]
    : await resolver(host, family ? { all: true, family } : { all: true });
  if (answers.length === 0) throw new DestinationRefusedError(`${host} did not resolve to any address`);
  if (!isAllowedName(host, allow)) {
    for (const answer of answers) {
      const verdict = checkAddress(answer.address, allow);
      if (!verdict.allowed) throw new DestinationRefusedError(`${host} resolves to ${answer.address}: ${verdict.reason}`);
    }
  }
  return answers;
}

/** A `lookup` for http.request / net.connect applying the policy at connect time. */
export function createSafeLookup(allow: OutboundAllowList, resolver: Resolver = systemResolver) {
  return function safeLookup(host: string, options: LookupOptions | number, callback: LookupCallback): void {
    const opts: LookupOptions = typeof options === 'number' ? { family: options } : options;
    const family = typeof opts.family === 'number' && opts.family !== 0 ? opts.family : undefined;
    resolveSafely(host, allow, resolver, family).then(
      (answers) => {
        if (opts.all) callback(null, answers);
        else callback(null, answers[0]!.address, answers[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
