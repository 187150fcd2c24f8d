/**
 * Which submitted files the grader takes: only the names the lab lists in
 * `files`, each a plain file name of at most MAX_FILE_BYTES. Everything else
 * (tests, readonly files) always comes from the lab folder.
 */
import type { LabSpec } from '../labs/schema';

export const MAX_FILE_BYTES = 256 * 1024;

/** A submission the grader refuses; the message names the file and the rule. */
export class SubmissionRejected extends Error {
  override name = 'SubmissionRejected';
}

/** Why `name` may not be a submitted file name, or undefined when it may. */
function badName(name: string, spec: LabSpec): string | undefined {
  const shown = JSON.stringify(name);
  if (name.includes('\0')) return `${shown} contains a NUL character`;
  if (name.startsWith('/')) return `${shown} is an absolute path; submit plain file names`;
  if (name.split(/[/\\]/).includes('..')) return `${shown} contains ".."; submit plain file names`;
  if (/[/\\]/.test(name)) return `${shown} contains a path separator; submit plain file names`;
  if (!spec.files.includes(name)) {
    return `${shown} is not a file of lab ${spec.id}; it takes only: ${spec.files.join(', ')}`;
  }
  return undefined;
}

/**
 * The lab's editable files from `submitted`, or SubmissionRejected. Copies of
 * the lab's readonly files (a student may upload them along) are ignored:
 * those always come from the lab folder.
 */
export function acceptFiles(spec: LabSpec, submitted: Record<string, string>): Record<string, string> {
  for (const [name, text] of Object.entries(submitted)) {
    if (spec.readonly.includes(name)) continue;
    const bad = badName(name, spec);
    if (bad) throw new SubmissionRejected(`refused: ${bad}`);
    const size = new TextEncoder().encode(text).length;
    if (size > MAX_FILE_BYTES) {
      throw new SubmissionRejected(
        `refused: "${name}" is ${size} bytes; a submitted file is at most ${MAX_FILE_BYTES}`,
      );
    }
  }
  const missing = spec.files.filter((f) => !(f in submitted));
  if (missing.length > 0) {
    throw new SubmissionRejected(
      `refused: the submission has no ${missing.join(', ')}; lab ${spec.id} needs each of: ${spec.files.join(', ')}`,
    );
  }
  return Object.fromEntries(spec.files.map((f) => [f, submitted[f] ?? '']));
}
