/** Starts an OTC simulator in this process: seeds the demo tenant, listens on loopback. */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { seedDemoData, type SeedSummary } from '../../seed/index.ts';
import { MemoryTenant } from './memory-tenant.ts';
import type { SimIamUser } from './sim-iam.ts';
import { createSimulator, DOCUMENTED_LIMITS, type SimLimits, type Simulator } from './sim-server.ts';

export interface StartSimOptions {
  port?: number;
  region: string;
  ak?: string;
  sk?: string;
  projectId?: string;
  lines?: number;
  days?: number;
  /** End of the demo data (epoch ms); default the current minute. */
  now?: number;
  limits?: Partial<SimLimits>;
  /** An IAM user for token authentication (password method). */
  iam?: SimIamUser;
  /** Number lines differently from other regions (as real regions do). */
  lineNumSalt?: string;
  /** Reuse an already seeded tenant (two regions holding the same replica). */
  tenant?: MemoryTenant;
}

export interface RunningSim extends Simulator {
  url: string;
  region: string;
  projectId: string;
  tenant: MemoryTenant;
  seed: SeedSummary | null;
  close(): Promise<void>;
}

export const DEFAULT_SIM_AK = 'VIGILSIMAK0000000001';
export const DEFAULT_SIM_SK = 'vigil-simulator-secret-key-not-for-production';

/** 32 hex characters derived from the region, like a real project id. */
export function simProjectId(region: string): string {
  return createHash('sha256').update(`vigil-otc-sim:${region}`).digest('hex').slice(0, 32);
}

export async function seedTenant(options: { lines?: number; days?: number; now?: number }): Promise<{ tenant: MemoryTenant; seed: SeedSummary }> {
  const tenant = new MemoryTenant();
  const seed = await seedDemoData(tenant, {
    lines: options.lines ?? 60_000,
    days: options.days ?? 30,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  tenant.finish();
  return { tenant, seed };
}

export async function startSimulator(options: StartSimOptions): Promise<RunningSim> {
  const seeded = options.tenant ? { tenant: options.tenant, seed: null } : await seedTenant(options);
  const projectId = options.projectId ?? simProjectId(options.region);
  const sim = createSimulator({
    tenant: seeded.tenant,
    region: options.region,
    projectId,
    ak: options.ak ?? DEFAULT_SIM_AK,
    sk: options.sk ?? DEFAULT_SIM_SK,
    limits: { ...DOCUMENTED_LIMITS, ...options.limits },
    ...(options.iam ? { iam: options.iam } : {}),
    ...(options.lineNumSalt ? { lineNumSalt: options.lineNumSalt } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    sim.server.once('error', reject);
    sim.server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = sim.server.address() as AddressInfo;
  return {
    ...sim,
    url: `http://127.0.0.1:${port}`,
    region: options.region,
    projectId,
    tenant: seeded.tenant,
    seed: seeded.seed,
    close: () =>
      new Promise<void>((resolve) => {
        sim.server.closeAllConnections();
        sim.server.close(() => resolve());
      }),
  };
}
