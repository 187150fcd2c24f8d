/**
 * Extracting a named region from a source file, the way mdBook's
 * `{{#include file:anchor}}` does. A region is delimited by lines containing
 * `ANCHOR: name` and `ANCHOR_END: name` (usually inside a comment). Marker
 * lines of every anchor are removed from the result, so nested regions read
 * cleanly, and the common indentation is stripped.
 */

const MARKER = /\bANCHOR(_END)?:\s*([A-Za-z0-9_-]+)/;

export class ListingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListingError';
  }
}

/** Names of every anchor opened in `source`, in order of appearance. */
export function anchorsIn(source: string): string[] {
  const names: string[] = [];
  for (const line of source.split('\n')) {
    const m = MARKER.exec(line);
    if (m && !m[1] && m[2] && !names.includes(m[2])) names.push(m[2]);
  }
  return names;
}

/** Removes the common leading whitespace of the non-blank lines. */
export function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut));
}

/** Trims blank lines at both ends. */
function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.trim() === '') start++;
  while (end > start && lines[end - 1]?.trim() === '') end--;
  return lines.slice(start, end);
}

/**
 * The text of region `anchor` of `source` (the whole file when `anchor` is
 * undefined). `file` only serves the error messages.
 */
export function extractRegion(source: string, file: string, anchor?: string): string {
  const all = source.replace(/\r\n/g, '\n').split('\n');
  let inside = anchor === undefined;
  let found = anchor === undefined;
  let closed = anchor === undefined;
  const kept: string[] = [];
  for (const line of all) {
    const m = MARKER.exec(line);
    if (m) {
      if (m[2] === anchor) {
        if (m[1]) {
          if (!inside) throw new ListingError(`${file}: ANCHOR_END: ${anchor} comes before its ANCHOR: ${anchor}.`);
          inside = false;
          closed = true;
        } else {
          inside = true;
          found = true;
        }
      }
      continue;
    }
    if (inside) kept.push(line);
  }
  if (!found) {
    const known = anchorsIn(source);
    const hint = known.length ? `Anchors in that file: ${known.join(', ')}.` : 'That file has no anchors yet.';
    throw new ListingError(
      `${file} has no anchor "${anchor}". ${hint} Mark a region with lines containing "ANCHOR: ${anchor}" and "ANCHOR_END: ${anchor}".`,
    );
  }
  if (!closed)
    throw new ListingError(
      `${file}: anchor "${anchor}" is never closed; add a line containing "ANCHOR_END: ${anchor}".`,
    );
  const text = dedent(trimBlank(kept)).join('\n');
  if (text === '') throw new ListingError(`${file}: anchor "${anchor}" is empty.`);
  return text;
}

/** A diff's added lines lose their "+"; other sources are unchanged. */
function unpatch(lines: string[]): string[] {
  return lines.every((l) => l.startsWith('+')) ? lines.map((l) => l.slice(1)) : lines;
}

/**
 * The C function `name` of `source` with the comment block right above it,
 * from its definition line (at column 0, after a diff's "+") to its closing
 * "}" at column 0. Kernel patches cannot carry anchors, so chapters show
 * their functions by name. `file` only serves the error messages.
 */
export function extractFunction(source: string, file: string, name: string): string {
  const all = source.replace(/\r\n/g, '\n').split('\n');
  const head = new RegExp(`^\\+?[A-Za-z_][\\w \\t*]*\\b${name}\\(`);
  const start = all.findIndex((l) => head.test(l) && !l.trimEnd().endsWith(';'));
  if (start < 0) throw new ListingError(`${file}: no definition of function "${name}" at the start of a line.`);
  const end = all.findIndex((l, i) => i > start && /^\+?\}\s*$/.test(l));
  if (end < 0) throw new ListingError(`${file}: function "${name}" has no closing "}" at the start of a line.`);
  let top = start;
  while (top > 0 && /^\+?(\/\*| \*)/.test(all[top - 1] ?? '')) top--;
  return unpatch(all.slice(top, end + 1)).join('\n');
}
