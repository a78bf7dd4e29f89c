/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const bff = `http://127.0.0.1:${process.env.VIGIL_PORT ?? '8080'}`;

export default defineConfig({
  plugins: [react()],
  build: { sourcemap: true, chunkSizeWarningLimit: 1200 },
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
