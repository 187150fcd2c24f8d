/**
 * Every <Listing> shows code that builds: C files are compiled here, kernel
 * patches must be in the series that kernel/build.sh applies.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Flags of the compile check; orbit programs find orbit.h where the VM installs it from. */
const CFLAGS = ['-std=gnu11', '-Wall', '-Wextra', '-Werror', '-pthread', '-fsyntax-only'];
const ORBIT_INCLUDES = ['-Ikernel/liborbit', '-Ikernel/liborbit/uapi'];

/** Why `file` (relative to `root`) does not build, or null when it does. */
export function listingBuildProblem(root: string, file: string): string | null {
  if (file.endsWith('.c')) return compileProblem(root, file);
  if (file.endsWith('.h')) return compileProblem(root, file, ['-x', 'c']);
  if (file.startsWith('kernel/patches/')) return patchProblem(root, file);
  return `${file}: a <Listing> shows a .c or .h file (compiled by this check) or a kernel patch; put the code in one`;
}

/** Compiles `file` (a header as a translation unit of its own, with `extra` = -x c). */
function compileProblem(root: string, file: string, extra: string[] = []): string | null {
  const r = spawnSync('cc', [...CFLAGS, ...ORBIT_INCLUDES, ...extra, file], { cwd: root, encoding: 'utf8' });
  if (r.error) return `${file}: cannot run cc (${r.error.message})`;
  return r.status === 0 ? null : `${file} does not compile cleanly:\n${r.stderr}`;
}

function patchProblem(root: string, file: string): string | null {
  const series = readFileSync(path.join(root, 'kernel/patches/series'), 'utf8').split('\n');
  return series.includes(path.basename(file))
    ? null
    : `${file} is not in kernel/patches/series, so the kernel build never applies it`;
}
