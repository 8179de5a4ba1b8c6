import { defineConfig } from 'vitest/config';

/** Suites that drive the real engine or a browser: they share one Docker/Podman and 2 cores, so they run one file at a time. */
const ENGINE_SUITES = ['**/*.integration.test.ts', 'e2e/**/*.test.ts', 'main/core/engine/engine-probe.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './scripts/test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          // Pure code, temp dirs and SQLite files: parallel worker threads, done before the engine suites start.
          name: 'unit',
          include: ['main/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'preload/**/*.test.ts', 'bench/**/*.test.ts', 'resources/workloads/**/*.test.ts'],
          exclude: ENGINE_SUITES,
          pool: 'threads',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'engine',
          include: ENGINE_SUITES,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
