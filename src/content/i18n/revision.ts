/**
 * The `source-revision` marker: a Japanese page's front matter names the git
 * commit of the English page it translates. The page is current when the
 * English file has not changed between that commit and HEAD.
 */
import { execFileSync } from 'node:child_process';

export const REVISION_KEY = 'source-revision';

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The full hash of the last commit that changed `file`, or undefined if it was never committed. */
export function lastChange(root: string, file: string): string | undefined {
  return git(root, ['log', '-1', '--format=%H', 'HEAD', '--', file]) || undefined;
}

export type RevisionVerdict = { ok: true } | { ok: false; problem: string; fix: string };

/** Whether a translation marked with `marker` is current for the English `file`. */
export function checkRevision(root: string, file: string, marker: unknown): RevisionVerdict {
  const latest = lastChange(root, file);
  if (latest === undefined) {
    return { ok: false, problem: `${file} has no commit yet`, fix: `commit ${file}, then set ${REVISION_KEY}` };
  }
  const setTo = `set "${REVISION_KEY}: ${latest.slice(0, 12)}" in its front matter`;
  if (typeof marker !== 'string' || !/^[0-9a-f]{7,40}$/.test(marker)) {
    return {
      ok: false,
      problem: `no "${REVISION_KEY}" marker (a commit hash)`,
      fix: `translate ${file} as of ${latest.slice(0, 12)} and ${setTo}`,
    };
  }
  const commit = git(root, ['rev-parse', '--verify', '--quiet', `${marker}^{commit}`]);
  if (!commit) {
    return {
      ok: false,
      problem: `${REVISION_KEY} ${marker} is not a commit of this repository`,
      fix: `compare with ${file} as of ${latest.slice(0, 12)} and ${setTo}`,
    };
  }
  const changed = git(root, ['diff', '--name-only', commit, 'HEAD', '--', file]);
  if (changed === undefined || changed !== '') {
    return {
      ok: false,
      problem: `${file} changed after ${marker} (the revision the translation follows)`,
      fix: `see "git diff ${marker.slice(0, 12)} HEAD -- ${file}", translate the change, and ${setTo}`,
    };
  }
  return { ok: true };
}
