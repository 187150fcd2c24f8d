// Messages between the page and the compiler's Worker (compiler.worker.ts).
import type { CompileRequest, CompileResult } from './compiler';

export type ToCompiler =
  /** Load the compiler from `base` (the site's URL of static/tcc/, absolute). */
  { type: 'load'; base: string } | { type: 'compile'; id: number; request: CompileRequest };

export type FromCompiler =
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'ready' }
  | { type: 'load-failed'; message: string }
  | { type: 'result'; id: number; result: CompileResult }
  | { type: 'compile-failed'; id: number; message: string };
