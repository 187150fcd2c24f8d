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
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`These Debian packages are needed for the tests: ${missing.join(', ')}.`);
    console.error(`Install them with:\n  sudo sh -c '${command}'\nthen run npm test again.`);
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  execFileSync('sh', ['-c', `export DEBIAN_FRONTEND=noninteractive; ${command}`], { stdio: 'inherit' });
}
