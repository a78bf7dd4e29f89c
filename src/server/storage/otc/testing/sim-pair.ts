/** Two simulated regions over one seeded tenant and an OTC store pointed at them, for tests and the bench. */
import type { OtcConfig } from '../config.ts';
import { DEFAULT_SIM_AK, DEFAULT_SIM_SK, seedTenant, startSimulator, type RunningSim } from '../../../testing/otc-sim/start.ts';
import type { SimLimits } from '../../../testing/otc-sim/sim-server.ts';
import type { SimIamUser } from '../../../testing/otc-sim/sim-iam.ts';
import { openOtcStore, type OtcStore, type OtcStoreOptions } from '../store.ts';
import { OutboundClient, parseAllowList } from '../../../outbound/index.ts';
import { sendThrough, type Send } from '../http.ts';

/** The simulators listen on loopback, which the outbound client allows only when told to. */
export const simSend: Send = sendThrough(new OutboundClient({ allow: parseAllowList('127.0.0.1') }));

export interface SimPair {
  primary: RunningSim;
  secondary: RunningSim;
  config: OtcConfig;
  open(options?: Partial<OtcStoreOptions>): OtcStore;
  close(): Promise<void>;
}

export const GENEROUS: SimLimits = { accountReadsPerMin: 1_000_000, groupReadsPerMin: 1_000_000, streamReadsPerMin: 1_000_000 };
export const GENEROUS_RATES = { accountPerMin: 1_000_000, groupPerMin: 1_000_000, streamPerMin: 1_000_000 };

/** The IAM user the simulators accept when a pair is started with `iam` (token authentication). */
export const SIM_IAM_USER: SimIamUser = { user: 'vigil-reader', password: 'sim-iam-password-not-for-production', domain: 'OTC-EU-DE-00000000001000000001', tokenTtlMs: 86_400_000 };

export async function startSimPair(options: { lines?: number; days?: number; limits?: SimLimits; sk?: string; iam?: SimIamUser; distinctLineNums?: boolean } = {}): Promise<SimPair> {
  const { tenant } = await seedTenant({ lines: options.lines ?? 6000, days: options.days ?? 3 });
  const limits = options.limits ?? GENEROUS;
  const iam = options.iam ? { iam: options.iam } : {};
  const primary = await startSimulator({ region: 'eu-de', tenant, limits, ...iam });
  const secondary = await startSimulator({ region: 'eu-nl', tenant, limits, ...iam, ...(options.distinctLineNums ? { lineNumSalt: 'eu-nl' } : {}) });
  const config: OtcConfig = {
    regions: [primary, secondary].map((sim) => ({ name: sim.region, projectId: sim.projectId, endpoints: { lts: sim.url, cts: sim.url, smn: sim.url, iam: sim.url } })),
    auth: options.iam
      ? { kind: 'token', iam: { user: options.iam.user, password: options.iam.password, domain: options.iam.domain } }
      : { kind: 'aksk', credentials: { ak: DEFAULT_SIM_AK, sk: options.sk ?? DEFAULT_SIM_SK } },
    timeoutMs: 2_000,
    healthIntervalMs: 60_000,
  };
  return {
    primary,
    secondary,
    config,
    open: (extra = {}) => openOtcStore({ config, send: simSend, rates: GENEROUS_RATES, cacheMs: 0, ...extra }),
    close: async () => {
      await primary.close();
      await secondary.close();
    },
  };
}
