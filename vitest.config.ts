import { defineConfig } from 'vitest/config';

/** Suites that drive the real engine or a browser. */
const ENGINE_SUITES = ['**/*.integration.test.ts', 'e2e/**/*.test.ts', 'main/core/engine/engine-probe.test.ts'];

/** Browser suites: Chromium aborts page loads (ERR_NETWORK_CHANGED) when a Docker network appears, so they never share the time with other engine suites. */
const BROWSER_SUITES = ['e2e/**/*.test.ts'];

/**
 * Engine suites that hold something the others share, so they run alone: engine-restart stops
 * Podman's API service; bundle-roundtrip compares the engine's whole image list before and after;
 * lab-ownership makes labs without an installation label, which every data dir adopts.
 */
const EXCLUSIVE_SUITES = [
  'main/core/labs/engine-restart.integration.test.ts',
  'main/core/bundles/bundle-roundtrip.integration.test.ts',
  'main/core/labs/lab-ownership.integration.test.ts',
];

/** Engine suites mostly wait on the engine (container starts, healthchecks, probes): two at a time use it. */
const ENGINE_WORKERS = Number(process.env.LABDECK_ENGINE_WORKERS) || 2;

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
          // Each file uses its own labs, data dir and ports, so files run side by side.
          name: 'engine',
          include: ENGINE_SUITES,
          exclude: [...EXCLUSIVE_SUITES, ...BROWSER_SUITES],
          pool: 'forks',
          maxWorkers: ENGINE_WORKERS,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          // the browser suites and the exclusive ones, one file at a time, after the rest
          name: 'engine-alone',
          include: [...EXCLUSIVE_SUITES, ...BROWSER_SUITES],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
