// Fast checks (no VM) that static/tcc/ is current: built by today's recipe in
// tcc-wasm/, from today's image, for the guest's tcc, and small enough.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, STATIC_VM_DIR } from '../vm/node-assets';
import { readCpio } from './cpio';
import { STATIC_TCC_DIR } from './node';

const FIX = 'run `bash tcc-wasm/build.sh` and commit static/tcc/';
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

interface TccManifest {
  packages: Record<string, string>;
  inputs: Record<string, string>;
  image: Record<string, string>;
  outputs: Record<string, { sha256: string; size: number }>;
}

let manifest: TccManifest;
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  const text = await readFile(path.join(STATIC_TCC_DIR, 'manifest.json'), 'utf8').catch(() => {
    throw new Error(`static/tcc/manifest.json is missing: ${FIX}`);
  });
  manifest = JSON.parse(text) as TccManifest;
});

/** Differences between two name-to-hash maps, as readable lines. */
function changes(built: Record<string, string>, now: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(built), ...Object.keys(now)])].sort();
  return names.flatMap((name) => {
    if (!(name in now)) return [`${name} was removed`];
    if (!(name in built)) return [`${name} was added`];
    return built[name] === now[name] ? [] : [`${name} changed`];
  });
}

describe('static/tcc/', () => {
  it('was built by the recipe now in tcc-wasm/', async () => {
    const dir = path.join(REPO_ROOT, 'tcc-wasm');
    const files = await readdir(dir, { recursive: true, withFileTypes: true });
    const now: Record<string, string> = {};
    for (const f of files.filter((f) => f.isFile() && !f.name.endsWith('.md'))) {
      const full = path.join(f.parentPath, f.name);
      now[path.relative(REPO_ROOT, full)] = sha256(await readFile(full));
    }
    const found = changes(manifest.inputs, now);
    expect(found, `${found.join('; ')} since static/tcc/ was built: ${FIX}`).toEqual([]);
  });

  it('was taken from the image now in static/vm/initrd.img', async () => {
    const entries = readCpio(new Uint8Array(await readFile(path.join(STATIC_VM_DIR, 'initrd.img'))));
    const inImage = new Map(entries.map((e) => [e.path, e]));
    const now: Record<string, string> = {};
    for (const name of Object.keys(manifest.image)) {
      const entry = inImage.get(name);
      if (!entry) continue;
      const isLink = (entry.mode & S_IFMT) === S_IFLNK;
      now[name] = isLink ? `-> ${new TextDecoder().decode(entry.data).replace(/\0+$/, '')}` : sha256(entry.data);
    }
    const found = changes(manifest.image, now);
    expect(found, `${found.slice(0, 5).join('; ')} in the image: ${FIX}`).toEqual([]);
  });

  it('holds exactly the outputs the manifest lists', async () => {
    const now: Record<string, string> = {};
    for (const name of (await readdir(STATIC_TCC_DIR)).filter((n) => n !== 'manifest.json')) {
      now[name] = sha256(await readFile(path.join(STATIC_TCC_DIR, name)));
    }
    const built = Object.fromEntries(Object.entries(manifest.outputs).map(([n, o]) => [n, o.sha256]));
    const found = changes(built, now);
    expect(found, `static/tcc/: ${found.join('; ')} after the last build: ${FIX}`).toEqual([]);
  });

  it("compiles with the guest's tcc version", async () => {
    const lock = await readFile(path.join(REPO_ROOT, 'kernel/rootfs/packages.lock'), 'utf8');
    const guest = /^tcc:i386\s+(\S+)/m.exec(lock)?.[1];
    expect(manifest.packages.tcc, 'tcc-wasm/packages.lock pins another tcc than the guest').toBe(guest);
  });

  it('downloads in at most 1.5 MB (brotli; the sysroot is xz already)', async () => {
    let total = 0;
    for (const name of Object.keys(manifest.outputs)) {
      const bytes = await readFile(path.join(STATIC_TCC_DIR, name));
      const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      total += Math.min(bytes.length, brotli.length);
    }
    expect(total, `static/tcc/ is ${total} bytes compressed`).toBeLessThanOrEqual(1.5 * 1024 * 1024);
  });
});
