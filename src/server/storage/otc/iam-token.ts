/**
 * IAM token authentication, the alternative to AK/SK signing: a project-scoped user token from
 * `POST /v3/auth/tokens` (password method, token in the `X-Subject-Token` response header, valid
 * 24 h). One token per region (it is scoped to that region's project), cached, renewed ahead of
 * `expires_at`, and dropped when a service answers 401 to it so the next call fetches a new one.
 * The token and the password never appear in an error message or a log line.
 */
import type { RegionConfig } from './config.ts';
import { OtcError } from './errors.ts';
import { TransportError, type Send } from './http.ts';

/** An IAM user's password sign-in: user name, password and the account (domain) name. */
export interface IamPassword {
  user: string;
  password: string;
  domain: string;
}

export interface IamTokenOptions {
  region: RegionConfig;
  iam: IamPassword;
  send: Send;
  timeoutMs: number;
  now: () => number;
}

interface Token {
  value: string;
  expiresAt: number;
  issuedAt: number;
}

/** Renew this long before expiry: a tenth of the lifetime, at most an hour (24 h tokens: 1 h before). */
export function refreshAt(token: { issuedAt: number; expiresAt: number }): number {
  const lifetime = Math.max(0, token.expiresAt - token.issuedAt);
  return token.expiresAt - Math.min(3_600_000, lifetime / 10);
}

/** IAM answers errors Keystone-style: {"error":{"code","message","title"}}. */
function iamMessage(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown }; error_msg?: unknown };
    const message = body.error?.message ?? body.error_msg;
    return typeof message === 'string' ? message.slice(0, 200) : null;
  } catch {
    return null;
  }
}

export class IamTokenSource {
  readonly #o: IamTokenOptions;
  #token: Token | null = null;
  #pending: Promise<Token> | null = null;
  /** Tokens obtained so far (health, tests). */
  issued = 0;

  constructor(options: IamTokenOptions) {
    this.#o = options;
  }

  get #region(): string {
    return this.#o.region.name;
  }

  /** A valid token: the cached one until its renewal time, then a new one (calls in flight share it). */
  async get(): Promise<string> {
    const now = this.#o.now();
    const cached = this.#token;
    if (cached && now < refreshAt(cached)) return cached.value;
    try {
      return (await this.#renew()).value;
    } catch (error) {
      // Renewal failed but the old token is still valid: keep using it (the next call tries again).
      if (cached && now < cached.expiresAt - 60_000) return cached.value;
      throw error;
    }
  }

  /** A service refused `value` (401): forget it, unless it was already replaced. */
  invalidate(value: string): void {
    if (this.#token?.value === value) this.#token = null;
  }

  /** When the cached token expires (epoch ms), or null. */
  expiresAt(): number | null {
    return this.#token?.expiresAt ?? null;
  }

  #renew(): Promise<Token> {
    this.#pending ??= this.#obtain().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  async #obtain(): Promise<Token> {
    const { region, iam, send, timeoutMs, now } = this.#o;
    const body = JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: iam.user, password: iam.password, domain: { name: iam.domain } } } },
        scope: { project: { id: region.projectId } },
      },
    });
    let answer;
    try {
      answer = await send({
        method: 'POST',
        url: `${region.endpoints.iam}/v3/auth/tokens?nocatalog=true`,
        headers: { 'Content-Type': 'application/json;charset=utf8' },
        body,
        timeoutMs,
      });
    } catch (error) {
      if (error instanceof TransportError) {
        throw new OtcError({ kind: error.kind === 'timeout' ? 'timeout' : error.kind === 'refused' ? 'client' : 'network', message: `IAM ${this.#region}: ${error.message}`, region: this.#region });
      }
      throw error;
    }
    if (answer.status !== 201 && answer.status !== 200) {
      const detail = iamMessage(answer.text);
      const kind = answer.status >= 500 ? 'server' : answer.status === 429 ? 'throttled' : answer.status === 401 || answer.status === 403 ? 'auth' : 'client';
      throw new OtcError({
        kind,
        status: answer.status,
        region: this.#region,
        message: `IAM ${this.#region}: no token for user ${iam.user} of ${iam.domain} (${answer.status}${detail ? ` ${detail}` : ''})`,
        ...(kind === 'throttled' ? { retryAt: now() + 10_000 } : {}),
      });
    }
    const value = answer.headers.get('x-subject-token') ?? '';
    const received = now();
    let lifetime = Number.NaN;
    try {
      const token = (JSON.parse(answer.text) as { token?: { expires_at?: string; issued_at?: string } }).token;
      const expires = Date.parse(token?.expires_at ?? '');
      const issued = Date.parse(token?.issued_at ?? '');
      // IAM's clock may differ from ours: keep the lifetime it grants, counted from receipt.
      lifetime = expires - (Number.isFinite(issued) ? issued : received);
    } catch {
      // handled below
    }
    if (!value || !Number.isFinite(lifetime) || lifetime <= 0) {
      throw new OtcError({ kind: 'server', region: this.#region, status: answer.status, message: `IAM ${this.#region} answered without X-Subject-Token or a valid token.expires_at` });
    }
    const issuedAt = received;
    const expiresAt = received + lifetime;
    const token = { value, expiresAt, issuedAt };
    this.#token = token;
    this.issued++;
    return token;
  }
}
