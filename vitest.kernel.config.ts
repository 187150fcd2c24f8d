import { defineConfig } from 'vitest/config';

// The orbit kernel's long tests in the real VM (selftests, the 10,000
// create/destroy cycles, the fuzz): \`npm run test:kernel\`, their own step
// of npm test, so that a failure names its area.
export default defineConfig({
  test: {
    include: ['src/vm/orbit-kernel.vm.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
