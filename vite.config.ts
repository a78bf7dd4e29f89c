/// <reference types="vitest/config" />
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** The MSW worker in public/ serves development mocks only; a production build must not ship it. */
function withoutMockWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'vigil-without-mock-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await rm(path.join(outDir, 'mockServiceWorker.js'), { force: true });
    },
  };
}

const bff = `http://127.0.0.1:${process.env.VIGIL_PORT ?? '8080'}`;

export default defineConfig({
  plugins: [react(), withoutMockWorker()],
  // No source maps in the production build: they would publish the sources.
  build: { sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { host: '127.0.0.1', port: 5173, proxy: { '/api': bff, '/idp': bff } },
  preview: { host: '127.0.0.1', port: 4173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'spa',
          environment: 'jsdom',
          setupFiles: ['./src/testing/setup.ts'],
          include: ['src/**/*.test.{ts,tsx}'],
          // Pure shared code (contract, query language) is tested once, in the node project.
          exclude: ['src/server/**', 'src/query/**', 'src/contract/**'],
          restoreMocks: true,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['src/server/**/*.test.ts', 'src/contract/**/*.test.ts', 'src/query/**/*.test.ts'],
          restoreMocks: true,
          testTimeout: 30_000,
          // Route and store tests open real worker threads; on a busy machine that can take seconds.
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
