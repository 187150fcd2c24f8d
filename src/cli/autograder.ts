/**
 * `orbit-lab autograder LAB [--out FILE.zip]`: the zip Gradescope's
 * autograder takes. It carries the grader bundled into one script
 * (orbit-grader.mjs, esbuild), v86's wasm, the VM's saved state and the lab
 * folder without its solution, so grading fetches nothing:
 *
 *   setup.sh         installs Node.js with apt, then unpacks the VM state once
 *   run_autograder   grades /autograder/submission/ into /autograder/results/results.json
 *
 * $ORBIT_AUTOGRADER_ROOT replaces /autograder, so a test can run it anywhere.
 */
import { spawnSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { parseManifest } from '../vm/manifest';
import { REPO_ROOT, vmDir } from '../vm/node-assets';
import type { Invocation } from './args';
import { findLab } from './grade';

type AutograderInvocation = Extract<Invocation, { kind: 'autograder' }>;

/** The oldest Node.js the bundle runs on (Ubuntu 24.04's nodejs package is 18). */
const NODE_MAJOR = 18;

const SETUP = `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends nodejs
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt ${NODE_MAJOR} ]; then
  echo "The grader needs Node.js ${NODE_MAJOR} or newer; this image's apt has $(node --version)." >&2
  echo "Choose the Ubuntu 24.04 base image in the autograder settings and upload the zip again." >&2
  exit 1
fi
# Unpack the VM's saved state now, so that no submission pays for it.
cd "$(dirname "$0")"
. ./env.sh
node orbit-grader.mjs exec -- true >/dev/null
`;

const ENV = `# Where the bundled grader finds its files (sourced by setup.sh and run_autograder).
root=\${ORBIT_AUTOGRADER_ROOT:-/autograder}
export ORBIT_VM_DIR="$root/source/vm"
export ORBIT_V86_WASM="$root/source/vm/v86.wasm"
export ORBIT_LABS_DIR="$root/source/labs"
export ORBIT_STATE_CACHE="$root/source/cache"
`;

/** run_autograder for lab `id`. */
function runScript(id: string): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for each submission (as /autograder/run_autograder);
# it writes results/results.json.
set -uo pipefail
cd "\${ORBIT_AUTOGRADER_ROOT:-/autograder}/source"
. ./env.sh
mkdir -p "$root/results"
node orbit-grader.mjs autograde ${id} "$root/submission" "$root/results/results.json"
`;
}

/**
 * The grader as one ES module for Node, with a require() for the CommonJS
 * packages inside. esbuild runs as its own program: under tsx, its module
 * paths carry a loader query that breaks esbuild's lookup of its binary.
 */
function bundleGrader(): Uint8Array {
  const require = createRequire(path.join(REPO_ROOT, 'package.json'));
  const esbuild = require.resolve(`@esbuild/${process.platform}-${process.arch}/bin/esbuild`).replace(/\?.*$/, '');
  const banner =
    "import { createRequire as __orbitRequire } from 'node:module'; const require = __orbitRequire(import.meta.url);";
  const run = spawnSync(
    esbuild,
    [
      path.join(REPO_ROOT, 'src/cli/bundle-entry.ts'),
      '--bundle',
      '--platform=node',
      '--format=esm',
      `--target=node${NODE_MAJOR}`,
      '--log-level=error',
      `--banner:js=${banner}`,
    ],
    { maxBuffer: 64 << 20 },
  );
  if (run.status !== 0) throw new Error(`esbuild could not bundle the grader: ${run.stderr?.toString() ?? run.error}`);
  return new Uint8Array(run.stdout);
}

/** Every file under `dir` as zip entries under `prefix`. */
async function folder(dir: string, prefix: string, skip: (rel: string) => boolean = () => false): Promise<Zippable> {
  const entries: Zippable = {};
  for (const name of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!name.isFile()) continue;
    const rel = path.relative(dir, path.join(name.parentPath, name.name));
    if (!skip(rel)) entries[`${prefix}/${rel.split(path.sep).join('/')}`] = await readFile(path.join(dir, rel));
  }
  return entries;
}

/** The VM files a restore needs: the manifest and the saved state (no cold-boot images). */
async function vmFiles(): Promise<Zippable> {
  const dir = vmDir();
  const manifestText = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  const manifest = parseManifest(manifestText, path.join(dir, 'manifest.json'));
  const wasm = createRequire(path.join(REPO_ROOT, 'package.json')).resolve('v86/build/v86.wasm');
  return {
    'vm/manifest.json': new TextEncoder().encode(manifestText),
    [`vm/${manifest.files.state}`]: await readFile(path.join(dir, manifest.files.state)),
    'vm/v86.wasm': await readFile(wasm),
  };
}

/** Writes the autograder zip; returns 0. */
export async function runAutograder(inv: AutograderInvocation): Promise<number> {
  const bundle = findLab(inv.lab);
  const id = bundle.spec.id;
  const labDir = path.join(process.env.ORBIT_LABS_DIR ?? path.join(REPO_ROOT, 'labs'), id);
  const exec = (text: string): [Uint8Array, { attrs: number }] => [
    new TextEncoder().encode(text),
    { attrs: 0o755 << 16 },
  ];
  const zip: Zippable = {
    'setup.sh': exec(SETUP),
    run_autograder: exec(runScript(id)),
    'env.sh': new TextEncoder().encode(ENV),
    'orbit-grader.mjs': bundleGrader(),
    ...(await vmFiles()),
    ...(await folder(labDir, `labs/${id}`, (rel) => rel.startsWith('solution'))),
  };
  await writeFile(inv.out, zipSync(zip, { level: 6 }));
  process.stdout.write(
    `wrote ${inv.out}: upload it as the autograder of a Gradescope programming assignment (Ubuntu 24.04 base image)\n`,
  );
  return 0;
}
