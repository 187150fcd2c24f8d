#!/usr/bin/env node
// The one test command (`npm test`): every check the project has, in order,
// stopping at the first failure. The steps and the Debian packages each needs
// are in steps.mjs; missing packages are installed first (as root).
import { spawnSync } from 'node:child_process';
import { ensureDebianPackages } from './debian.mjs';
import { STEPS, stepPackages } from './steps.mjs';

let passed = 0;
let failed = 0;
const started = Date.now();
for (const step of STEPS) {
  console.log(`\n=== ${step.name}: npm run ${step.script}`);
  ensureDebianPackages(stepPackages(step));
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', '--silent', step.script], { stdio: 'inherit' });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status === 0) {
    passed++;
    console.log(`=== ok: ${step.name} (${secs} s)`);
  } else {
    failed++;
    console.log(`=== FAILED: ${step.name} (${secs} s); run "npm run ${step.script}" to see it alone`);
    break;
  }
}
console.log(`\nnpm test took ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed === STEPS.length ? 0 : 1);
