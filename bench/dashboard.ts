/**
 * Dashboards: decode and draw of a 10,000-point series, CPU of 12 live panels at 1 s refresh, heap over 10 minutes.
 * Usage: npx tsx bench/dashboard.ts [--minutes 10] [--cpu-seconds 60] [--no-live] …   (npm run bench:dashboard)
 * The bench lives in bench/dashboard/; main.ts describes it.
 */
import { main } from './dashboard/main';

await main();
