// The editor core entry has no typings of its own; it exports the editor API.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor/esm/vs/editor/editor.api.js';
}
declare module 'monaco-editor/esm/vs/basic-languages/cpp/cpp.contribution.js';
declare module 'monaco-editor/esm/vs/editor/editor.worker.js';
