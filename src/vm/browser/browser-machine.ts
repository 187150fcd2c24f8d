// Browser-only: the emulator in a Worker of its own (see machine-port.ts).
import { connectMachine } from './machine-port';
import type { Machine, MachineSpec } from '../machine';

export interface MachineWorker {
  /** Starts the machine in the worker (once); destroying the machine ends the worker. */
  start(spec: MachineSpec): Promise<Machine>;
  /** Ends the worker, for a restore that failed before or during start. */
  terminate(): void;
}

/** Spawns the emulator's Worker now, so that it loads v86 while the page still fetches the machine state. */
export function machineWorker(): MachineWorker {
  const worker = new Worker(new URL('./machine.worker.ts', import.meta.url), { type: 'module' });
  return {
    start: (spec) => connectMachine(worker, spec),
    terminate: () => worker.terminate(),
  };
}
