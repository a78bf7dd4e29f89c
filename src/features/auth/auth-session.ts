import { IndexedDbDPoPStore, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { AuthConfig } from '../../contract/schemas/auth.ts';

export const CALLBACK_PATH = '/auth/callback';

/** Where to go back to after a sign-in round trip: an in-app path, never another origin. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/**
 * The browser side of sign-in (oidc-client-ts: authorization code + PKCE, DPoP-bound tokens).
 *
 * Tokens live in sessionStorage, not localStorage and not only in memory: a reload keeps the user
 * signed in, closing the tab ends it, other tabs and origins never see it. With DPoP the token
 * string alone is useless to a thief: every API call needs a proof signed by a non-extractable key
 * that stays in IndexedDB.
 */
export class AuthSession {
  readonly manager: UserManager;
  readonly config: AuthConfig;

  constructor(config: AuthConfig, origin: string = window.location.origin) {
    this.config = config;
    this.manager = new UserManager({
      authority: config.issuer,
      client_id: config.clientId,
      redirect_uri: `${origin}${CALLBACK_PATH}`,
      post_logout_redirect_uri: `${origin}/`,
      response_type: 'code',
      scope: config.scope,
      ...(config.resource ? { resource: config.resource } : {}),
      loadUserInfo: false,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      // Renews with the refresh token shortly before the access token expires.
      automaticSilentRenew: true,
      accessTokenExpiringNotificationTimeInSeconds: 60,
      monitorSession: false,
      ...(config.dpop ? { dpop: { bind_authorization_code: true, store: new IndexedDbDPoPStore() } } : {}),
    });
  }

  async currentUser(): Promise<User | null> {
    const user = await this.manager.getUser();
    return user && !user.expired ? user : null;
  }

  signIn(returnTo: string): Promise<void> {
    return this.manager.signinRedirect({ state: { returnTo: safeReturnTo(returnTo) } });
  }

  /** Signs in again asking the provider for a second factor, then comes back to `returnTo`. */
  stepUp(returnTo: string): Promise<void> {
    return this.manager.signinRedirect({
      state: { returnTo: safeReturnTo(returnTo) },
      acr_values: this.config.mfaAcrValue,
      prompt: 'login',
    });
  }

  /** Completes the redirect back from the provider; returns the path to resume at. */
  async completeSignIn(url: string): Promise<string> {
    const user = await this.manager.signinRedirectCallback(url);
    return safeReturnTo((user.state as { returnTo?: unknown } | undefined)?.returnTo);
  }

  /** Ends the provider session too (RP-initiated logout), after forgetting the local tokens. */
  async signOut(): Promise<void> {
    const user = await this.manager.getUser();
    await this.manager.removeUser();
    await this.manager.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
  }

  /** Authorization (and DPoP proof) headers for one API request. */
  async authHeaders(request: { method: string; url: string }): Promise<Record<string, string> | undefined> {
    const user = await this.currentUser();
    if (!user) return undefined;
    if (!this.config.dpop) return { Authorization: `Bearer ${user.access_token}` };
    const proof = await this.manager.dpopProof(request.url, user, request.method);
    if (!proof) return undefined;
    return { Authorization: `DPoP ${user.access_token}`, DPoP: proof };
  }
}
