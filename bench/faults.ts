/**
 * Inject → effect latency of each fault type, p50/p95, per engine (goals: < 300 ms for kill, pause
 * and stop; < 1 s for netem and partition). The bench lives in bench/faults/; main.ts describes it.
 * Usage: npx tsx bench/faults.ts [--runs N] [--engine docker|podman|all]   (npm run bench:faults)
 */
import { main } from './faults/main';

await main();
