// Second half of `npm run vm:build`: boot the freshly built image cold, save
// the machine state, compress it, write static/vm/manifest.json, and check the
// new state restores. The first half (kernel/build.sh) wrote the images.
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Vm } from '../index';
import { openVm } from '../node';
import type { VmManifest } from '../manifest';
import { STATIC_VM_DIR } from '../node-assets';
import { REPO_ROOT, hashInputs, hashOutputs, parsePackagesLock } from './inputs';

/** The fields of kernel/vm.json this script uses. */
interface VmJson {
  memoryMB: number;
  cmdline: string;
  ninep: { guestPath: string };
  outputs: { kernel: string; initrd: string; bios: string; vgaBios: string };
}

// xz, not the zstd v86 reads itself: 0.25 MB smaller (3.60 vs 3.85 MB for the same
// state), which keeps a lab page within its 4 MB download budget; src/vm/state-codec.ts
// unpacks it before the restore. XZ_ARGS: -9e with four literal context bits (lc=4, the
// most LZMA2 allows): 5.7 KB smaller on this state (3,678,136 against 3,683,840 bytes),
// and the page's decompressor (xz-decompress) reads it. The x86 branch filter (--x86)
// would save 157 KB more, but xz-decompress is built without it (error 6, unsupported
// options).
const STATE_FILE = 'state.bin.xz';
const XZ_ARGS = ['--lzma2=preset=9e,lc=4', '-T1', '-q', '-c'];
const STATE_NOTE =
  'state.bin.xz is the machine state saved right after a cold boot (v86 save_state, xz -9e with lc=4). ' +
  'It holds timer, RNG and scheduler state, so it is not byte-identical across builds; ' +
  'the build verifies it by restoring it and running `uname -r`, and the VM tests boot it.';

/**
 * Free pages keep what they last held (the unpacked initrd, boot-time garbage), which the
 * saved state would carry. Filling free memory with zeros through a tmpfs file and
 * deleting it hands those pages back zeroed, so the state compresses as if the kernel
 * zeroed every freed page (init_on_free=1), without that cost on every free at run time.
 * The tmpfs leaves 2 MB free so that nothing is OOM-killed; dd stops at ENOSPC.
 */
const ZERO_FREE_MEMORY = [
  "free=$(awk '/^MemFree:/ { print $2 }' /proc/meminfo)",
  'mkdir -p /run/zero',
  'mount -t tmpfs -o size=$((free - 2048))k zero /run/zero',
  'dd if=/dev/zero of=/run/zero/fill bs=64k 2>/dev/null; rm /run/zero/fill',
  'umount /run/zero && rmdir /run/zero',
].join(' && ');

/** Reads a JSON file of the repository. */
async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(path.join(REPO_ROOT, file), 'utf8')) as T;
}

/** The manifest fields known before booting (state and hashes come later). */
async function baseManifest(): Promise<VmManifest> {
  const vmJson = await readJson<VmJson>('kernel/vm.json');
  const v86 = await readJson<{ version: string }>('node_modules/v86/package.json');
  const lock = await readFile(path.join(REPO_ROOT, 'kernel/rootfs/packages.lock'), 'utf8');
  return {
    format: 1,
    v86Version: v86.version,
    machine: {
      memoryMB: vmJson.memoryMB,
      cmdline: vmJson.cmdline,
      exchangeDir: vmJson.ninep.guestPath,
      kernelRelease: '',
    },
    files: {
      bzImage: vmJson.outputs.kernel,
      initrd: vmJson.outputs.initrd,
      bios: vmJson.outputs.bios,
      vgaBios: vmJson.outputs.vgaBios,
      state: STATE_FILE,
    },
    inputs: await hashInputs(),
    packages: parsePackagesLock(lock),
    outputs: {},
    stateNote: STATE_NOTE,
  };
}

/** Runs `command` and returns its trimmed output, failing loudly on a non-zero status. */
async function must(vm: Vm, command: string): Promise<string> {
  const result = await vm.exec(command, { timeoutMs: 30_000 });
  if (result.exitCode !== 0) throw new Error(`guest command "${command}" failed (${result.exitCode}): ${result.output}`);
  return result.output.trim();
}

/** Boots cold, quiesces the guest and returns the compressed state and `uname -r`. */
async function captureState(manifest: VmManifest): Promise<{ state: Buffer; release: string }> {
  const vm = await openVm({ cold: true, manifest, readyTimeoutMs: 120_000 });
  try {
    const release = await must(vm, 'uname -r');
    await must(vm, `rm -rf ${manifest.machine.exchangeDir}/.orbit/*; sync; echo 3 > /proc/sys/vm/drop_caches`);
    await must(vm, ZERO_FREE_MEMORY);
    const raw = await vm.saveState();
    const state = execFileSync('xz', XZ_ARGS, { input: raw, maxBuffer: 1 << 30 });
    console.log(`state: ${raw.length} bytes raw, ${state.length} bytes xz ${XZ_ARGS[0]}`);
    return { state, release };
  } finally {
    await vm.destroy();
  }
}

/** Restores the written state and checks the guest runs the expected kernel. */
async function verify(release: string): Promise<void> {
  const vm = await openVm();
  try {
    const now = await must(vm, 'uname -r');
    if (now !== release) throw new Error(`restored guest says uname -r = "${now}", expected "${release}"`);
    console.log(`verified: the restored state answers uname -r = ${now}`);
  } finally {
    await vm.destroy();
  }
}

async function main(): Promise<void> {
  const manifest = await baseManifest();
  await rm(path.join(STATIC_VM_DIR, 'manifest.json'), { force: true });
  const { state, release } = await captureState(manifest);
  // A state saved in an older format would otherwise stay behind as an output.
  for (const old of ['state.bin', 'state.bin.zst']) await rm(path.join(STATIC_VM_DIR, old), { force: true });
  await writeFile(path.join(STATIC_VM_DIR, STATE_FILE), state);
  manifest.machine.kernelRelease = release;
  manifest.outputs = await hashOutputs(STATIC_VM_DIR);
  await writeFile(path.join(STATIC_VM_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await verify(release);
  console.log(`wrote ${path.relative(REPO_ROOT, STATIC_VM_DIR)}/manifest.json (${release})`);
}

main().catch((error: unknown) => {
  console.error(`vm:build: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
