import path from 'node:path';
import { z } from 'zod';
import type { LogLevel } from './logger.ts';
import { parseAllowList, type OutboundAllowList } from './outbound/address-policy.ts';

const envSchema = z.object({
  VIGIL_HOST: z.string().default('127.0.0.1'),
  VIGIL_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  VIGIL_DATA_DIR: z.string().default('./data'),
  /** Log store: the embedded one, or OTC's LTS and CTS (configured by VIGIL_OTC_*). */
  VIGIL_STORE: z.enum(['embedded', 'otc']).default('embedded'),
  VIGIL_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Largest accepted request body; bigger ones are refused with 413 before being buffered. */
  VIGIL_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Seed demo data when the store is empty at start ("false" to start empty). */
  VIGIL_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  VIGIL_ALERT_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  VIGIL_DIST_DIR: z.string().default('./dist'),
  /** Lines for the first-start demo seed (the generator's default when unset). */
  VIGIL_SEED_LINES: z.coerce.number().int().min(1000).optional(),
  /** The origin users reach Vigil at (DPoP `htu`, redirect URIs); defaults to http://host:port. */
  VIGIL_PUBLIC_URL: z.string().url().optional(),
  /** External OpenID provider; unset → Vigil runs its embedded provider under /idp. */
  VIGIL_OIDC_ISSUER: z.string().url().optional(),
  VIGIL_OIDC_CLIENT_ID: z.string().optional(),
  VIGIL_OIDC_SCOPE: z.string().default('openid profile email roles offline_access'),
  /** Expected `aud` of access tokens; defaults to <public url>/api. */
  VIGIL_OIDC_AUDIENCE: z.string().optional(),
  /** Send the audience as RFC 8707 resource indicator ("false" for providers that reject it). */
  VIGIL_OIDC_RESOURCE_INDICATOR: z.enum(['true', 'false']).default('true'),
  /** Required access-token `typ` header; "at+jwt" for the embedded provider, "" to not check. */
  VIGIL_OIDC_TOKEN_TYPE: z.string().optional(),
  VIGIL_ROLES_CLAIM: z.string().default('roles'),
  VIGIL_MFA_AMR: z.string().default('otp,mfa,totp,hwk,swk'),
  VIGIL_MFA_ACR: z.string().default('urn:vigil:mfa'),
  VIGIL_REQUIRE_DPOP: z.enum(['true', 'false']).default('true'),
  VIGIL_DEMO_PASSWORD: z.string().min(8).default('vigil-demo'),
  /** Lifetime of access tokens issued by the embedded provider (the SPA renews them before expiry). */
  VIGIL_IDP_ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  VIGIL_DEMO_TOTP_SECRET: z.string().regex(/^[A-Z2-7]{16,}$/, 'base32, at least 16 characters').optional(),
  /** Extra SPA origins allowed to sign in with the embedded provider (the Vite dev server). */
  VIGIL_DEV_ORIGINS: z.string().default('http://127.0.0.1:5173'),
  /** Outbound destinations allowed although inner (on-prem receivers, tests): names, addresses, CIDRs. */
  VIGIL_OUTBOUND_ALLOW_HOSTS: z.string().default(''),
  /** Reader threads of the embedded store (default: cores + 1, 2 to 8). */
  VIGIL_READERS: z.coerce.number().int().min(1).max(32).optional(),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  store: 'embedded' | 'otc';
  distDir: string;
  logLevel: LogLevel;
  maxBodyBytes: number;
  seedDemo: boolean;
  seedLines: number | undefined;
  /** Shortest alert rule schedule accepted. */
  alertMinEverySeconds: number;
  readers: number | undefined;
  publicUrl: string;
  auth: AuthSettings;
  outboundAllow: OutboundAllowList;
}

export interface AuthSettings {
  /** null: run the embedded provider. */
  externalIssuer: string | null;
  clientId: string | null;
  scope: string;
  audience: string;
  sendResourceIndicator: boolean;
  tokenType: string | undefined;
  rolesClaim: string;
  mfaAmr: string[];
  mfaAcr: string;
  requireDpop: boolean;
  demoPassword: string;
  accessTokenSeconds: number;
  demoTotpSecret: string | undefined;
  devOrigins: string[];
}

/** Reads the configuration from the environment; throws one message listing every bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.VIGIL_PUBLIC_URL ?? `http://${e.VIGIL_HOST}:${e.VIGIL_PORT}`).replace(/\/+$/, '');
  if (e.VIGIL_OIDC_ISSUER && !e.VIGIL_OIDC_CLIENT_ID) {
    throw new Error('Invalid configuration:\n  VIGIL_OIDC_CLIENT_ID is required with VIGIL_OIDC_ISSUER');
  }
  return {
    host: e.VIGIL_HOST,
    port: e.VIGIL_PORT,
    dataDir: path.resolve(e.VIGIL_DATA_DIR),
    store: e.VIGIL_STORE,
    distDir: path.resolve(e.VIGIL_DIST_DIR),
    logLevel: e.VIGIL_LOG_LEVEL,
    maxBodyBytes: e.VIGIL_MAX_BODY_BYTES,
    seedDemo: e.VIGIL_SEED_DEMO === 'true',
    alertMinEverySeconds: e.VIGIL_ALERT_MIN_INTERVAL_SECONDS,
    seedLines: e.VIGIL_SEED_LINES,
    readers: e.VIGIL_READERS,
    publicUrl,
    outboundAllow: parseAllowList(e.VIGIL_OUTBOUND_ALLOW_HOSTS),
    auth: {
      externalIssuer: e.VIGIL_OIDC_ISSUER?.replace(/\/+$/, '') ?? null,
      clientId: e.VIGIL_OIDC_CLIENT_ID ?? null,
      scope: e.VIGIL_OIDC_SCOPE,
      audience: e.VIGIL_OIDC_AUDIENCE ?? `${publicUrl}/api`,
      sendResourceIndicator: e.VIGIL_OIDC_RESOURCE_INDICATOR === 'true',
      tokenType:
        e.VIGIL_OIDC_TOKEN_TYPE !== undefined ? e.VIGIL_OIDC_TOKEN_TYPE || undefined : e.VIGIL_OIDC_ISSUER ? undefined : 'at+jwt',
      rolesClaim: e.VIGIL_ROLES_CLAIM,
      mfaAmr: e.VIGIL_MFA_AMR.split(',').map((v) => v.trim()).filter(Boolean),
      mfaAcr: e.VIGIL_MFA_ACR,
      requireDpop: e.VIGIL_REQUIRE_DPOP === 'true',
      demoPassword: e.VIGIL_DEMO_PASSWORD,
      accessTokenSeconds: e.VIGIL_IDP_ACCESS_TOKEN_SECONDS,
      demoTotpSecret: e.VIGIL_DEMO_TOTP_SECRET,
      devOrigins: e.VIGIL_DEV_ORIGINS.split(',').map((v) => v.trim()).filter(Boolean),
    },
  };
}
