import { defineConfig } from 'vitest/config';

// Tests that boot the real VM image (src/vm/*.vm.test.ts): `npm run test:vm`.
// They are slow (seconds each) and share the 2-core machine, so they run one
// file at a time.
export default defineConfig({
  test: {
    include: ['src/**/*.vm.test.ts'],
    // The orbit kernel's long tests are their own npm test step (vitest.kernel.config.ts).
    exclude: ['src/vm/orbit-kernel.vm.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
