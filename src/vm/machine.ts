// The emulator as the VM core sees it: the contract between src/vm/'s core
// (which never imports v86) and whatever runs the emulator: v86-adapter.ts on
// this thread (Node), or a Worker through browser/machine-port.ts.

/** The images and settings one emulator is started with. */
export interface MachineSpec {
  wasm: Uint8Array;
  memoryMB: number;
  /** Cold boot: the BIOSes, the kernel, the initramfs and the kernel command line. */
  boot?: { bios: Uint8Array; vgaBios: Uint8Array; bzImage: Uint8Array; initrd: Uint8Array; cmdline: string };
  /** Restore: a state from save_state(), raw or zstd-compressed (see state-codec.ts); the BIOS is in its memory image. */
  state?: Uint8Array;
}

/** The emulator as the VM core sees it. */
export interface Machine {
  /** Subscribes to bytes the guest writes to serial port 0 or 1. */
  onSerial(port: 0 | 1, listener: (bytes: Uint8Array) => void): () => void;
  sendSerial(port: 0 | 1, bytes: Uint8Array): void;
  /** Writes a file in the 9p exchange filesystem (path relative to its root). */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** A file's bytes, or null when it is missing or empty (v86 cannot tell those apart). */
  readFile(path: string): Promise<Uint8Array | null>;
  saveState(): Promise<Uint8Array>;
  destroy(): Promise<void>;
}

/** Starts an emulator for a spec; VmOptions.startMachine takes one of these. */
export type StartMachine = (spec: MachineSpec) => Promise<Machine>;
