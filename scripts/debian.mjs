// Debian packages some tests need (Chromium for browser tests). As root they
// are installed; otherwise we stop with the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';

function installed(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

export function ensureDebianPackages(packages) {
  const missing = packages.filter((p) => !installed(p));
  if (missing.length === 0) return;
  const install = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const command = `apt-get update && ${install}`;
  if (process.getuid?.() !== 0) {
    console.error(`These Debian packages are needed for the tests: ${missing.join(', ')}.`);
    console.error(`Install them with:\n  sudo sh -c '${command}'\nthen run npm test again.`);
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  // A mirror caught mid-sync fails one index of apt-get update; the install can still succeed.
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  if (update.status !== 0) console.log('apt-get update reported an error; trying the install anyway');
  execFileSync('sh', ['-c', `export DEBIAN_FRONTEND=noninteractive; ${install}`], { stdio: 'inherit' });
  const still = packages.filter((p) => !installed(p));
  if (still.length > 0) {
    console.error(`These Debian packages are still missing after the install: ${still.join(', ')}.`);
    process.exit(1);
  }
}
