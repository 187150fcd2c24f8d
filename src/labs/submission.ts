/**
 * Submission archives: one JSON file with the student's files, the lab id,
 * the lab version and a SHA-256 of that content, so an upload can tell a
 * damaged or edited archive, or one made for another lab, from a good one.
 */
import * as z from 'zod';
import type { LabSpec } from './schema';

export const SUBMISSION_FORMAT = 'orbit-lab-submission';

export interface Submission {
  format: typeof SUBMISSION_FORMAT;
  formatVersion: 1;
  lab: string;
  labVersion: number;
  createdAt: string;
  files: Record<string, string>;
  /** Hex SHA-256 of contentKey(lab, labVersion, files). */
  sha256: string;
}

const schema = z.object({
  format: z.literal(SUBMISSION_FORMAT),
  formatVersion: z.literal(1),
  lab: z.string(),
  labVersion: z.number().int(),
  createdAt: z.string(),
  files: z.record(z.string(), z.string()),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What the hash covers: lab, version and files in path order, as JSON. */
function contentKey(lab: string, labVersion: number, files: Record<string, string>): string {
  const entries = Object.keys(files)
    .sort()
    .map((k) => [k, files[k]]);
  return JSON.stringify([lab, labVersion, entries]);
}

/** Hex SHA-256 of a string's UTF-8 bytes (Web Crypto: browsers on https or localhost, Node). */
export async function sha256Hex(text: string): Promise<string> {
  if (!globalThis.crypto?.subtle) {
    throw new Error('this browser offers no Web Crypto here: open the site over https (or localhost) to use archives');
  }
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Builds the archive of `files` for lab `spec`. */
export async function createSubmission(
  spec: LabSpec,
  files: Record<string, string>,
  now = new Date(),
): Promise<Submission> {
  const picked = Object.fromEntries(spec.files.map((f) => [f, files[f] ?? '']));
  return {
    format: SUBMISSION_FORMAT,
    formatVersion: 1,
    lab: spec.id,
    labVersion: spec.version,
    createdAt: now.toISOString(),
    files: picked,
    sha256: await sha256Hex(contentKey(spec.id, spec.version, picked)),
  };
}

/** The archive's file name, e.g. "00-playground-v1-submission.json". */
export function submissionFileName(spec: LabSpec): string {
  return `${spec.id}-v${spec.version}-submission.json`;
}

export interface ValidatedSubmission {
  files: Record<string, string>;
  /** Non-fatal: e.g. the archive was made for another version of the lab. */
  warnings: string[];
}

/** Thrown when an uploaded archive cannot be used; the message says why and what to do. */
export class SubmissionError extends Error {}

/** Checks an uploaded archive's text against lab `spec` and returns its files. */
export async function validateSubmission(
  text: string,
  spec: LabSpec,
  maxBytes = 1_000_000,
): Promise<ValidatedSubmission> {
  if (text.length > maxBytes)
    throw new SubmissionError(
      `the file is ${text.length} bytes; a submission is at most ${maxBytes}. Pick the .json archive that Download made.`,
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SubmissionError('this is not a submission archive (not JSON): pick the .json file that Download made.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the top level';
    throw new SubmissionError(
      `this is not a valid submission archive (field ${where} is wrong or missing): pick the .json file that Download made.`,
    );
  }
  const sub = parsed.data;
  if (sub.lab !== spec.id)
    throw new SubmissionError(
      `this archive is for lab "${sub.lab}", not "${spec.id}": open that lab's page to upload it.`,
    );
  const unknown = Object.keys(sub.files).filter((f) => !spec.files.includes(f));
  if (unknown.length > 0)
    throw new SubmissionError(`the archive holds files this lab does not have: ${unknown.join(', ')}.`);
  if ((await sha256Hex(contentKey(sub.lab, sub.labVersion, sub.files))) !== sub.sha256) {
    throw new SubmissionError(
      "the archive's content does not match its hash: it was changed or damaged after Download. Use an unmodified archive.",
    );
  }
  const warnings =
    sub.labVersion === spec.version
      ? []
      : [
          `the archive was made for version ${sub.labVersion} of this lab; the page has version ${spec.version}. Check your files still fit.`,
        ];
  return { files: sub.files, warnings };
}
