// The unpacked-state cache: what counts as a whole state, and the Node disk cache.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diskStateCache } from './node-assets';
import { isRawState } from './state-codec';

/** A v86-shaped state of `length` bytes: magic, version 6, its own length. */
function fakeState(length: number): Uint8Array {
  const bytes = new Uint8Array(length).fill(7);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x86768676, true);
  view.setInt32(4, 6, true);
  view.setInt32(8, length, true);
  return bytes;
}

describe('isRawState', () => {
  it('accepts a whole state and rejects a truncated, foreign or packed one', () => {
    const state = fakeState(4096);
    expect(isRawState(state)).toBe(true);
    expect(isRawState(state.subarray(0, 4000))).toBe(false);
    expect(isRawState(new Uint8Array(4096))).toBe(false);
    expect(isRawState(new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0]))).toBe(false);
  });
});

describe('diskStateCache', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('returns what was put, misses other keys, and keeps only the newest key', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'orbit-state-cache-'));
    const cache = diskStateCache(path.join(dir, 'cache'));
    expect(await cache.get('a')).toBeUndefined();
    await cache.put('a', fakeState(100));
    expect(await cache.get('a')).toEqual(fakeState(100));
    await cache.put('b', fakeState(200));
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('b')).toEqual(fakeState(200));
    expect(await readdir(path.join(dir, 'cache'))).toEqual(['b.state']);
  });
});
