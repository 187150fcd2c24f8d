import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'labs/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'src/**/*.vm.test.ts'],
  },
});
