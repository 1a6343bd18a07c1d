import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./test/built-site.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
