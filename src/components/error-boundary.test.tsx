import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './error-boundary.tsx';

let shouldThrow = true;
function Fragile() {
  if (shouldThrow) throw new Error('Cannot read the chart data');
  return <p>Chart ready</p>;
}

function Harness() {
  const [key, setKey] = useState(0);
  return (
    <>
      <button type="button" onClick={() => setKey((value) => value + 1)}>
        Change view
      </button>
      <ErrorBoundary resetKey={key}>
        <Fragile />
      </ErrorBoundary>
    </>
  );
}

describe('ErrorBoundary', () => {
  it('shows the error with a retry that renders the view again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    shouldThrow = true;
    const user = userEvent.setup();
    render(<Harness />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This view stopped working');
    expect(alert).toHaveTextContent('Cannot read the chart data');

    shouldThrow = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('Chart ready')).toBeInTheDocument();
  });

  it('clears the error when the reset key changes', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    shouldThrow = true;
    const user = userEvent.setup();
    render(<Harness />);
    expect(screen.getByRole('alert')).toBeInTheDocument();
    shouldThrow = false;
    await user.click(screen.getByRole('button', { name: 'Change view' }));
    expect(screen.getByText('Chart ready')).toBeInTheDocument();
  });
});
