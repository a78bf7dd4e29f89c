import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { createQueryClient } from '../lib/query-client.ts';
import { startThemeSync } from '../lib/theme.ts';
import { AccessGate } from '../features/auth/access-gate.tsx';
import { UserMenu } from '../features/auth/user-menu.tsx';
import { App } from './app.tsx';
import { createAppRoutes } from './routes.tsx';
import './styles/tokens.css';
import './styles/base.css';
import './styles/page.css';

// Before the first render, so a stored Light/Dark choice does not flash the OS theme for long.
startThemeSync();

async function start(): Promise<void> {
  if (import.meta.env.DEV && import.meta.env.VITE_MSW === '1') {
    // Dev-only mock mode (`VITE_MSW=1 npx vite`); the condition is false in builds, so this import
    // and everything behind it is dropped from production bundles.
    // eslint-disable-next-line boundaries/dependencies
    const { startMockWorker } = await import('../testing/browser.ts');
    await startMockWorker();
  }
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  const router = createBrowserRouter(createAppRoutes({ user: <UserMenu />, accessGate: AccessGate }));
  createRoot(container).render(<App router={router} queryClient={createQueryClient()} />);
}

void start();
