/**
 * Time-to-healthy of one lab, started three ways (labdeck up, a plain `docker run` floor, docker-compose).
 * Usage: npx tsx bench/lab-up.ts [--runs N] [--lab redis-streams]   (npm run bench:lab-up)
 * The bench lives in bench/lab-up/; main.ts describes it.
 */
import { main } from './lab-up/main';

await main();
