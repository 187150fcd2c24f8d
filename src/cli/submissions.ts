/**
 * Reads a submission from disk for `orbit-lab grade` and the autograder: a
 * Download archive (`*.json`), a `.zip` of the lab's files, or a folder of
 * them. Names and sizes are judged by the grader core (acceptFiles); this
 * only refuses what cannot even be read, with a message saying why.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { MAX_FILE_BYTES, SubmissionRejected } from '../grader';
import type { LabSpec } from '../labs/schema';
import { validateSubmission } from '../labs/submission';

/** A submission file read from disk, before the grader judges its files. */
export interface LoadedSubmission {
  /** A name for reports: the file or folder name without .json/.zip. */
  name: string;
  files: Record<string, string>;
}

/** The largest archive read at all (a zip of a few source files is far smaller). */
const MAX_ARCHIVE_BYTES = 4 * 1024 * 1024;
const MAX_ENTRIES = 64;
/** What zip tools add beside the files; never a lab file. */
const JUNK = /^__MACOSX\/|(^|\/)\.DS_Store$/;

/** The report name of a submission path. */
export function submissionName(file: string): string {
  return path.basename(file).replace(/\.(json|zip)$/i, '');
}

/** Reads `file` as a submission for `spec`; SubmissionRejected when it cannot be used. */
export async function loadSubmission(file: string, spec: LabSpec): Promise<LoadedSubmission> {
  const info = await stat(file).catch(() => {
    throw new SubmissionRejected(`${file} does not exist`);
  });
  const name = submissionName(file);
  if (info.isDirectory()) return { name, files: await readFolder(file) };
  if (info.size > MAX_ARCHIVE_BYTES) {
    throw new SubmissionRejected(`${file} is ${info.size} bytes; a submission is at most ${MAX_ARCHIVE_BYTES}`);
  }
  const bytes = await readFile(file);
  if (/\.zip$/i.test(file)) return { name, files: readZip(bytes, file) };
  if (/\.json$/i.test(file)) return { name, files: await readArchive(bytes.toString('utf8'), spec, file) };
  throw new SubmissionRejected(`${file}: give a Download archive (.json), a .zip of the lab's files, or a folder`);
}

/** A Download archive, for this lab and this version only. */
async function readArchive(text: string, spec: LabSpec, file: string): Promise<Record<string, string>> {
  try {
    const { files, warnings } = await validateSubmission(text, spec, MAX_ARCHIVE_BYTES);
    if (warnings.length > 0) throw new SubmissionRejected(warnings.join(' '));
    return files;
  } catch (error) {
    throw new SubmissionRejected(`${file}: ${(error as Error).message}`);
  }
}

/** Every entry of a folder (not recursing: a sub-folder is refused by name). */
async function readFolder(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.length > MAX_ENTRIES)
    throw new SubmissionRejected(`${dir} holds ${entries.length} entries; at most ${MAX_ENTRIES}`);
  for (const entry of entries) {
    if (JUNK.test(entry.name)) continue;
    if (!entry.isFile()) throw new SubmissionRejected(`refused: "${entry.name}" in ${dir} is not a regular file`);
    const full = path.join(dir, entry.name);
    const { size } = await stat(full);
    if (size > MAX_FILE_BYTES) {
      throw new SubmissionRejected(
        `refused: "${entry.name}" is ${size} bytes; a submitted file is at most ${MAX_FILE_BYTES}`,
      );
    }
    files[entry.name] = await readFile(full, 'utf8');
  }
  return files;
}

/** The entries of a zip, each checked for size before it is inflated. */
function readZip(bytes: Uint8Array, file: string): Record<string, string> {
  let count = 0;
  let tooBig: string | undefined;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        count += 1;
        if (f.originalSize > MAX_FILE_BYTES && !JUNK.test(f.name)) tooBig ??= f.name;
        return count <= MAX_ENTRIES && !tooBig && !JUNK.test(f.name) && !f.name.endsWith('/');
      },
    });
  } catch (error) {
    throw new SubmissionRejected(`${file} is not a readable zip archive (${(error as Error).message})`);
  }
  if (tooBig)
    throw new SubmissionRejected(
      `refused: "${tooBig}" is over ${MAX_FILE_BYTES} bytes; a submitted file is at most that`,
    );
  if (count > MAX_ENTRIES) throw new SubmissionRejected(`${file} holds more than ${MAX_ENTRIES} entries`);
  const decoder = new TextDecoder();
  return Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, decoder.decode(data)]));
}
