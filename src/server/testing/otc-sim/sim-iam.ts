/**
 * The simulator's IAM token endpoint, `POST /v3/auth/tokens` (password method, project scope),
 * as the IAM API reference describes it: 201 with the token in `X-Subject-Token` and
 * `token.expires_at` in the body. Issued tokens are then accepted as `X-Auth-Token` by the
 * simulated LTS and CTS until they expire or are revoked (`POST /__sim/revoke-tokens`).
 */
import { randomBytes } from 'node:crypto';
import type { SimReply } from './sim-lts.ts';

export interface SimIamUser {
  user: string;
  password: string;
  domain: string;
  /** Token lifetime; IAM's is 24 hours. */
  tokenTtlMs: number;
}

const keystoneError = (status: number, message: string): SimReply => ({ status, body: { error: { code: status, message, title: status === 401 ? 'Unauthorized' : 'Bad Request' } } });

export class SimIam {
  readonly #user: SimIamUser | null;
  readonly #projectId: string;
  readonly #tokens = new Map<string, number>();
  issued = 0;

  constructor(user: SimIamUser | null, projectId: string) {
    this.#user = user;
    this.#projectId = projectId;
  }

  /** Answers a token request; the token travels in the returned header. */
  issue(bodyText: string, now: number): { reply: SimReply; token?: string } {
    if (!this.#user) return { reply: keystoneError(401, 'The simulator has no IAM user configured (--iam-user)') };
    let body: { auth?: { identity?: { methods?: unknown; password?: { user?: { name?: unknown; password?: unknown; domain?: { name?: unknown } } } }; scope?: { project?: { id?: unknown } } } };
    try {
      body = JSON.parse(bodyText) as typeof body;
    } catch {
      return { reply: keystoneError(400, 'The request body is not valid JSON') };
    }
    const identity = body.auth?.identity;
    if (!Array.isArray(identity?.methods) || !identity.methods.includes('password')) return { reply: keystoneError(400, 'identity.methods must include password') };
    const user = identity.password?.user;
    if (user?.name !== this.#user.user || user.password !== this.#user.password || user.domain?.name !== this.#user.domain) {
      return { reply: keystoneError(401, 'The username or password is wrong.') };
    }
    const project = body.auth?.scope?.project?.id;
    if (project !== this.#projectId) return { reply: keystoneError(400, 'scope.project.id must be this region\'s project') };
    // Real tokens are 1,000-2,000 characters.
    const token = `MIIsim${randomBytes(900).toString('base64url')}`;
    const expiresAt = now + this.#user.tokenTtlMs;
    this.#tokens.set(token, expiresAt);
    this.issued++;
    return {
      token,
      reply: {
        status: 201,
        body: {
          token: {
            methods: ['password'],
            issued_at: new Date(now).toISOString(),
            expires_at: new Date(expiresAt).toISOString(),
            user: { name: this.#user.user, domain: { name: this.#user.domain } },
            project: { id: this.#projectId },
            roles: [{ name: 'lts_viewer' }, { name: 'cts_viewer' }],
            catalog: [],
          },
        },
      },
    };
  }

  /** 'ok', or why the token is refused. */
  check(token: string, now: number): 'ok' | 'expired' | 'unknown' {
    const expiresAt = this.#tokens.get(token);
    if (expiresAt === undefined) return 'unknown';
    return now < expiresAt ? 'ok' : 'expired';
  }

  revokeAll(): number {
    const n = this.#tokens.size;
    this.#tokens.clear();
    return n;
  }
}
