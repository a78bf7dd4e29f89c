/**
 * OTC adapter configuration from the environment: regions in failover order (first = primary),
 * per region a project id and optionally one base URL for all its services (how tests reach the
 * simulator), AK/SK from the environment or a file. Credentials are kept out of every log line.
 */
import { readFileSync } from 'node:fs';
import type { Credentials } from './signing.ts';

export interface RegionConfig {
  name: string;
  projectId: string;
  /** Base URL per service, without a trailing slash. */
  endpoints: { lts: string; cts: string; smn: string };
}

export interface OtcConfig {
  regions: RegionConfig[];
  credentials: Credentials;
  /** Per call. */
  timeoutMs: number;
  /** Between health checks of each region. */
  healthIntervalMs: number;
}

const envKey = (region: string) => region.toUpperCase().replace(/[^A-Z0-9]/g, '_');

function readCredentials(env: NodeJS.ProcessEnv): Credentials {
  const file = env.VIGIL_OTC_CREDENTIALS_FILE;
  if (file) {
    // JSON {"ak","sk"} (or "access"/"secret" as in OTC's credentials download), or AK=/SK= lines.
    const text = readFileSync(file, 'utf8');
    let ak: string | undefined;
    let sk: string | undefined;
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      ak = String(parsed.ak ?? parsed.access ?? '');
      sk = String(parsed.sk ?? parsed.secret ?? '');
    } catch {
      ak = /^\s*AK\s*=\s*(\S+)/im.exec(text)?.[1];
      sk = /^\s*SK\s*=\s*(\S+)/im.exec(text)?.[1];
    }
    if (!ak || !sk) throw new Error(`VIGIL_OTC_CREDENTIALS_FILE: no AK and SK found in ${file}`);
    return { ak, sk };
  }
  const ak = env.VIGIL_OTC_AK;
  const sk = env.VIGIL_OTC_SK;
  if (!ak || !sk) throw new Error('VIGIL_STORE=otc needs VIGIL_OTC_AK and VIGIL_OTC_SK, or VIGIL_OTC_CREDENTIALS_FILE');
  return { ak, sk, ...(env.VIGIL_OTC_SECURITY_TOKEN ? { securityToken: env.VIGIL_OTC_SECURITY_TOKEN } : {}) };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return n;
}

export function readOtcConfig(env: NodeJS.ProcessEnv = process.env): OtcConfig {
  const names = (env.VIGIL_OTC_REGIONS ?? 'eu-de')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new Error('VIGIL_OTC_REGIONS names no region');
  const regions = names.map((name): RegionConfig => {
    if (!/^[a-z]{2}-[a-z0-9-]+$/.test(name)) throw new Error(`VIGIL_OTC_REGIONS: "${name}" is not a region name like eu-de`);
    const key = envKey(name);
    const projectId = env[`VIGIL_OTC_PROJECT_ID_${key}`];
    if (!projectId || !/^[0-9a-f]{32}$/i.test(projectId)) throw new Error(`VIGIL_OTC_PROJECT_ID_${key} must be the 32-hex project id of ${name}`);
    const base = env[`VIGIL_OTC_ENDPOINT_${key}`]?.replace(/\/+$/, '');
    if (base !== undefined) new URL(base); // throws on a malformed URL
    const service = (s: string) => base ?? `https://${s}.${name}.otc.t-systems.com`;
    return { name, projectId, endpoints: { lts: service('lts'), cts: service('cts'), smn: service('smn') } };
  });
  return {
    regions,
    credentials: readCredentials(env),
    timeoutMs: positive(env, 'VIGIL_OTC_TIMEOUT_MS', 10_000),
    healthIntervalMs: positive(env, 'VIGIL_OTC_HEALTH_INTERVAL_MS', 15_000),
  };
}
