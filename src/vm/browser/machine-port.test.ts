// The page-to-worker Machine protocol, over a real MessageChannel with a fake machine in place of v86.
import { afterEach, describe, expect, it } from 'vitest';
import { connectMachine, serveMachine, type Port, type WorkerLike } from './machine-port';
import type { Machine, MachineSpec } from '../machine';

const SPEC: MachineSpec = { wasm: new Uint8Array([0, 97, 115, 109]), memoryMB: 8, state: new Uint8Array([1, 2, 3]) };

/** A machine that keeps files in a map and echoes serial input back, upper-cased, on the same port. */
function fakeMachine(): Machine & { destroyed: boolean } {
  const files = new Map<string, Uint8Array>();
  const listeners: [Set<(b: Uint8Array) => void>, Set<(b: Uint8Array) => void>] = [new Set(), new Set()];
  return {
    destroyed: false,
    onSerial(port, listener) {
      listeners[port].add(listener);
      return () => listeners[port].delete(listener);
    },
    sendSerial(port, bytes) {
      const upper = new TextEncoder().encode(new TextDecoder().decode(bytes).toUpperCase());
      for (const l of listeners[port]) l(upper);
    },
    async writeFile(path, data) {
      if (path.includes('..')) throw new Error(`bad path ${path}`);
      files.set(path, data);
    },
    readFile: async (path) => files.get(path) ?? null,
    saveState: async () => new Uint8Array([9, 9]),
    async destroy() {
      this.destroyed = true;
    },
  };
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A worker stand-in: one end of a channel, with the error listeners and terminate of a Worker. */
function fakeWorker(): { worker: WorkerLike & { terminated: boolean; fail: (m: string) => void }; inside: Port } {
  const channel = new MessageChannel();
  channels.push(channel);
  channel.port1.start();
  channel.port2.start();
  const onError = new Set<(e: ErrorEvent) => void>();
  const worker = {
    terminated: false,
    postMessage: (m: unknown) => channel.port1.postMessage(m),
    addEventListener(type: 'message' | 'error', listener: (event: never) => void) {
      if (type === 'error') onError.add(listener as (e: ErrorEvent) => void);
      else channel.port1.addEventListener('message', listener as (e: MessageEvent) => void);
    },
    terminate() {
      this.terminated = true;
    },
    fail: (message: string) => {
      for (const l of onError) l({ message } as ErrorEvent);
    },
  };
  return { worker: worker as typeof worker & WorkerLike, inside: channel.port2 as unknown as Port };
}

/** Collects what arrives on one serial port until `text` has been seen. */
function readSerial(machine: Machine, port: 0 | 1, text: string): Promise<string> {
  let seen = '';
  return new Promise((resolve) => {
    const stop = machine.onSerial(port, (bytes) => {
      seen += new TextDecoder().decode(bytes);
      if (seen.includes(text)) {
        stop();
        resolve(seen);
      }
    });
  });
}

describe('connectMachine and serveMachine', () => {
  it('start the machine with the spec and relay files, state and both serial ports', async () => {
    const { worker, inside } = fakeWorker();
    const fake = fakeMachine();
    let started: MachineSpec | null = null;
    serveMachine(inside, async (spec) => {
      started = spec;
      return fake;
    });
    const machine = await connectMachine(worker, SPEC);
    expect(started).toEqual(SPEC);

    await machine.writeFile('/lab/hello.c', new Uint8Array([104, 105]));
    expect(await machine.readFile('/lab/hello.c')).toEqual(new Uint8Array([104, 105]));
    expect(await machine.readFile('/missing')).toBeNull();
    expect(await machine.saveState()).toEqual(new Uint8Array([9, 9]));

    const agent = readSerial(machine, 1, 'PING 1');
    const console = readSerial(machine, 0, 'LS');
    machine.sendSerial(1, new TextEncoder().encode('ping 1'));
    machine.sendSerial(0, new TextEncoder().encode('ls'));
    expect(await agent).toBe('PING 1');
    expect(await console).toBe('LS');

    await machine.destroy();
    expect(fake.destroyed).toBe(true);
    expect(worker.terminated).toBe(true);
  });

  it("reject a call with the machine's own error message", async () => {
    const { worker, inside } = fakeWorker();
    serveMachine(inside, async () => fakeMachine());
    const machine = await connectMachine(worker, SPEC);
    await expect(machine.writeFile('../etc/passwd', new Uint8Array())).rejects.toThrow('bad path ../etc/passwd');
    await machine.writeFile('ok', new Uint8Array([1]));
    expect(await machine.readFile('ok')).toEqual(new Uint8Array([1]));
  });

  it('reject a failed start with its reason', async () => {
    const { worker, inside } = fakeWorker();
    serveMachine(inside, () => Promise.reject(new Error('v86.wasm is not WebAssembly')));
    await expect(connectMachine(worker, SPEC)).rejects.toThrow('v86.wasm is not WebAssembly');
  });

  it('fail calls in flight, and later ones, when the worker itself fails', async () => {
    const { worker } = fakeWorker(); // nobody serves: the start never gets an answer
    const start = connectMachine(worker, SPEC);
    worker.fail('SyntaxError in machine.worker.js');
    await expect(start).rejects.toThrow("the emulator's worker failed: SyntaxError in machine.worker.js");
  });
});
