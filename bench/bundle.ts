/**
 * Bundle create / verify / import against the floor of `docker save … > file` and `docker load < file`
 * of the same images, in one run. Usage: npx tsx bench/bundle.ts [labs…]   (default: every built-in lab)
 * The bench lives in bench/bundle/; main.ts describes it.
 */
import { main } from './bundle/main';

await main(process.argv.slice(2));
