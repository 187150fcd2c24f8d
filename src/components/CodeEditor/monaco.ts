/**
 * Monaco, bundled from the monaco-editor package (no CDN): the editor core
 * with its standard contributions, C via the basic cpp language, and the
 * editor worker as a webpack worker chunk. Imported only by lazy chunks.
 */
import 'monaco-editor/esm/vs/basic-languages/cpp/cpp.contribution.js';

self.MonacoEnvironment = {
  getWorker: () => new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module' }),
};

export * from 'monaco-editor/esm/vs/editor/edcore.main.js';
