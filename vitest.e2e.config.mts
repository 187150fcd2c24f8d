import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: they need the production build (npm run build) and Chromium.
export default defineConfig({
  test: {
    include: ['src/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
