/**
 * i18n/ja/pending-translation.json: the English pages and labs whose Japanese
 * version is missing or out of date, on purpose and visibly. The check
 * accepts and reports what it lists; the Japanese edition is complete when
 * both lists are empty.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

export const PENDING_FILE = 'i18n/ja/pending-translation.json';

const pendingSchema = z
  .object({
    about: z.string().optional(),
    /** English pages, e.g. "docs/snapshots.mdx". */
    docs: z.array(z.string().regex(/^docs\/.+\.mdx?$/, { message: 'name an English page as "docs/<id>.mdx"' })),
    /** Lab folders under labs/, e.g. "01-deadlock", whose lab.json lacks Japanese titles. */
    labs: z.array(z.string().regex(/^\d\d-[a-z0-9-]+$/, { message: 'name a lab by its folder, like "01-deadlock"' })),
  })
  .strict();

export type PendingList = z.infer<typeof pendingSchema>;

/** Reads the pending list; a missing file is an empty list, a malformed one throws with the fix. */
export function readPending(root: string): PendingList {
  const full = path.join(root, PENDING_FILE);
  if (!existsSync(full)) return { docs: [], labs: [] };
  const result = pendingSchema.safeParse(JSON.parse(readFileSync(full, 'utf8')));
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(top level)'}: ${i.message}`);
  throw new Error(`${PENDING_FILE} is malformed:\n${problems.join('\n')}\nIt holds {"docs": [...], "labs": [...]}.`);
}
