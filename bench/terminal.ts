/**
 * Terminal throughput and echo latency through the browser console, against `docker exec … cat`.
 * Usage: npx tsx bench/terminal.ts [--runs 3] [--mb 100] [--keys 200]   (npm run bench:terminal)
 * The bench lives in bench/terminal/; main.ts describes it.
 */
import { main } from './terminal/main';

await main();
