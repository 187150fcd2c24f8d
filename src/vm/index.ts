// The VM interface: import from here in browser and Node code alike.
// Node callers get their assets from ./node-assets (fileAssets); browser
// callers use urlAssets with the site's base URL plus "vm/".
export { bootVm, restoreVm } from './vm';
export type { ExecOptions, ExecResult, Vm, VmConsole, VmEvents, VmOptions, VmProgress } from './vm';
export { urlAssets, WASM_ASSET, type AssetSource, type LoadProgress } from './assets';
export { VmError, type VmErrorCode } from './errors';
export type { VmManifest } from './manifest';
export type { GuestUser } from './protocol';
