import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Logger } from '../logger.ts';
import type { DemoUser, PasswordCheck } from './demo-users.ts';
import { signInPage } from './pages.ts';
import { MFA_ACR, PASSWORD_ACR } from './provider.ts';
import { verifyTotp } from './totp.ts';
import { LoginThrottle, type ThrottleVerdict, type UserLock } from './login-throttle.ts';

const MAX_FORM_BYTES = 8 * 1024;

export interface InteractionDeps {
  provider: Provider;
  users: DemoUser[];
  password: PasswordCheck;
  logger: Logger;
  now?: () => number;
  /** A distributed attack locked an account: reported in Vigil's audit trail. */
  onUserLocked?: (lock: UserLock) => void;
}

function waitMessage(verdict: Exclude<ThrottleVerdict, { allowed: true }>): string {
  const wait = verdict.retryAfterSeconds >= 120 ? `${Math.ceil(verdict.retryAfterSeconds / 60)} minutes` : `${verdict.retryAfterSeconds} seconds`;
  if (verdict.reason === 'user_locked') {
    return `This account is locked for ${wait} after many failed sign-ins from many addresses. An administrator has been notified.`;
  }
  return `Too many failed attempts from your address. Wait ${wait} and try again.`;
}

/** The sign-in page of the embedded provider: GET shows the form, POST …/login checks it. */
export function createInteractionHandler(deps: InteractionDeps) {
  const now = deps.now ?? Date.now;
  const throttle = new LoginThrottle(now, (lock) => {
    deps.logger.warn('sign-in account locked', { username: lock.username, failures: lock.failures, addresses: lock.addresses, until: lock.until });
    deps.onUserLocked?.(lock);
  });
  const byUsername = new Map(deps.users.map((user) => [user.username, user]));

  return async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const details = await deps.provider.interactionDetails(req, res);
    if (details.uid !== uid) return sendHtml(res, 400, 'interaction mismatch');
    const needsSecondFactor = String(details.params.acr_values ?? '').split(' ').includes(MFA_ACR);
    const formAction = `/idp/interaction/${uid}/login`;

    if (details.prompt.name !== 'login') {
      // Vigil's SPA has an implicit grant (see loadExistingGrant): nothing else to ask.
      return deps.provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
    }
    if (req.method === 'GET' && action === undefined) {
      return sendHtml(res, 200, signInPage({ action: formAction, needsSecondFactor }));
    }
    if (req.method !== 'POST' || action !== 'login') return sendHtml(res, 405, 'method not allowed');

    const form = await readForm(req);
    const username = form.get('username')?.trim() ?? '';
    const address = req.socket.remoteAddress ?? '';
    const retry = (status: number, error: string) =>
      sendHtml(res, status, signInPage({ action: formAction, username, needsSecondFactor, error }));
    const failed = () => throttle.failed(username, address);

    const verdict = throttle.check(username, address);
    if (!verdict.allowed) {
      res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
      return retry(429, waitMessage(verdict));
    }
    const user = byUsername.get(username);
    const passwordOk = deps.password.matches(form.get('password') ?? '');
    if (!user || !passwordOk) {
      failed();
      deps.logger.warn('sign-in refused', { username: user ? username : '(unknown user)', reason: 'bad credentials' });
      return retry(401, 'Unknown username or wrong password.');
    }
    const amr = ['pwd'];
    if (needsSecondFactor) {
      if (!user.totpSecret) return retry(403, 'This account has no second factor set up; ask an administrator.');
      if (!verifyTotp(user.totpSecret, form.get('otp') ?? '', now())) {
        failed();
        return retry(401, 'That authenticator code is not valid. Codes change every 30 seconds.');
      }
      amr.push('otp', 'mfa');
    }
    throttle.succeeded(username, address);
    await deps.provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.id, amr, acr: needsSecondFactor ? MFA_ACR : PASSWORD_ACR } },
      { mergeWithLastSubmission: false },
    );
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new Error('sign-in form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}
