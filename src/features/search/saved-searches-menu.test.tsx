import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import type { SavedSearch, SavedSearchState } from '../../contract/schemas/saved-searches.ts';
import { errorResponse, mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { SavedSearchesMenu } from './saved-searches-menu.tsx';

const current: SavedSearchState = { q: '"Failed password"', range: { kind: 'relative', amount: 7, unit: 'd' }, groups: ['network'], streams: [] };

function saved(overrides: Partial<SavedSearch>): SavedSearch {
  return { id: crypto.randomUUID(), name: 'x', state: current, shared: false, ownerId: 'u-me', ownerName: 'Me', own: true, createdAt: 1, updatedAt: 1, ...overrides };
}

/** A small in-memory server for the four endpoints. */
function serve(initial: SavedSearch[]) {
  let all = [...initial];
  const calls: { method: string; body?: unknown }[] = [];
  server.use(
    mockEndpoint(endpoints.listSavedSearches, () => ({ savedSearches: all })),
    mockEndpoint(endpoints.createSavedSearch, ({ body }) => {
      calls.push({ method: 'POST', body });
      const created = saved({ name: body.name, state: body.state, shared: body.shared });
      all = [...all, created];
      return created;
    }),
    mockEndpoint(endpoints.updateSavedSearch, ({ params, body }) => {
      calls.push({ method: 'PATCH', body });
      const target = all.find((s) => s.id === params.id)!;
      if (!target.own) return errorResponse(403, 'forbidden', `only its owner (${target.ownerName}) may change it`);
      const next = { ...target, ...body };
      all = all.map((s) => (s.id === params.id ? next : s));
      return next;
    }),
    mockEndpoint(endpoints.deleteSavedSearch, ({ params }) => {
      calls.push({ method: 'DELETE' });
      const target = all.find((s) => s.id === params.id)!;
      all = all.filter((s) => s.id !== params.id);
      return target;
    }),
  );
  return calls;
}

async function openMenu(onOpen = vi.fn()) {
  const view = renderWithProviders(<SavedSearchesMenu current={current} onOpen={onOpen} />);
  await view.user.click(screen.getByRole('button', { name: 'Saved searches' }));
  return { ...view, dialog: screen.getByRole('dialog', { name: 'Saved searches' }), onOpen };
}

describe('SavedSearchesMenu', () => {
  it('lists own and shared searches with the owner of shared ones, and opens one', async () => {
    const theirs = saved({ name: 'Team: sudo failures', own: false, shared: true, ownerName: 'Bob Analyst', state: { ...current, q: 'sudo' } });
    serve([saved({ name: 'My brute force' }), theirs]);
    const { user, dialog, onOpen } = await openMenu();
    const list = await within(dialog).findByRole('list', { name: 'Saved searches list' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('My brute force');
    expect(within(items[0]!).getByRole('button', { name: 'Delete My brute force' })).toBeInTheDocument();
    expect(items[1]).toHaveTextContent('by Bob Analyst');
    expect(within(items[1]!).queryByRole('button', { name: /Delete/ })).toBeNull();
    await user.click(within(items[1]!).getByRole('button', { name: 'Team: sudo failures' }));
    expect(onOpen).toHaveBeenCalledWith(theirs.state);
  });

  it('saves the current search with a name and the share choice', async () => {
    const calls = serve([]);
    const { user, dialog } = await openMenu();
    expect(await within(dialog).findByText('No saved searches yet.')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Name of the saved search' }), '  SSH brute force ');
    await user.click(within(dialog).getByRole('checkbox', { name: 'share with all analysts' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save current search' }));
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'SSH brute force' })).toBeInTheDocument());
    expect(calls[0]).toEqual({ method: 'POST', body: { name: 'SSH brute force', state: current, shared: true } });
  });

  it('renames, shares and deletes own searches', async () => {
    const calls = serve([saved({ name: 'old name' })]);
    const { user, dialog } = await openMenu();
    await user.click(await within(dialog).findByRole('button', { name: 'Rename old name' }));
    const input = within(dialog).getByRole('textbox', { name: 'New name for old name' });
    await user.clear(input);
    await user.type(input, 'new name{Enter}');
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'new name' })).toBeInTheDocument());
    await user.click(within(dialog).getByRole('checkbox', { name: 'shared' }));
    await waitFor(() => expect(within(dialog).getByRole('checkbox', { name: 'shared' })).toBeChecked());
    await user.click(within(dialog).getByRole('button', { name: 'Delete new name' }));
    expect(await within(dialog).findByText('No saved searches yet.')).toBeInTheDocument();
    expect(calls).toEqual([
      { method: 'PATCH', body: { name: 'new name' } },
      { method: 'PATCH', body: { shared: true } },
      { method: 'DELETE' },
    ]);
  });

  it('shows why the server refused a change', async () => {
    server.use(
      mockEndpoint(endpoints.listSavedSearches, () => ({ savedSearches: [] })),
      mockEndpoint(endpoints.createSavedSearch, () => errorResponse(409, 'conflict', 'you already have 200 saved searches')),
    );
    const { user, dialog } = await openMenu();
    await user.type(await within(dialog).findByRole('textbox', { name: 'Name of the saved search' }), 'one more');
    await user.click(within(dialog).getByRole('button', { name: 'Save current search' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('you already have 200 saved searches');
  });
});
