/**
 * Compiler diagnostics to editor markers: tcc (and gcc) print
 * `file:line: error: message` (gcc adds `:column`); each such line of a
 * lab file becomes a marker on that line.
 */

export interface Diagnostic {
  /** The lab file the line belongs to. */
  file: string;
  line: number;
  column?: number;
  severity: 'error' | 'warning';
  message: string;
}

const LINE = /^(?:In file included from )?(.+?):(\d+):(?:(\d+):)? (error|warning): (.*)$/;

/** Maps a path the compiler printed to one of `files` (exact, or the same path under some directory). */
function matchFile(printed: string, files: readonly string[]): string | undefined {
  const clean = printed.replace(/^\.\//, '');
  return files.find((f) => clean === f || clean.endsWith(`/${f}`));
}

/** The diagnostics in `output` that point into one of `files`. */
export function extractDiagnostics(output: string, files: readonly string[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const m = LINE.exec(raw.trim());
    if (!m) continue;
    const file = matchFile(m[1] ?? '', files);
    if (!file) continue;
    found.push({
      file,
      line: Number(m[2]),
      ...(m[3] && { column: Number(m[3]) }),
      severity: m[4] === 'warning' ? 'warning' : 'error',
      message: m[5] ?? '',
    });
  }
  return found;
}
