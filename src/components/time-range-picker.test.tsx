import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../testing/render.tsx';
import { TimeRangePicker } from './time-range-picker.tsx';
import { TimeZoneToggle } from './time-zone-toggle.tsx';

function Header() {
  return (
    <>
      <TimeRangePicker />
      <TimeZoneToggle />
    </>
  );
}

describe('TimeRangePicker', () => {
  it('shows the default range and writes a chosen preset to the URL', async () => {
    const { user, router } = renderWithProviders(<Header />, { route: '/search?q=error' });
    const button = screen.getByRole('button', { name: /Time range: Last 24 hours/ });
    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Choose time range' });
    expect(screen.getByRole('button', { name: 'Last 24 hours', pressed: true })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Last 15 minutes' }));
    expect(router.state.location.search).toBe('?q=error&range=15m');
    expect(dialog).not.toBeInTheDocument();
    expect(button).toHaveAccessibleName(/Last 15 minutes/);
    expect(button).toHaveFocus();
  });

  it('applies an absolute window typed in UTC', async () => {
    const { user, router } = renderWithProviders(<Header />, { route: '/?tz=utc' });
    await user.click(screen.getByRole('button', { name: /Time range/ }));
    expect(screen.getByText('Times in UTC')).toBeInTheDocument();
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    await user.clear(from);
    await user.type(from, '2026-11-26T10:00:00');
    await user.clear(to);
    await user.type(to, '2026-11-26T12:30:00');
    await user.click(screen.getByRole('button', { name: 'Apply time range' }));
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('from')).toBe('2026-11-26T10:00:00Z');
    expect(params.get('to')).toBe('2026-11-26T12:30:00Z');
    expect(params.get('range')).toBeNull();
    expect(screen.getByRole('button', { name: /Time range/ })).toHaveAccessibleName('Time range: 2026-11-26 10:00 – 12:30 UTC');
  });

  it('refuses a window that ends before it starts', async () => {
    const { user, router } = renderWithProviders(<Header />, { route: '/?tz=utc&range=1h' });
    await user.click(screen.getByRole('button', { name: /Time range/ }));
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    await user.clear(from);
    await user.type(from, '2026-11-26T12:00:00');
    await user.clear(to);
    await user.type(to, '2026-11-26T11:00:00');
    await user.click(screen.getByRole('button', { name: 'Apply time range' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The start must be before the end.');
    expect(router.state.location.search).toBe('?tz=utc&range=1h');
  });

  it('closes on Escape without changing the range', async () => {
    const { user, router } = renderWithProviders(<Header />, { route: '/?range=7d' });
    await user.click(screen.getByRole('button', { name: /Last 7 days/ }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(router.state.location.search).toBe('?range=7d');
  });

  it('switches the display zone through the URL', async () => {
    const { user, router } = renderWithProviders(<Header />, { route: '/?from=2026-11-26T10:00:00Z&to=2026-11-26T11:00:00Z' });
    await user.click(screen.getByRole('radio', { name: 'UTC' }));
    expect(new URLSearchParams(router.state.location.search).get('tz')).toBe('utc');
    expect(screen.getByRole('button', { name: /Time range/ })).toHaveAccessibleName('Time range: 2026-11-26 10:00 – 11:00 UTC');
    await user.click(screen.getByRole('radio', { name: 'Local' }));
    expect(new URLSearchParams(router.state.location.search).get('tz')).toBeNull();
  });
});
