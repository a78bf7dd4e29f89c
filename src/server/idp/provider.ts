import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { JWK } from 'jose';
import type { DemoUser } from './demo-users.ts';
import { messagePage, signOutPage } from './pages.ts';
import type { SqliteAdapterStore } from './sqlite-adapter.ts';

export const SPA_CLIENT_ID = 'vigil-spa';
export const MFA_ACR = 'urn:vigil:mfa';
export const PASSWORD_ACR = 'urn:vigil:pwd';
const API_SCOPE = 'vigil:api';

export interface ProviderOptions {
  issuer: string;
  apiAudience: string;
  /** Origins whose /auth/callback may receive codes (the app itself, and the Vite dev server). */
  appOrigins: string[];
  users: DemoUser[];
  signingKey: JWK;
  cookieKeys: string[];
  adapters: SqliteAdapterStore;
  accessTokenSeconds: number;
}

/** The embedded OpenID provider: authorization code + PKCE, DPoP-bound JWT access tokens. */
export function createProvider(options: ProviderOptions): Provider {
  const usersById = new Map(options.users.map((user) => [user.id, user]));
  const sessionFacts = (ctx: KoaContextWithOIDC) => {
    const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
    return { amr: source?.amr ?? [], acr: source?.acr, auth_time: source?.authTime };
  };

  const configuration: Configuration = {
    adapter: (name: string) => options.adapters.adapterFor(name),
    clients: [
      {
        client_id: SPA_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: options.appOrigins.map((origin) => `${origin}/auth/callback`),
        post_logout_redirect_uris: options.appOrigins.map((origin) => `${origin}/`),
        dpop_bound_access_tokens: true,
      },
    ],
    jwks: { keys: [options.signingKey as Record<string, unknown>] } as Configuration['jwks'],
    cookies: { keys: options.cookieKeys },
    scopes: ['openid', 'profile', 'email', 'roles', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], roles: ['roles'] },
    acrValues: [PASSWORD_ACR, MFA_ACR],
    conformIdTokenClaims: false,
    findAccount: async (_ctx, id) => {
      const user = usersById.get(id);
      if (!user) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, name: user.name, preferred_username: user.username, email: user.email, roles: user.roles }),
      };
    },
    extraTokenClaims: async (ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const user = usersById.get(token.accountId);
      return { roles: user?.roles ?? [], name: user?.name, preferred_username: user?.username, ...sessionFacts(ctx) };
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = signOutPage(form, ctx.host);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = messagePage('Signed out', 'You have been signed out of Vigil.');
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => options.apiAudience,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== options.apiAudience) throw new errors.InvalidTarget();
          return {
            scope: API_SCOPE,
            audience: options.apiAudience,
            accessTokenTTL: options.accessTokenSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      // Vigil's own SPA is a first-party client: no consent screen, the grant is implicit.
      if (ctx.oidc.client?.clientId !== SPA_CLIENT_ID || !ctx.oidc.session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: SPA_CLIENT_ID, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email roles offline_access');
      grant.addResourceScope(options.apiAudience, API_SCOPE);
      await grant.save();
      return grant;
    },
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    interactions: { url: (_ctx, interaction) => `/idp/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = messagePage('Sign-in problem', `${out.error}${out.error_description ? `: ${out.error_description}` : ''}`);
    },
    ttl: {
      AccessToken: options.accessTokenSeconds,
      AuthorizationCode: 60,
      IdToken: options.accessTokenSeconds,
      Interaction: 10 * 60,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      RefreshToken: 8 * 3600,
      DPoPProof: 60,
    },
  };
  return new Provider(options.issuer, configuration);
}
