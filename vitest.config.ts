import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'preload/**/*.test.ts', 'e2e/**/*.test.ts', 'bench/**/*.test.ts', 'resources/workloads/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Docker-backed and browser tests share one engine; files run one at a time to keep them honest on 2 cores.
    fileParallelism: false,
    reporters: ['default', './scripts/test/summary-reporter.ts'],
  },
});
