// Saved searches through the real HTTP pipeline: own and shared lists, owner-only changes,
// validation of the saved URL state and names, and audit records with before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedSearchListSchema, savedSearchSchema, type SavedSearch } from '../../contract/index.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const alice = { sub: 'u-alice', name: 'Alice Analyst', roles: ['analyst'] };
const bob = { sub: 'u-bob', name: 'Bob Analyst', roles: ['analyst'] };
type User = typeof alice;

async function call(user: User, method: string, path: string, body?: unknown): Promise<Response> {
  const headers = await dpopHeaders(t.issuer, method, path, user);
  return t.app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const state = { q: '"Failed password"', range: { kind: 'relative', amount: 24, unit: 'h' }, groups: ['network'], streams: ['ecs-prod/auth'] };

async function create(user: User, name: string, shared = false): Promise<SavedSearch> {
  const response = await call(user, 'POST', '/api/saved-searches', { name, state, shared });
  expect(response.status).toBe(201);
  return savedSearchSchema.parse(await response.json());
}

async function list(user: User): Promise<SavedSearch[]> {
  return savedSearchListSchema.parse(await (await call(user, 'GET', '/api/saved-searches')).json()).savedSearches;
}

describe('saved searches', () => {
  it('lists the caller\'s own searches and the ones others shared, with owner names', async () => {
    const own = await create(alice, 'SSH brute force');
    const shared = await create(bob, 'Shared by Bob', true);
    await create(bob, 'Bob private');
    const forAlice = await list(alice);
    expect(forAlice.map((s) => [s.name, s.ownerName, s.own])).toEqual([
      ['Shared by Bob', 'Bob Analyst', false],
      ['SSH brute force', 'Alice Analyst', true],
    ]);
    expect(forAlice.find((s) => s.id === own.id)?.state).toEqual(state);
    expect((await list(bob)).map((s) => s.name)).toEqual(['Bob private', 'Shared by Bob']);
    expect(shared.shared).toBe(true);
  });

  it('lets only the owner rename, share, replace and delete', async () => {
    const mine = await create(alice, 'mine');
    const renamed = await call(alice, 'PATCH', `/api/saved-searches/${mine.id}`, { name: 'renamed', shared: true });
    expect(renamed.status).toBe(200);
    expect(savedSearchSchema.parse(await renamed.json())).toMatchObject({ name: 'renamed', shared: true, own: true });

    // Bob sees it (shared) but may not change or delete it.
    const refused = await call(bob, 'PATCH', `/api/saved-searches/${mine.id}`, { name: 'taken over' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('Alice Analyst');
    expect((await call(bob, 'DELETE', `/api/saved-searches/${mine.id}`)).status).toBe(403);

    // Someone else's private search does not exist for the caller.
    const bobs = await create(bob, 'private');
    expect((await call(alice, 'DELETE', `/api/saved-searches/${bobs.id}`)).status).toBe(404);

    expect((await call(alice, 'DELETE', `/api/saved-searches/${mine.id}`)).status).toBe(200);
    expect((await list(alice)).some((s) => s.id === mine.id)).toBe(false);
    expect((await call(alice, 'DELETE', `/api/saved-searches/${mine.id}`)).status).toBe(404);
  });

  it('validates names and the saved state', async () => {
    const post = (body: unknown) => call(alice, 'POST', '/api/saved-searches', body);
    expect((await post({ name: '', state })).status).toBe(400);
    expect((await post({ name: '   ', state })).status).toBe(400);
    expect((await post({ name: 'x'.repeat(81), state })).status).toBe(400);
    expect((await post({ name: 'x'.repeat(80), state })).status).toBe(201);
    expect((await post({ name: 'bad range', state: { ...state, range: { kind: 'absolute', from: 10, to: 5 } } })).status).toBe(400);
    expect((await post({ name: 'bad stream', state: { ...state, streams: ['no-slash'] } })).status).toBe(400);
    expect((await post({ name: 'extra', state: { ...state, line: '1' } })).status).toBe(400);
    const mine = await create(alice, 'to patch');
    expect((await call(alice, 'PATCH', `/api/saved-searches/${mine.id}`, {})).status).toBe(400);
  });

  it('audits create, update and delete with before and after', async () => {
    const created = await create(alice, 'audited');
    await call(alice, 'PATCH', `/api/saved-searches/${created.id}`, { name: 'audited 2' });
    await call(alice, 'DELETE', `/api/saved-searches/${created.id}`);
    const records = t.state.audit.list({ limit: 10, actions: ['createSavedSearch', 'updateSavedSearch', 'deleteSavedSearch'] }).records.filter((r) => r.resource_id === created.id);
    expect(records.map((r) => r.trace_name)).toEqual(['deleteSavedSearch', 'updateSavedSearch', 'createSavedSearch']);
    const update = JSON.parse(records[1]!.request) as { before: { name: string }; after: { name: string } };
    expect([update.before.name, update.after.name]).toEqual(['audited', 'audited 2']);
    expect(records[0]!.user.name).toBe('Alice Analyst');
  });
});
