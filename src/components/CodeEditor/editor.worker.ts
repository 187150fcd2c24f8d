// Monaco's editor worker (diffs, links, word completion), built as its own chunk.
import 'monaco-editor/esm/vs/editor/editor.worker.js';
