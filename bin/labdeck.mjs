#!/usr/bin/env node
// The `labdeck` command: runs the TypeScript CLI in main/cli through tsx, so a checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
