// The VM interface: import from here in browser and Node code alike. The
// emulator comes from VmOptions.startMachine: Node code uses openVm from
// ./node (v86 on this thread), the browser a Worker (./browser/useVm).
export { bootVm, mark, restoreVm } from './start';
export type { ExecLimits, ExecOptions, ExecResult, Vm, VmConsole, VmEvents, VmOptions, VmProgress } from './types';
export type { Machine, MachineSpec, StartMachine } from './machine';
export { urlAssets, WASM_ASSET, type AssetSource, type LoadProgress } from './assets';
export { VmError, type VmErrorCode } from './errors';
export type { VmManifest } from './manifest';
export { randomNonce, shellQuote, type GuestUser } from './protocol';
