// static/vm/manifest.json: what the images were built from and how to run them.
// Written by src/vm/build/save-state.ts; read by the VM at run time and by the
// staleness test.

/** The image files a VM needs, by role (names relative to static/vm/). */
export interface VmFiles {
  bzImage: string;
  initrd: string;
  bios: string;
  vgaBios: string;
  state: string;
}

/** The machine settings the saved state was made with. */
export interface VmMachine {
  memoryMB: number;
  cmdline: string;
  /** Guest path where the 9p exchange directory is mounted. */
  exchangeDir: string;
  /** `uname -r` of the guest when the state was saved. */
  kernelRelease: string;
}

/** One output file: its hash and size. */
export interface OutputEntry {
  sha256: string;
  size: number;
}

/** The whole manifest. */
export interface VmManifest {
  format: 1;
  v86Version: string;
  machine: VmMachine;
  files: VmFiles;
  /** sha256 of every input file under kernel/ except *.md, by repository path. */
  inputs: Record<string, string>;
  /** Debian packages that went into the image: name -> version. */
  packages: Record<string, string>;
  /** sha256 and size of every file in static/vm/ except manifest.json. */
  outputs: Record<string, OutputEntry>;
  stateNote: string;
}

/** Throws a descriptive error unless `value` looks like a VmManifest. */
export function parseManifest(text: string, where: string): VmManifest {
  const fix = 'run `npm run vm:build` and commit static/vm/';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where} is not valid JSON (${String(error)}): ${fix}`);
  }
  const m = value as Partial<VmManifest> | null;
  const machine = m?.machine;
  const files = m?.files;
  if (
    m?.format !== 1 ||
    typeof machine?.memoryMB !== 'number' ||
    typeof machine.cmdline !== 'string' ||
    typeof machine.exchangeDir !== 'string' ||
    typeof files?.state !== 'string' ||
    typeof files.bios !== 'string' ||
    typeof files.bzImage !== 'string'
  ) {
    throw new Error(`${where} lacks format 1, machine or files fields: ${fix}`);
  }
  return m as VmManifest;
}
