// Node-only: a VM from this repository's images (or $ORBIT_VM_DIR), with v86
// on this thread. The CLI, the tests, the benchmarks and the state build all
// start their VMs here.
import { fileAssets } from './node-assets';
import { bootVm, restoreVm } from './start';
import type { Vm, VmOptions } from './types';
import { startMachine } from './v86-adapter';

export interface OpenVmOptions extends Partial<Omit<VmOptions, 'startMachine'>> {
  /** Boot the kernel instead of restoring the saved state. */
  cold?: boolean;
}

/** Restores (or, with `cold`, boots) a VM; assets default to fileAssets(). */
export function openVm({ cold = false, ...options }: OpenVmOptions = {}): Promise<Vm> {
  const full: VmOptions = { assets: fileAssets(), ...options, startMachine };
  return cold ? bootVm(full) : restoreVm(full);
}
