/**
 * Slows down password guessing without handing strangers a way to lock people out.
 *
 * - Per (username, client address): a few free failures, then each further failure makes that
 *   pair wait twice as long as before (1 s, 2 s, 4 s … at most 15 minutes). The right password
 *   from another address is not affected.
 * - Per client address, across usernames: the same growing delay after more free failures, so
 *   one address cannot spray passwords over many accounts.
 * - The account alone is locked (for every address) only when it collects many failures from many
 *   different addresses within an hour: a distributed attack. That lock is reported once
 *   (`onUserLocked`), so admins find it in Vigil's audit trail.
 * Failures are forgotten an hour after the last one. The tables are bounded: the attacker chooses
 * usernames and addresses, so the least recently failed entries are dropped beyond MAX_ENTRIES.
 */

export const THROTTLE = {
  pairFreeFailures: 3,
  addressFreeFailures: 20,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  userLockAddresses: 10,
  userLockFailures: 50,
  userLockMs: 15 * 60_000,
} as const;

const MAX_ENTRIES = 10_000;
const MAX_KEY_LENGTH = 256;

export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'pair' | 'address' | 'user_locked'; retryAfterSeconds: number };

export interface UserLock {
  username: string;
  failures: number;
  addresses: number;
  until: number;
  /** The address whose failure tipped the account over. */
  lastAddress: string;
}

interface Failures {
  count: number;
  last: number;
  waitUntil: number;
}

interface UserFailures {
  count: number;
  last: number;
  addresses: Set<string>;
  lockedUntil: number;
}

/** Map with an entry cap: updated keys move to the end, the oldest are dropped first. */
class Bounded<V> {
  readonly #map = new Map<string, V>();

  get(key: string): V | undefined {
    return this.#map.get(key);
  }

  set(key: string, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    while (this.#map.size > MAX_ENTRIES) this.#map.delete(this.#map.keys().next().value as string);
  }

  delete(key: string): void {
    this.#map.delete(key);
  }
}

function delayAfter(count: number, free: number): number {
  if (count <= free) return 0;
  return Math.min(THROTTLE.maxDelayMs, 1_000 * 2 ** Math.min(30, count - free - 1));
}

export class LoginThrottle {
  readonly #pairs = new Bounded<Failures>();
  readonly #addresses = new Bounded<Failures>();
  readonly #users = new Bounded<UserFailures>();
  readonly #now: () => number;
  readonly #onUserLocked: (lock: UserLock) => void;

  constructor(now: () => number, onUserLocked: (lock: UserLock) => void = () => undefined) {
    this.#now = now;
    this.#onUserLocked = onUserLocked;
  }

  /** Whether this attempt may be checked at all; the wait when not. */
  check(username: string, address: string): ThrottleVerdict {
    const now = this.#now();
    const user = this.#fresh(this.#users.get(userKey(username)), now);
    if (user && user.lockedUntil > now) return refuse('user_locked', user.lockedUntil - now);
    const pair = this.#fresh(this.#pairs.get(pairKey(username, address)), now);
    if (pair && pair.waitUntil > now) return refuse('pair', pair.waitUntil - now);
    const byAddress = this.#fresh(this.#addresses.get(addressKey(address)), now);
    if (byAddress && byAddress.waitUntil > now) return refuse('address', byAddress.waitUntil - now);
    return { allowed: true };
  }

  failed(username: string, address: string): void {
    const now = this.#now();
    this.#count(this.#pairs, pairKey(username, address), THROTTLE.pairFreeFailures, now);
    this.#count(this.#addresses, addressKey(address), THROTTLE.addressFreeFailures, now);

    const key = userKey(username);
    const user = this.#fresh(this.#users.get(key), now) ?? { count: 0, last: now, addresses: new Set<string>(), lockedUntil: 0 };
    user.count += 1;
    user.last = now;
    if (user.addresses.size < THROTTLE.userLockAddresses * 10) user.addresses.add(addressKey(address));
    const distributed = user.count >= THROTTLE.userLockFailures && user.addresses.size >= THROTTLE.userLockAddresses;
    if (distributed && user.lockedUntil <= now) {
      user.lockedUntil = now + THROTTLE.userLockMs;
      this.#onUserLocked({ username: key, failures: user.count, addresses: user.addresses.size, until: user.lockedUntil, lastAddress: addressKey(address) });
    }
    this.#users.set(key, user);
  }

  /** The right credentials: this pair starts afresh (the address and the account keep their history). */
  succeeded(username: string, address: string): void {
    this.#pairs.delete(pairKey(username, address));
  }

  #count(table: Bounded<Failures>, key: string, free: number, now: number): void {
    const entry = this.#fresh(table.get(key), now) ?? { count: 0, last: now, waitUntil: 0 };
    entry.count += 1;
    entry.last = now;
    const delay = delayAfter(entry.count, free);
    if (delay > 0) entry.waitUntil = now + delay;
    table.set(key, entry);
  }

  /** An entry whose last failure is older than an hour (and whose lock is over) counts as none. */
  #fresh<E extends { last: number }>(entry: E | undefined, now: number): E | undefined {
    if (!entry) return undefined;
    const locked = 'lockedUntil' in entry && (entry.lockedUntil as number) > now;
    return !locked && now - entry.last > THROTTLE.forgetAfterMs ? undefined : entry;
  }
}

function refuse(reason: 'pair' | 'address' | 'user_locked', waitMs: number): ThrottleVerdict {
  return { allowed: false, reason, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

function userKey(username: string): string {
  return username.slice(0, MAX_KEY_LENGTH).toLowerCase();
}

function addressKey(address: string): string {
  // IPv4-mapped IPv6 (::ffff:1.2.3.4) is the same client as 1.2.3.4.
  return address.replace(/^::ffff:/i, '').slice(0, 64);
}

function pairKey(username: string, address: string): string {
  return `${addressKey(address)}\n${userKey(username)}`;
}
