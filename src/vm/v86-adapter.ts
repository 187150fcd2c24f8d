// The only module that talks to v86. It turns v86's options, event bus and
// callbacks into the small Machine interface the rest of src/vm/ uses.
import { V86, type V86Options } from 'v86';
import type { Machine, MachineSpec } from './machine';

/** The ArrayBuffer v86 takes: the bytes' own buffer when they fill it, else a copy. */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer;
  return bytes.slice().buffer as ArrayBuffer;
}

type Exports = WebAssembly.Exports;

/** Guest memory v86 may write before a restore: the BIOS area below 1 MB. */
const LOW_MEMORY = 1 << 20;

/**
 * Before restoring a state, v86 zeroes all guest memory. On fresh wasm memory
 * that touches every page (0.6 s for 80 MB here, in page faults alone), although
 * only the BIOS area below 1 MB was written since allocation. So the first
 * zeroing after allocation clears just that area; later ones (a restore on a
 * running machine) clear everything with TypedArray.fill, as v86's own
 * reset_memory does. Without the expected exports nothing changes.
 */
function withFastZeroing(exports: Exports): Exports {
  const { allocate_memory: allocate, zero_memory: zero, memory } = exports;
  if (typeof allocate !== 'function' || typeof zero !== 'function' || !(memory instanceof WebAssembly.Memory)) {
    return exports;
  }
  let base = -1;
  let fresh = false;
  return {
    ...exports,
    allocate_memory: (size: number): number => {
      base = (allocate as (size: number) => number)(size) >>> 0;
      fresh = true;
      return base;
    },
    zero_memory: (address: number, length: number): void => {
      if (base < 0) return (zero as (address: number, length: number) => void)(address, length);
      const start = address >>> 0;
      const end = fresh && start === 0 ? Math.min(length >>> 0, LOW_MEMORY) : start + (length >>> 0);
      fresh = false;
      new Uint8Array(memory.buffer, base + start, end - start).fill(0);
    },
  };
}

/** The v86 options for `spec`; serial port 1 is the agent's channel. */
function v86Options(spec: MachineSpec): V86Options {
  const wasm = spec.wasm;
  return {
    wasm_fn: async (imports) => {
      const { instance } = await WebAssembly.instantiate(toArrayBuffer(wasm), imports);
      return withFastZeroing(instance.exports);
    },
    memory_size: spec.memoryMB * 1024 * 1024,
    vga_memory_size: 2 * 1024 * 1024,
    ...(spec.boot && {
      bios: { buffer: toArrayBuffer(spec.boot.bios) },
      vga_bios: { buffer: toArrayBuffer(spec.boot.vgaBios) },
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
      // A halted guest is not woken by serial input until v86's next timer tick
      // (30-100 ms later); run() on a running emulator schedules a tick now.
      if (emulator.is_running()) void emulator.run();
    },
    writeFile: (path, data) => emulator.create_file(path, data),
    readFile: (path) => emulator.read_file(path).catch(() => null),
    saveState: async () => new Uint8Array(await emulator.save_state()),
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
