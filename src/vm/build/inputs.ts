// Hashes of the VM's inputs (kernel/) and outputs (static/vm/), for
// manifest.json and for the test that catches stale images. Node only.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { OutputEntry } from '../manifest';
import { REPO_ROOT } from '../node-assets';

export { REPO_ROOT };

/** Hex sha256 of `bytes`. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Every file under `dir`, as sorted paths relative to the repository root. In a git
 * checkout, the files git would commit (tracked, or untracked and not ignored), so that
 * local build products such as kernel/liborbit/*.o never count as inputs.
 */
async function listFiles(dir: string): Promise<string[]> {
  let listed: string;
  try {
    listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', dir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    const entries = await readdir(path.join(REPO_ROOT, dir), { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort();
  }
  const files = listed.split('\0').filter((file) => file && existsSync(path.join(REPO_ROOT, file)));
  return [...new Set(files)].sort();
}

/** sha256 of every file under kernel/ except documentation (*.md). */
export async function hashInputs(): Promise<Record<string, string>> {
  const files = (await listFiles('kernel')).filter((file) => !file.endsWith('.md'));
  const hashes: Record<string, string> = {};
  for (const file of files) hashes[file] = sha256(await readFile(path.join(REPO_ROOT, file)));
  return hashes;
}

/** sha256 and size of every file in `dir` except manifest.json. */
export async function hashOutputs(dir: string): Promise<Record<string, OutputEntry>> {
  const outputs: Record<string, OutputEntry> = {};
  for (const name of (await readdir(dir)).sort()) {
    if (name === 'manifest.json' || !(await stat(path.join(dir, name))).isFile()) continue;
    const bytes = await readFile(path.join(dir, name));
    outputs[name] = { sha256: sha256(bytes), size: bytes.length };
  }
  return outputs;
}

/** Parses kernel/rootfs/packages.lock ("name:arch version" lines, # comments). */
export function parsePackagesLock(text: string): Record<string, string> {
  const packages: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [name, version, extra] = line.split(/\s+/);
    if (!name || !version || extra !== undefined) {
      throw new Error(`kernel/rootfs/packages.lock: cannot parse "${raw}" (expected "name:arch version")`);
    }
    packages[name] = version;
  }
  return packages;
}

/** Differences between two hash maps, as human-readable lines. */
export function describeChanges(built: Record<string, string>, now: Record<string, string>): string[] {
  const changes: string[] = [];
  for (const [file, hash] of Object.entries(now)) {
    if (!(file in built)) changes.push(`${file} was added`);
    else if (built[file] !== hash) changes.push(`${file} changed`);
  }
  for (const file of Object.keys(built)) if (!(file in now)) changes.push(`${file} was removed`);
  return changes;
}
