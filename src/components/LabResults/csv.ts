/**
 * Machine-readable output as CSV (lab 3's harness): the first line that
 * looks like a header names the columns; each later line with exactly as
 * many fields is a row. Numbers become numbers, empty fields null. Lines
 * that are not rows (progress, a crash message) are counted and skipped.
 * Fields never hold commas or quotes in our labs, so none are unquoted.
 */
import type { Parsed, Row, Value } from './parse';

export interface ParsedCsv extends Parsed {
  header: string[];
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function value(field: string): Value {
  if (field === '') return null;
  return NUMBER.test(field) ? Number(field) : field;
}

/** The header is the first line whose fields are all names (letters, digits, _). */
function isHeader(fields: string[]): boolean {
  return fields.length > 1 && fields.every((f) => /^[a-z_][a-z0-9_]*$/i.test(f));
}

export function parseCsv(output: string): ParsedCsv {
  let header: string[] = [];
  const rows: Row[] = [];
  let skipped = 0;
  for (const line of output.split('\n')) {
    const text = line.trim();
    if (text === '') continue;
    const fields = text.split(',');
    if (header.length === 0 && isHeader(fields)) header = fields;
    else if (header.length > 0 && fields.length === header.length && !text.startsWith('#'))
      rows.push(Object.fromEntries(header.map((h, i) => [h, value(fields[i] ?? '')])));
    else skipped++;
  }
  return { header, rows, skipped };
}

/** Rows back to CSV text, for a download. */
export function toCsv(header: string[], rows: Row[]): string {
  const lines = rows.map((r) => header.map((h) => (r[h] === null || r[h] === undefined ? '' : String(r[h]))).join(','));
  return [header.join(','), ...lines].join('\n') + '\n';
}
