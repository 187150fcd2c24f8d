// Browser-only: unpacked machine states in the Cache Storage API, so a second
// visit restores without unpacking the xz state again. Where Cache Storage is
// missing (an insecure origin), there is no cache and every restore unpacks.
import type { StateCache } from '../state-codec';

const CACHE_NAME = 'orbit-vm-state';

/**
 * A StateCache in Cache Storage; entries are URLs under `baseUrl` that are never fetched.
 * `cacheName` keeps other unpacked files (the compiler's sysroot) apart from the states.
 */
export function browserStateCache(baseUrl: string, cacheName = CACHE_NAME): StateCache | undefined {
  if (typeof caches === 'undefined') return undefined;
  const url = (key: string): string => new URL(`state-cache/${key}`, new URL(baseUrl, location.href)).href;
  return {
    async get(key) {
      const response = await (await caches.open(cacheName)).match(url(key));
      return response ? new Uint8Array(await response.arrayBuffer()) : undefined;
    },
    async put(key, state) {
      const cache = await caches.open(cacheName);
      await cache.put(url(key), new Response(new Uint8Array(state)));
      for (const request of await cache.keys()) {
        if (request.url !== url(key)) await cache.delete(request);
      }
    },
  };
}
