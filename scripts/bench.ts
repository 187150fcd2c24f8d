/**
 * `npm run bench`: the project's measurements as one JSON document on stdout.
 * Timings are never pass/fail; compare ratios within one run.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { benchSite } from './bench/site';
import { benchLab } from './bench/lab';
import { benchOrbit } from './bench/orbit';
import { benchVm } from './bench/vm';
import { benchGrade } from './bench/grade';

async function main() {
  const buildDir = 'build';
  if (!existsSync(`${buildDir}/index.html`)) {
    console.error('No production build found: running "npm run build -- --locale en" first.');
    const r = spawnSync('npm', ['run', 'build', '--', '--locale', 'en'], {
      stdio: ['ignore', process.stderr, process.stderr],
    });
    if (r.status !== 0) throw new Error('the site build failed; see above.');
  }
  const site = await benchSite(buildDir);
  // The lab needs the VM images; without them it reports why instead of failing the whole run.
  const lab = await benchLab(buildDir).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
  const vm = await benchVm();
  // A failing guest benchmark (a kernel bug, no 32-bit gcc) is reported, not fatal to the other figures.
  const orbit = await benchOrbit().catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
  // The paper's setting: a main with 64 MB of its own heap, which fork copies the page tables of.
  const orbitMain64 = await benchOrbit([], 64).catch((e: unknown) => ({
    error: e instanceof Error ? e.message : String(e),
  }));
  const grade = await benchGrade().catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
  const report = { date: new Date().toISOString(), site, vm, lab, orbit, orbitMain64, grade };
  console.log(JSON.stringify(report, null, 2));
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
