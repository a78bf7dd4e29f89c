import { setupWorker } from 'msw/browser';
import { handlers } from './handlers.ts';

/**
 * Mock mode for front-end work without the BFF: `VITE_MSW=1 npx vite`. Only the dev server loads
 * this module (see app/main.tsx), so neither MSW nor the fixtures reach a production build.
 */
export async function startMockWorker(): Promise<void> {
  const worker = setupWorker(...handlers);
  await worker.start({ onUnhandledFrame: 'bypass' });
}
