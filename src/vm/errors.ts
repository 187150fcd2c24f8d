// Errors the VM layer throws: each says what failed and what to do about it.

/** Why a VM operation failed. */
export type VmErrorCode =
  | 'assets' // an image could not be loaded
  | 'boot' // the emulator or the guest did not come up
  | 'agent' // the in-guest agent did not answer
  | 'file' // a guest file could not be read or written
  | 'destroyed'; // the VM was used after destroy()

/** An error from the VM layer, with a machine-readable code. */
export class VmError extends Error {
  constructor(
    readonly code: VmErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VmError';
  }
}

/** Resolves like `promise`, or rejects with `error()` after `ms` milliseconds. */
export function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(error()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (reason: unknown) => {
        clearTimeout(timer);
        reject(reason instanceof Error ? reason : new Error(String(reason)));
      },
    );
  });
}
