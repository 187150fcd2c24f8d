// A Machine on the other side of a message port: the browser runs v86 in a
// Worker, so the emulator has a core of its own and the page (Monaco, xterm.js,
// React) stays responsive while the guest computes. serveMachine is the worker's
// end, connectMachine the page's; both speak the small protocol below.
import type { Machine, MachineSpec } from '../machine';

/** What both ends need of a Worker, a worker's global scope or a MessagePort. */
export interface Port {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** The page's requests; each is answered by a Reply with the same id. */
type Request =
  | { id: number; op: 'start'; spec: MachineSpec }
  | { id: number; op: 'writeFile'; path: string; data: Uint8Array }
  | { id: number; op: 'readFile'; path: string }
  | { id: number; op: 'saveState' }
  | { id: number; op: 'destroy' };

/** Serial bytes, in either direction; never answered. */
interface Serial {
  op: 'serial';
  port: 0 | 1;
  bytes: Uint8Array;
}

type Reply = { id: number; ok: true; value?: Uint8Array | null } | { id: number; ok: false; error: string };

type ToWorker = Request | Serial;
/** A request before it gets its id (the conditional type spreads Omit over each member of the union). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Call = WithoutId<Request>;
type ToPage = Reply | Serial;

/** The worker's end: starts the machine on request and relays its serial ports and calls. */
export function serveMachine(port: Port, start: (spec: MachineSpec) => Promise<Machine>): void {
  let machine: Machine | null = null;
  const post = (message: ToPage): void => port.postMessage(message);

  const perform = async (request: Request): Promise<Uint8Array | null | undefined> => {
    if (request.op === 'start') {
      if (machine) throw new Error('the machine was already started');
      machine = await start(request.spec);
      for (const serialPort of [0, 1] as const) {
        machine.onSerial(serialPort, (bytes) => post({ op: 'serial', port: serialPort, bytes }));
      }
      return undefined;
    }
    if (!machine) throw new Error(`${request.op} before the machine started`);
    switch (request.op) {
      case 'writeFile':
        return void (await machine.writeFile(request.path, request.data));
      case 'readFile':
        return machine.readFile(request.path);
      case 'saveState':
        return machine.saveState();
      case 'destroy':
        return void (await machine.destroy());
    }
  };

  port.addEventListener('message', (event) => {
    const message = event.data as ToWorker;
    if (message.op === 'serial') {
      machine?.sendSerial(message.port, message.bytes);
      return;
    }
    perform(message).then(
      (value) => post({ id: message.id, ok: true, value }),
      (error: unknown) =>
        post({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/** What the page needs to know of the worker besides its messages. */
export interface WorkerLike extends Port {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/**
 * The page's end: starts the machine in `worker` and resolves with a Machine
 * whose calls travel to it. A worker that fails to load or throws fails every
 * call in flight, with the reason.
 */
export async function connectMachine(worker: WorkerLike, spec: MachineSpec): Promise<Machine> {
  const pending = new Map<
    number,
    { resolve: (value: Uint8Array | null | undefined) => void; reject: (e: Error) => void }
  >();
  const listeners: [Set<(bytes: Uint8Array) => void>, Set<(bytes: Uint8Array) => void>] = [new Set(), new Set()];
  let next = 1;
  let broken: Error | null = null;

  worker.addEventListener('message', (event) => {
    const message = event.data as ToPage;
    if ('op' in message) {
      for (const listener of listeners[message.port]) listener(message.bytes);
      return;
    }
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.value);
    else waiter?.reject(new Error(message.error));
  });
  worker.addEventListener('error', (event) => {
    broken = new Error(`the emulator's worker failed: ${event.message || 'it could not be loaded'}`);
    for (const waiter of pending.values()) waiter.reject(broken);
    pending.clear();
  });

  const call = (request: Call): Promise<Uint8Array | null | undefined> => {
    if (broken) return Promise.reject(broken);
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  };

  await call({ op: 'start', spec });
  return {
    onSerial(port, listener) {
      listeners[port].add(listener);
      return () => listeners[port].delete(listener);
    },
    sendSerial(port, bytes) {
      worker.postMessage({ op: 'serial', port, bytes } satisfies Serial);
    },
    writeFile: async (path, data) => void (await call({ op: 'writeFile', path, data })),
    readFile: async (path) => (await call({ op: 'readFile', path })) ?? null,
    saveState: async () => (await call({ op: 'saveState' })) ?? new Uint8Array(),
    async destroy() {
      try {
        await call({ op: 'destroy' });
      } finally {
        worker.terminate();
      }
    },
  };
}
