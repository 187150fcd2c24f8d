#!/usr/bin/env node
// The one test command (`npm test`): every check the project has, in order,
// stopping at the first failure. Each step is an npm script so it can also be
// run alone while working on it; `debian` lists the Debian packages it needs.
import { spawnSync } from 'node:child_process';
import { ensureDebianPackages } from './debian.mjs';

const steps = [
  { name: 'format, lint, typecheck', script: 'check' },
  { name: 'unit and content tests', script: 'test:unit' },
  { name: 'VM tests (Node, the real image)', script: 'test:vm' },
  { name: 'production build (en, ja; broken links fail it)', script: 'build' },
  { name: 'browser tests (the build in Chromium)', script: 'test:e2e', debian: ['chromium', 'fonts-noto-cjk'] },
];

let passed = 0;
let failed = 0;
const started = Date.now();
for (const step of steps) {
  console.log(`\n=== ${step.name}: npm run ${step.script}`);
  ensureDebianPackages(step.debian ?? []);
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
process.exit(failed === 0 && passed === steps.length ? 0 : 1);
