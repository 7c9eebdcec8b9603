import { defineConfig } from 'vitest/config';

// Browser journeys: the built extension (.output/chrome-mv3) in Debian's Chromium, one at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
