import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractFunction, extractRegion, ListingError } from './extract';

/** What a `<Listing>` asks for: a file relative to the repository root and an optional anchor. */
export interface ListingRequest {
  file: string;
  anchor?: string;
  /** A C function shown by name, for files that cannot hold anchors (kernel patches). */
  function?: string;
}

/**
 * Reads the region a `<Listing>` names. Paths are relative to `root` and may
 * not leave it; every failure is a ListingError naming both file and anchor.
 */
export function resolveListing(root: string, req: ListingRequest): string {
  const where = req.anchor ? `${req.file} (anchor "${req.anchor}")` : req.file;
  if (path.isAbsolute(req.file) || req.file.split(/[\\/]/).includes('..')) {
    throw new ListingError(`<Listing file="${req.file}">: use a path relative to the repository root, without "..".`);
  }
  const full = path.join(root, req.file);
  if (!existsSync(full)) {
    throw new ListingError(
      `<Listing> for ${where}: file not found at ${full}. Check the path (relative to the repository root).`,
    );
  }
  const source = readFileSync(full, 'utf8');
  return req.function ? extractFunction(source, req.file, req.function) : extractRegion(source, req.file, req.anchor);
}
