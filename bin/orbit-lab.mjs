#!/usr/bin/env node
// Launcher of the orbit-lab CLI: runs the TypeScript sources through tsx, so a
// clone works after `npm ci` without a build step.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli/main.ts', import.meta.url);
const status = await main(process.argv.slice(2));
// Flush stdout before exiting: a pipe may still hold the guest's output.
process.stdout.write('', () => process.exit(status));
