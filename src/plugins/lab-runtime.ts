/**
 * Webpack settings the in-browser lab needs. v86's ES module reaches for
 * `node:fs/promises` and `node:crypto` only when it runs under Node; the
 * browser bundle leaves them out instead of failing on the `node:` scheme.
 */
import type { Plugin } from '@docusaurus/types';

export default function labRuntimePlugin(): Plugin {
  return {
    name: 'orbit-lab-runtime',
    configureWebpack(_config, isServer, utils) {
      if (isServer) return {};
      const { IgnorePlugin } = utils.currentBundler.instance;
      return { plugins: [new IgnorePlugin({ resourceRegExp: /^node:/, contextRegExp: /[\\/]v86[\\/]/ })] };
    },
  };
}
