// Usage: node manifest.mjs REPO IMAGE_ROOT SYSROOT_LIST
// Writes static/tcc/manifest.json: the pinned packages, the hashes of this
// folder's files (the recipe), of every image file the sysroot was taken from,
// and of the outputs, so src/tcc/images.test.ts can tell when static/tcc/ is stale.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [repo, imageRoot, list] = process.argv.slice(2);
const here = path.join(repo, 'tcc-wasm');
const out = path.join(repo, 'static/tcc');
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** sha256 of a regular file, or `-> target` for a symbolic link. */
function describe(file) {
  const stat = lstatSync(file);
  if (stat.isSymbolicLink()) return `-> ${readlinkSync(file)}`;
  return stat.isFile() ? sha256(readFileSync(file)) : undefined;
}

/** Every file under `dir`, as paths relative to `root`, sorted. */
function walk(dir, root) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full, root) : [path.relative(root, full)];
    })
    .sort();
}

const packages = Object.fromEntries(
  readFileSync(path.join(here, 'packages.lock'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => line.split(/\s+/)),
);
const inputs = Object.fromEntries(
  walk(here, repo)
    .filter((file) => !file.endsWith('.md'))
    .map((file) => [file, sha256(readFileSync(path.join(repo, file)))]),
);
const image = {};
for (const name of readFileSync(list, 'utf8').split('\n').filter(Boolean)) {
  const value = describe(path.join(imageRoot, name));
  if (value !== undefined) image[name] = value;
}
const outputs = {};
for (const name of ['tcc.mjs', 'tcc.wasm', 'sysroot.tar.xz']) {
  const bytes = readFileSync(path.join(out, name));
  outputs[name] = { sha256: sha256(bytes), size: bytes.length };
}
const manifest = {
  format: 1,
  target: { triplet: 'i386-linux-gnu', tccDir: '/usr/lib/i386-linux-gnu/tcc' },
  packages,
  inputs,
  image,
  outputs,
};
writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
