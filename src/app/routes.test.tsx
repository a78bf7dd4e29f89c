import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../testing/render.tsx';
import { createAppRoutes } from './routes.tsx';
import { views, type ViewRoute } from './views.ts';

describe('app routes', () => {
  it('renders the shell with the product name and the main navigation', async () => {
    renderWithProviders(createAppRoutes(), { route: '/' });
    expect(await screen.findByRole('heading', { name: 'Overview', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Vigil overview' })).toHaveTextContent('Vigil');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const labels = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(labels).toEqual(['Overview', 'Search', 'Audit trail', 'Anomalies', 'Alerts', 'Compliance', 'Admin']);
    expect(within(nav).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(document.title).toBe('Overview · Vigil'));
  });

  it('answers an unknown path with a 404 page inside the shell', async () => {
    renderWithProviders(createAppRoutes(), { route: '/no/such/view?range=1h' });
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('Nothing lives at /no/such/view')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the overview' })).toHaveAttribute('href', '/?range=1h');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('keeps the time range and zone, but not view state, when navigating', async () => {
    const { user, router } = renderWithProviders(createAppRoutes(), { route: '/?range=7d&tz=utc&filter=sshd' });
    await screen.findByRole('heading', { name: 'Overview', level: 1 });
    await user.click(screen.getByRole('link', { name: 'Audit trail' }));
    expect(await screen.findByRole('heading', { name: 'Audit trail', level: 1 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/audit');
    expect(router.state.location.search).toBe('?range=7d&tz=utc');
    expect(screen.getByRole('button', { name: /Time range: Last 7 days/ })).toBeInTheDocument();
  });

  it('catches a view that throws, keeps the shell and offers a retry', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Broken = () => {
      throw new Error('Unexpected shape of the result');
    };
    const brokenView: ViewRoute = { id: 'broken', path: '/broken', title: 'Broken', access: 'public', icon: 'search', load: async () => Broken };
    renderWithProviders(createAppRoutes({ views: [...views, brokenView] }), { route: '/broken' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This view stopped working');
    expect(alert).toHaveTextContent('Unexpected shape of the result');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('shows the route error page when a view cannot be loaded', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const missing: ViewRoute = {
      id: 'missing',
      path: '/missing',
      title: 'Missing',
      access: 'public',
      icon: 'search',
      load: () => Promise.reject(new Error('Failed to fetch dynamically imported module')),
    };
    renderWithProviders(createAppRoutes({ views: [missing] }), { route: '/missing' });
    expect(await screen.findByText('This page could not be shown')).toBeInTheDocument();
    expect(screen.getByText('Failed to fetch dynamically imported module')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
  });

  it('fills the header user slot and wraps views with the access gate', async () => {
    const seen: unknown[] = [];
    renderWithProviders(
      createAppRoutes({
        user: <span>Signed in as Alice</span>,
        accessGate: ({ access, children }) => {
          seen.push(access);
          return <>{children}</>;
        },
      }),
      { route: '/admin' },
    );
    expect(await screen.findByRole('heading', { name: 'Admin', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Signed in as Alice')).toBeInTheDocument();
    expect(seen).toContainEqual(['admin']);
  });
});
