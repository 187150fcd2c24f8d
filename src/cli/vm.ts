// How the CLI gets a VM: restore the saved state (default) or boot cold.
import { bootVm, restoreVm, type Vm } from '../vm/index';
import { fileAssets } from '../vm/node-assets';

/** A VM from static/vm/ of this repository. */
export function openVm(cold: boolean): Promise<Vm> {
  const options = { assets: fileAssets() };
  return cold ? bootVm(options) : restoreVm(options);
}
