// Fast checks (no VM) that the committed images in static/vm/ are current and
// small enough to download.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeChanges, hashInputs, hashOutputs } from './build/inputs';
import { parseManifest, type VmManifest } from './manifest';
import { REPO_ROOT, STATIC_VM_DIR } from './node-assets';

const FIX = 'run `npm run vm:build` and commit static/vm/';
const MB = 1024 * 1024;

let manifest: VmManifest;

beforeAll(async () => {
  const file = path.join(STATIC_VM_DIR, 'manifest.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(`static/vm/manifest.json is missing: ${FIX}`);
  });
  manifest = parseManifest(text, 'static/vm/manifest.json');
});

/** Bytes a browser downloads for `file`: gzip (what static hosts apply) unless that is larger. */
async function downloadSize(file: string): Promise<number> {
  const bytes = await readFile(file);
  return Math.min(bytes.length, gzipSync(bytes, { level: 9 }).length);
}

describe('static/vm/', () => {
  it('was built from the inputs now under kernel/', async () => {
    const changes = describeChanges(manifest.inputs, await hashInputs());
    const message = changes.map((change) => `${change} since the images were built`).join('; ');
    expect(changes, `${message}: ${FIX}`).toEqual([]);
  });

  it('holds exactly the outputs the manifest lists', async () => {
    const outputs = await hashOutputs(STATIC_VM_DIR);
    const now = Object.fromEntries(Object.entries(outputs).map(([name, o]) => [name, o.sha256]));
    const built = Object.fromEntries(Object.entries(manifest.outputs).map(([name, o]) => [name, o.sha256]));
    const changes = describeChanges(built, now).map((change) => `static/vm/${change}`);
    expect(changes, `${changes.join('; ')} after the last build: ${FIX}`).toEqual([]);
  });

  it('lets a lab page start within 4 MB of compressed downloads', async () => {
    const v86 = path.dirname(createRequire(path.join(REPO_ROOT, 'package.json')).resolve('v86/build/v86.wasm'));
    // Restoring needs no BIOS files: the BIOS is part of the saved memory image.
    const xz = createRequire(path.join(REPO_ROOT, 'package.json')).resolve('xz-decompress');
    const files = [
      path.join(v86, 'v86.wasm'),
      path.join(v86, 'libv86.mjs'),
      xz,
      ...[manifest.files.state, 'manifest.json'].map((name) => path.join(STATIC_VM_DIR, name)),
    ];
    const sizes = await Promise.all(files.map(downloadSize));
    const total = sizes.reduce((a, b) => a + b, 0);
    const list = files.map((file, i) => `${path.basename(file)} ${sizes[i]}`).join(', ');
    expect(total, `a lab page downloads ${total} bytes (${list}); shrink the state or the images`).toBeLessThanOrEqual(
      4 * MB,
    );
  });

  it('stays within 8 MB compressed in total', async () => {
    const names = Object.keys(manifest.outputs);
    const sizes = await Promise.all(names.map((name) => downloadSize(path.join(STATIC_VM_DIR, name))));
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total, `static/vm/ is ${total} bytes compressed`).toBeLessThanOrEqual(8 * MB);
  });
});
