/**
 * Failover, throttling and signatures against simulated regions: a region killed mid-query, its
 * recovery (fail back), a quota stop surfaced as `throttled`, a wrong secret refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../search/scope.ts';
import type { LineSearchRequest } from '../ports.ts';
import { StoreError } from '../store-error.ts';
import { simSend, startSimPair, type SimPair } from './testing/sim-pair.ts';
import { openOtcStore } from './store.ts';
import { DEFAULT_SIM_AK } from '../../testing/otc-sim/start.ts';

let pair: SimPair;

beforeAll(async () => {
  pair = await startSimPair({ lines: 5000, days: 2 });
}, 60_000);

afterAll(async () => {
  await pair?.close();
});

const now = Date.now();
const search = (q = 'sshd'): LineSearchRequest => ({
  query: parseSearchQuery(q), from: now - 3 * 86_400_000, to: now + 60_000, streamIds: null, order: 'newest', limit: 50, position: null,
  budget: { maxRows: 1e6, maxMs: 30_000 },
});

describe('multi-region failover', () => {
  it('retries a read on the other region when the serving one dies mid-query, then fails back', async () => {
    const store = pair.open({ failureThreshold: 1, openMs: 0 });
    const before = await store.search.searchLines(search());
    expect(before.remote).toMatchObject({ region: 'eu-de', retried: false });

    pair.primary.setFault('dead');
    const during = await store.search.searchLines(search());
    expect(during.remote).toMatchObject({ region: 'eu-nl', retried: true });
    expect(during.lines.map((l) => l.lineNum)).toEqual(before.lines.map((l) => l.lineNum));
    const health = store.regions!();
    expect(health.find((r) => r.name === 'eu-de')).toMatchObject({ circuit: 'open', serving: false, primary: true });
    expect(health.find((r) => r.name === 'eu-nl')).toMatchObject({ serving: true });

    // While the primary's circuit is open, reads go straight to the secondary.
    const next = await store.search.searchLines(search('sudo'));
    expect(next.remote).toMatchObject({ region: 'eu-nl', retried: false });

    pair.primary.setFault('none');
    await store.pool.checkAll();
    expect(store.regions!().find((r) => r.name === 'eu-de')).toMatchObject({ circuit: 'closed', serving: true });
    const after = await store.search.searchLines(search());
    expect(after.remote).toMatchObject({ region: 'eu-de', retried: false });
    await store.close();
  }, 30_000);

  it('fails over on timeouts and 5xx as well, and says when every region failed', async () => {
    const store = pair.open({ failureThreshold: 3, openMs: 60_000, config: { ...pair.config, timeoutMs: 300 } });
    pair.primary.setFault('hang');
    expect((await store.traces.listTraces(emptyFilter(), { limit: 5, after: null })).traces).toHaveLength(5);
    pair.primary.setFault('5xx');
    const groups = await store.logs.listGroups();
    expect(groups.length).toBe(4);
    pair.secondary.setFault('5xx');
    await expect(store.search.searchLines(search())).rejects.toThrow(/every region failed/);
    pair.primary.setFault('none');
    pair.secondary.setFault('none');
    await store.close();
  }, 30_000);
});

describe('limits and signatures', () => {
  it('turns an LTS 429 into a throttled result with a retry time, never into "no logs"', async () => {
    const store = pair.open({ rates: { accountPerMin: 1e6, groupPerMin: 1e6, streamPerMin: 1e6 } });
    const sim = pair.primary;
    // The simulator's own quota (10 reads a minute per stream) is what refuses here.
    const limited = await startSimPairLike(sim.tenant);
    const throttledStore = openOtcStore({ config: limited.config, send: simSend, rates: { accountPerMin: 1e6, groupPerMin: 1e6, streamPerMin: 1e6 }, cacheMs: 0 });
    let page = await throttledStore.search.searchLines(search());
    for (let i = 0; i < 12 && page.remote?.throttled === null; i++) page = await throttledStore.search.searchLines(search(`sshd ${i}`));
    expect(page.remote?.throttled?.streams.length).toBeGreaterThan(0);
    expect(page.remote!.throttled!.retryAt).toBeGreaterThan(Date.now());
    expect(page.next === null && page.lines.length === 0 && page.remote?.throttled === null).toBe(false);
    await throttledStore.close();
    await limited.close();
    await store.close();
  }, 30_000);

  it('stops on the client-side quota before LTS refuses', async () => {
    const store = pair.open({ rates: { accountPerMin: 1000, groupPerMin: 1000, streamPerMin: 2 } });
    const requests = pair.primary.stats.requests;
    const pages = [];
    for (let i = 0; i < 3; i++) pages.push(await store.search.searchLines({ ...search(`word${i}`), streamIds: ['ecs-prod/auth'] }));
    expect(pages[2]!.remote?.throttled?.streams).toEqual(['ecs-prod/auth']);
    expect(pair.primary.stats.throttled).toBe(0);
    expect(pair.primary.stats.requests - requests).toBe(5 + 2); // one listing of the 4 groups' streams (kept a minute) and two reads
    await store.close();
  });

  it('is refused by the region with a wrong secret key', async () => {
    const store = openOtcStore({ config: { ...pair.config, auth: { kind: 'aksk', credentials: { ak: DEFAULT_SIM_AK, sk: 'wrong' } } }, send: simSend, cacheMs: 0 });
    const refused = pair.primary.stats.refusedSignatures;
    const error = await store.logs.listGroups().catch((e: unknown) => e);
    // Leaves the adapter as the store-neutral error the HTTP layer maps (502), naming LTS's code.
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).kind).toBe('refused');
    expect((error as StoreError).message).toMatch(/401 APIG\.0303/);
    expect(pair.primary.stats.refusedSignatures).toBeGreaterThan(refused);
    await store.close();
  });
});

function emptyFilter() {
  return {
    from: now - 3 * 86_400_000, to: now + 60_000, serviceTypes: [], resourceTypes: [], traceNames: [], ratings: [], traceTypes: [], users: [],
    sourceIps: [], networks: [], resourceIds: [], resourceNames: [], texts: [], requestIds: [], codes: [], codeClasses: [],
  };
}

async function startSimPairLike(tenant: SimPair['primary']['tenant']) {
  const { startSimulator } = await import('../../testing/otc-sim/start.ts');
  const sim = await startSimulator({ region: 'eu-de', tenant });
  return {
    config: { ...pair.config, regions: [{ name: 'eu-de', projectId: sim.projectId, endpoints: { lts: sim.url, cts: sim.url, smn: sim.url, iam: sim.url } }] },
    close: () => sim.close(),
  };
}
