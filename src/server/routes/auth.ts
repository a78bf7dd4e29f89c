import type { AuthConfig } from '../../contract/index.ts';
import type { FeatureHandlers } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';

export function authRoutes({ authConfig }: { authConfig: AuthConfig }): FeatureHandlers<'authConfig' | 'me'> {
  return {
    authConfig: async () => authConfig,
    me: async (_input, { principal }) => {
      if (!principal) throw new HttpError('unauthenticated', 'sign-in required');
      const { subject, name, roles, kind, multiFactor } = principal;
      return { subject, name, roles, kind, multiFactor };
    },
  };
}
