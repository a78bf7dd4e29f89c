/**
 * OTC adapter configuration from the environment: regions in failover order (first = primary),
 * per region a project id and optionally one base URL for all its services (how tests reach the
 * simulator), AK/SK or an IAM user's password from the environment or a file. Credentials are kept
 * out of every log line.
 */
import { readFileSync } from 'node:fs';
import type { IamPassword } from './iam-token.ts';
import type { Credentials } from './signing.ts';

export interface RegionConfig {
  name: string;
  projectId: string;
  /** Base URL per service, without a trailing slash. */
  endpoints: { lts: string; cts: string; smn: string; iam: string };
}

/** How calls authenticate: AK/SK signatures, or IAM user tokens obtained with a password. */
export type OtcAuth = { kind: 'aksk'; credentials: Credentials } | { kind: 'token'; iam: IamPassword };

export interface OtcConfig {
  regions: RegionConfig[];
  auth: OtcAuth;
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

/** VIGIL_OTC_AUTH=token: IAM user name, password and account (domain) from the environment or the credentials file. */
function readIamPassword(env: NodeJS.ProcessEnv): IamPassword {
  const file = env.VIGIL_OTC_CREDENTIALS_FILE;
  let from: Record<string, unknown> = { user: env.VIGIL_OTC_USER, password: env.VIGIL_OTC_PASSWORD, domain: env.VIGIL_OTC_DOMAIN };
  if (file) {
    const text = readFileSync(file, 'utf8');
    try {
      from = JSON.parse(text) as Record<string, unknown>;
    } catch {
      const line = (name: string) => new RegExp(`^\\s*${name}\\s*=\\s*(\\S+)`, 'im').exec(text)?.[1];
      from = { user: line('USER'), password: line('PASSWORD'), domain: line('DOMAIN') };
    }
  }
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const user = text(from.user);
  const password = text(from.password);
  const domain = text(from.domain);
  if (!user || !password || !domain) {
    throw new Error(
      file
        ? `VIGIL_OTC_CREDENTIALS_FILE: no user, password and domain found in ${file}`
        : 'VIGIL_OTC_AUTH=token needs VIGIL_OTC_USER, VIGIL_OTC_PASSWORD and VIGIL_OTC_DOMAIN (the account name), or VIGIL_OTC_CREDENTIALS_FILE',
    );
  }
  return { user, password, domain };
}

function readAuth(env: NodeJS.ProcessEnv): OtcAuth {
  const kind = env.VIGIL_OTC_AUTH ?? 'aksk';
  if (kind === 'aksk') return { kind, credentials: readCredentials(env) };
  if (kind === 'token') return { kind, iam: readIamPassword(env) };
  throw new Error(`VIGIL_OTC_AUTH must be aksk or token, got "${kind}"`);
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
    return { name, projectId, endpoints: { lts: service('lts'), cts: service('cts'), smn: service('smn'), iam: service('iam') } };
  });
  return {
    regions,
    auth: readAuth(env),
    timeoutMs: positive(env, 'VIGIL_OTC_TIMEOUT_MS', 10_000),
    healthIntervalMs: positive(env, 'VIGIL_OTC_HEALTH_INTERVAL_MS', 15_000),
  };
}
