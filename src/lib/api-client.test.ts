import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { endpoints } from '../contract/endpoints.ts';
import { makeHealth } from '../testing/fixtures.ts';
import { mockEndpoint, mockEndpointError } from '../testing/mock-endpoint.ts';
import { server } from '../testing/server.ts';
import { apiRequest, buildPath, buildQuery, setAuthHeaderProvider } from './api-client.ts';
import { ApiError } from './api-error.ts';

afterEach(() => setAuthHeaderProvider(null));

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('apiRequest', () => {
  it('returns the output parsed by the endpoint schema', async () => {
    server.use(mockEndpoint(endpoints.health, () => makeHealth({ version: '9.9.9' })));
    const health = await apiRequest(endpoints.health);
    expect(health.version).toBe('9.9.9');
    expect(health.store.kind).toBe('embedded');
  });

  it('turns the error envelope into an ApiError with status, code, message and details', async () => {
    server.use(mockEndpointError(endpoints.listLogGroups, 401, 'unauthenticated', 'Sign in first.', { realm: 'vigil' }));
    const error = await failure(apiRequest(endpoints.listLogGroups));
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', message: 'Sign in first.', details: { realm: 'vigil' } });
    expect(error.isUnauthenticated).toBe(true);
  });

  it('refuses an answer that does not match the contract', async () => {
    server.use(http.get('/api/health', () => HttpResponse.json({ status: 'ok', version: 3 })));
    const error = await failure(apiRequest(endpoints.health));
    expect(error.code).toBe('invalid_response');
    expect(error.status).toBe(200);
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'version' })]));
  });

  it('refuses a success body that is not JSON', async () => {
    server.use(http.get('/api/health', () => new HttpResponse('<html>proxy</html>', { status: 200 })));
    expect((await failure(apiRequest(endpoints.health))).code).toBe('invalid_response');
  });

  it('keeps the status of an error without envelope (a gateway in between)', async () => {
    server.use(http.get('/api/health', () => new HttpResponse('Bad Gateway', { status: 502, statusText: 'Bad Gateway' })));
    const error = await failure(apiRequest(endpoints.health));
    expect(error).toMatchObject({ status: 502, code: 'unavailable' });
    expect(error.message).toContain('502');
    expect(error.message).toContain('did not answer');
  });

  it('reports an unreachable server as a network error', async () => {
    server.use(http.get('/api/health', () => HttpResponse.error()));
    expect(await failure(apiRequest(endpoints.health))).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('adds the headers of the installed auth provider, which sees method and absolute URL', async () => {
    const seen: Array<{ method: string; url: string }> = [];
    setAuthHeaderProvider((request) => {
      seen.push(request);
      return { Authorization: 'DPoP token-1', DPoP: 'proof-1' };
    });
    let received: Headers | undefined;
    server.use(
      mockEndpoint(endpoints.health, ({ request }) => {
        received = request.headers;
        return makeHealth();
      }),
    );
    await apiRequest(endpoints.health);
    expect(received?.get('authorization')).toBe('DPoP token-1');
    expect(received?.get('dpop')).toBe('proof-1');
    expect(seen).toEqual([{ method: 'GET', url: new URL('/api/health', window.location.href).href }]);
  });
});

describe('URL building', () => {
  it('fills and encodes path parameters', () => {
    expect(buildPath('/api/log-groups/:groupId/streams/:streamId', { groupId: 'a b', streamId: 'x/y' })).toBe(
      '/api/log-groups/a%20b/streams/x%2Fy',
    );
    expect(() => buildPath('/api/log-groups/:groupId', {})).toThrow(/groupId/);
  });

  it('writes scalars, repeats lists and skips empty values', () => {
    expect(buildQuery({ q: 'error', limit: 50, group: ['a', 'b'], cursor: undefined, next: null })).toBe('?q=error&limit=50&group=a&group=b');
    expect(buildQuery({})).toBe('');
  });
});
