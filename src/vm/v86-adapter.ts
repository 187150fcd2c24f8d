// The only module that talks to v86. It turns v86's options, event bus and
// callbacks into the small Machine interface the rest of src/vm/ uses.
import { V86, type V86Options } from 'v86';

/** The images and settings one emulator is started with. */
export interface MachineSpec {
  wasm: Uint8Array;
  bios: Uint8Array;
  vgaBios: Uint8Array;
  memoryMB: number;
  /** Cold boot: the kernel, the initramfs and the kernel command line. */
  boot?: { bzImage: Uint8Array; initrd: Uint8Array; cmdline: string };
  /** Restore: a state from save_state(), raw or zstd-compressed. */
  state?: Uint8Array;
}

/** The emulator as the VM core sees it. */
export interface Machine {
  /** Subscribes to bytes the guest writes to serial port 0 or 1. */
  onSerial(port: 0 | 1, listener: (bytes: Uint8Array) => void): () => void;
  sendSerial(port: 0 | 1, bytes: Uint8Array): void;
  /** Writes a file in the 9p exchange filesystem (path relative to its root). */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  saveState(): Promise<Uint8Array>;
  restoreState(state: Uint8Array): Promise<void>;
  destroy(): Promise<void>;
}

/** Copies bytes into a fresh ArrayBuffer, which is what v86 takes. */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

/** The v86 options for `spec`; serial port 1 is the agent's channel. */
function v86Options(spec: MachineSpec): V86Options {
  const wasm = spec.wasm;
  return {
    wasm_fn: async (imports) => {
      const { instance } = await WebAssembly.instantiate(toArrayBuffer(wasm), imports);
      return instance.exports;
    },
    memory_size: spec.memoryMB * 1024 * 1024,
    vga_memory_size: 2 * 1024 * 1024,
    bios: { buffer: toArrayBuffer(spec.bios) },
    vga_bios: { buffer: toArrayBuffer(spec.vgaBios) },
    ...(spec.boot && {
      bzimage: { buffer: toArrayBuffer(spec.boot.bzImage) },
      initrd: { buffer: toArrayBuffer(spec.boot.initrd) },
      cmdline: spec.boot.cmdline,
    }),
    ...(spec.state && { initial_state: { buffer: toArrayBuffer(spec.state) } }),
    filesystem: {},
    uart1: true,
    autostart: true,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
    screen: { container: null },
  };
}

/** Starts an emulator and resolves once it runs (booting or restored). */
export function startMachine(spec: MachineSpec): Promise<Machine> {
  const emulator = new V86(v86Options(spec));
  return new Promise((resolve) => {
    const onLoaded = (): void => {
      emulator.remove_listener('emulator-loaded', onLoaded);
      resolve(wrap(emulator));
    };
    emulator.add_listener('emulator-loaded', onLoaded);
  });
}

/** Adapts a running V86 instance to the Machine interface. */
function wrap(emulator: V86): Machine {
  return {
    onSerial(port, listener) {
      return batchedSerial(emulator, port, listener);
    },
    sendSerial(port, bytes) {
      emulator.serial_send_bytes(port, bytes);
    },
    writeFile: (path, data) => emulator.create_file(path, data),
    readFile: (path) => emulator.read_file(path),
    saveState: async () => new Uint8Array(await emulator.save_state()),
    async restoreState(state) {
      await emulator.stop();
      await emulator.restore_state(toArrayBuffer(state));
      await emulator.run();
    },
    destroy: () => emulator.destroy(),
  };
}

/** Delivers serial output in chunks (one per microtask) instead of byte by byte. */
function batchedSerial(emulator: V86, port: 0 | 1, listener: (bytes: Uint8Array) => void): () => void {
  const event = port === 0 ? 'serial0-output-byte' : 'serial1-output-byte';
  let pending: number[] = [];
  const flush = (): void => {
    const bytes = Uint8Array.from(pending);
    pending = [];
    listener(bytes);
  };
  const onByte = (byte: number): void => {
    if (pending.length === 0) queueMicrotask(flush);
    pending.push(byte);
  };
  emulator.add_listener(event, onByte);
  return () => emulator.remove_listener(event, onByte);
}
