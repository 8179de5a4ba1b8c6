/**
 * Memory soak of the console: serve RSS and the pages' JS heaps over a long run.
 * Usage: npx tsx bench/soak.ts [--minutes 30] [--every 10] [--lab redis-streams]   (npm run bench:soak)
 * The bench lives in bench/soak/; main.ts describes it.
 */
import { main } from './soak/main';

await main();
